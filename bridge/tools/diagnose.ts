import { z } from 'zod';
import { attachOomCurves } from '../../lib/capacity/oom-chain';
import { ANALYZERS, diagnose, RequestError, resolveScope } from '../../lib/diagnose';
// the LLM renderer alone: the report index also loads echarts (~55 MiB RSS) for the HTML charts
import { renderForLLM } from '../../lib/diagnose/report/llm';
import { compactFinding, rootCauses } from './findings';
import { budgetArg, LIMITS, severityArg, textBudget } from './shared';
import { READ_ONLY, defineTool } from './types';

const ANALYZER_NAMES = ANALYZERS.map((a) => a.name);

export const diagnoseTool = defineTool({
  name: 'diagnose',
  title: 'Diagnose (root causes)',
  description:
    'Call this FIRST for "what is wrong": runs the analyzers over the cluster, one namespace, or one object (kind + name) and follows the chain to the root cause (e.g. missing StorageClass behind a Pending pod, image tag typo, OOMKilled at the memory limit). Returns root causes first, each with evidence (events, log lines, field values) and fix commands, within a character budget.',
  input: {
    namespace: z
      .string()
      .max(LIMITS.namespace)
      .optional()
      .describe('only this namespace (with kind+name: the namespace of that object)'),
    kind: z
      .string()
      .min(1)
      .max(LIMITS.kind)
      .optional()
      .describe('with name: diagnose one object and what it depends on, e.g. Deployment, pod, pvc'),
    name: z.string().min(1).max(LIMITS.name).optional().describe('with kind: the object name'),
    analyzers: z
      .array(z.string().min(1).max(LIMITS.kind))
      .max(LIMITS.list)
      .optional()
      .describe(`only these analyzers (default: the default set; ["all"] = every one): ${ANALYZER_NAMES.join(', ')}`),
    minSeverity: severityArg.describe('leave out findings below this severity (default warning)'),
    budget: budgetArg,
    language: z
      .enum(['en', 'zh'])
      .optional()
      .describe('zh: root causes and report words in Simplified Chinese (names, cluster messages, commands unchanged)'),
  },
  annotations: READ_ONLY,
  async run(a, { kube, config }) {
    // scope, kind spelling, the object's existence and analyzer names: lib's one request contract
    let scope;
    try {
      scope = await resolveScope(kube, { namespace: a.namespace, kind: a.kind, name: a.name, analyzers: a.analyzers });
    } catch (err) {
      if (err instanceof RequestError) throw new Error(`argument ${err.field}: ${err.message}`);
      throw err;
    }
    const result = await diagnose(kube, { ...scope, minSeverity: a.minSeverity ?? 'warning' });
    // with --prometheus-url, an OOMKilled root cause also says whether memory climbed (a leak) or jumped (a spike)
    const oom = config.prometheusUrl
      ? await attachOomCurves(kube, config.prometheusUrl, result.findings, { timeoutMs: 10_000 })
      : undefined;
    const budget = textBudget(a.budget, config.maxOutputChars);
    return {
      text: renderForLLM(result, { budget, language: a.language ?? config.language }),
      data: {
        score: result.score,
        complete: result.complete,
        ...(result.failedReads?.length ? { failedReads: result.failedReads } : {}),
        scope: result.scope,
        rootCauses: rootCauses(result.findings),
        findings: result.findings.map((f) => compactFinding(f)),
        ...(result.warnings?.length ? { warnings: result.warnings } : {}),
        // the curve's figures without its points: a model needs the shape, not 240 samples
        ...(oom?.curves.length
          ? {
              memoryCurves: oom.curves.map(({ finding, curve: c }) => ({
                finding,
                pod: c.pod,
                container: c.container,
                shape: c.shape,
                startBytes: c.startBytes,
                peakBytes: c.peakBytes,
                limitBytes: c.limitBytes,
                slopeBytesPerHour: c.slopeBytesPerHour,
                timeToLimitSeconds: c.timeToLimitSeconds,
                summary: c.summary,
              })),
            }
          : {}),
        ...(oom?.errors.length ? { memoryCurveErrors: oom.errors } : {}),
      },
    };
  },
});
