import { z } from 'zod';
import { ANALYZERS, diagnose, selectAnalyzers } from '../../lib/diagnose';
// the LLM renderer alone: the report index also loads echarts (~55 MiB RSS) for the HTML charts
import { renderForLLM } from '../../lib/diagnose/report/llm';
import { canonicalRef, get } from '../../lib/kube';
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
  },
  annotations: READ_ONLY,
  async run(a, { kube, config }) {
    if (Boolean(a.kind) !== Boolean(a.name))
      throw new Error('arguments kind and name: give both to diagnose one object, or neither');
    if (a.analyzers?.length) {
      const { unknown } = selectAnalyzers(a.analyzers);
      if (unknown.length)
        throw new Error(
          `argument analyzers: unknown ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${ANALYZER_NAMES.join(', ')}, all`,
        );
    }
    // the user may type pods/deploy/pvc: resolve through discovery so the scope matches the analyzers' kind names
    const resource =
      a.kind && a.name ? await canonicalRef(kube, { kind: a.kind, name: a.name, namespace: a.namespace }) : undefined;
    // a typo in the name would otherwise read as "no findings, all healthy"
    if (resource) await get(kube, resource);
    const result = await diagnose(kube, {
      namespace: resource ? resource.namespace : a.namespace,
      resource,
      analyzers: a.analyzers,
      minSeverity: a.minSeverity ?? 'warning',
    });
    const budget = textBudget(a.budget, config.maxOutputChars);
    return {
      text: renderForLLM(result, { budget }),
      data: {
        score: result.score,
        scope: result.scope,
        rootCauses: rootCauses(result.findings),
        findings: result.findings.map((f) => compactFinding(f)),
        ...(result.warnings?.length ? { warnings: result.warnings } : {}),
      },
    };
  },
});
