/**
 * One item in, one diagnosis out: `{ score, summary, namespaces, findings, scope, … }` (lib/diagnose/report's JSON)
 * plus `markdown`, `llm` or `html` (and `report.html` as binary data), `notes`, and `mapping` when anonymized.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { DiagnoseOptions, Language, Severity } from '../../../lib/diagnose';
import { anonymize } from '../../../lib/diagnose/anonymize';
import { renderForLLM, renderHTML, renderMarkdown, toReportJSON } from '../../../lib/diagnose/report';
import { withCurveSection } from '../../../lib/capacity/curve-chart';
import { attachOomCurves } from '../../../lib/capacity/oom-chain';
import type { KubeConnection } from '../../../lib/kube/connect';
import type { PrometheusEndpoint } from '../../../lib/prometheus/endpoint';
import { diagnoseTarget, targetFromItem, type DiagnoseTarget } from '../../../lib/triage';
import { languageOf } from '../../shared/language';

function targetOf(ctx: IExecuteFunctions, i: number, json: IDataObject): DiagnoseTarget {
  const scope = ctx.getNodeParameter('scope', i) as string;
  switch (scope) {
    case 'namespace':
      return { scope, namespace: (ctx.getNodeParameter('namespace', i, '') as string).trim() || undefined };
    case 'resource': {
      const kind = (ctx.getNodeParameter('kind', i, '') as string).trim();
      const name = (ctx.getNodeParameter('name', i, '') as string).trim();
      if (!kind || !name)
        throw new NodeOperationError(ctx.getNode(), 'Kind and Name are required to diagnose one resource', {
          itemIndex: i,
        });
      return { scope, kind, name, namespace: (ctx.getNodeParameter('namespace', i, '') as string).trim() || undefined };
    }
    case 'alert': {
      const target = targetFromItem(json);
      if (!target) {
        throw new NodeOperationError(ctx.getNode(), 'The input item names no Kubernetes object', {
          itemIndex: i,
          description:
            'Scope "Alert Item" takes an item from the Prometheus Alert node (Parse or Enrich), or any item with resource: { kind, namespace, name }, or alert labels with a namespace',
        });
      }
      return target;
    }
    default:
      return { scope: 'cluster' };
  }
}

export async function diagnoseItem(
  ctx: IExecuteFunctions,
  conn: KubeConnection,
  i: number,
  json: IDataObject,
  prometheus?: PrometheusEndpoint,
): Promise<INodeExecutionData> {
  const options = ctx.getNodeParameter('options', i, {});
  const analyzers = Array.isArray(options.analyzers) ? (options.analyzers as string[]) : [];
  const opts: DiagnoseOptions = {
    minSeverity: ctx.getNodeParameter('minSeverity', i, 'warning') as Severity,
    ...(analyzers.length ? { analyzers } : {}),
  };
  const target = targetOf(ctx, i, json);
  const run = await diagnoseTarget(conn, target, opts);

  let result = run.result;
  // with Prometheus, an OOMKilled root cause also says whether memory climbed (a leak) or jumped (a spike)
  const oom = prometheus ? await attachOomCurves(conn, prometheus, result.findings) : undefined;
  let mapping: IDataObject | undefined;
  const anonymized = ctx.getNodeParameter('anonymize', i, false) as boolean;
  if (anonymized) {
    const masked = anonymize(result);
    result = masked.result;
    // as an AI tool the whole item goes to the model: the mapping would undo the anonymization
    if (!ctx.getNode().type.endsWith('Tool')) mapping = masked.mapping as unknown as IDataObject;
  }
  const out = toReportJSON(result) as unknown as IDataObject;
  if (options.includeFindings === false) delete out.findings;
  if (run.notes.length) out.notes = run.notes;
  if (oom?.curves.length && !anonymized)
    out.memoryCurves = oom.curves.map(({ finding, curve }) => ({ finding, ...curve }));
  if (oom?.errors.length)
    out.notes = [...((out.notes as string[]) ?? []), ...oom.errors.map((e) => `memory curve: ${e}`)];

  const output = ctx.getNodeParameter('output', i, 'json') as string;
  const language: Language = languageOf(options.language);
  const item: INodeExecutionData = { json: out, pairedItem: { item: i } };
  if (output === 'markdown')
    out.markdown = renderMarkdown(result, {
      maxChars: ctx.getNodeParameter('markdownMaxChars', i, 3800) as number,
      language,
    });
  if (output === 'llm')
    out.llm = renderForLLM(result, { budget: ctx.getNodeParameter('llmBudget', i, 6000) as number, language });
  if (output === 'html') {
    // the memory curve confirms an OOM root cause; anonymized reports leave it out like the JSON does
    const page = renderHTML(result, { language });
    const html =
      oom && !anonymized
        ? withCurveSection(
            page,
            oom.curves.map((c) => c.curve),
          )
        : page;
    out.html = html;
    const field = ctx.getNodeParameter('binaryPropertyName', i, 'data').trim() || 'data';
    item.binary = {
      [field]: await ctx.helpers.prepareBinaryData(Buffer.from(html, 'utf8'), 'report.html', 'text/html'),
    };
  }
  if (anonymized) out.anonymized = true;
  if (mapping) out.mapping = mapping;
  return item;
}
