/**
 * The canonical JSON report: the DiagnosisResult with a summary line of counts, findings in their sorted order.
 * `reportSchema` is what consumers (the MCP tool's output schema, n8n expressions, tests) can rely on.
 */
import { z } from 'zod';
import type { DiagnosisResult } from '../types';
import { counts } from './format';

const objectRef = z.object({ kind: z.string(), namespace: z.string().optional(), name: z.string() });
const severity = z.enum(['critical', 'warning', 'info']);
const evidence = z.object({
  source: z.enum(['event', 'log', 'field', 'condition', 'metric']),
  object: objectRef.optional(),
  text: z.string(),
});

export const findingSchema = z.object({
  severity,
  analyzer: z.string(),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  owner: objectRef.optional(),
  reason: z.string(),
  message: z.string(),
  rootCause: z
    .object({
      object: objectRef,
      code: z.string(),
      facts: z.record(z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
      evidence: evidence.optional(),
      fact: z.string(),
    })
    .optional(),
  evidence: z.array(evidence),
  suggestion: z.string().optional(),
  commands: z.array(z.string()).optional(),
  count: z.number().int().positive().optional(),
  related: z.array(objectRef).optional(),
});

export const reportSchema = z.object({
  /** null when the diagnosis is incomplete */
  score: z.number().min(0).max(100).nullable(),
  complete: z.boolean(),
  failedReads: z
    .array(z.object({ list: z.string(), kind: z.string(), reason: z.enum(['failed', 'forbidden']) }))
    .optional(),
  summary: z.object({
    critical: z.number().int(),
    warning: z.number().int(),
    info: z.number().int(),
    findings: z.number().int(),
  }),
  namespaces: z.record(
    z.object({ score: z.number().nullable(), critical: z.number(), warning: z.number(), info: z.number() }),
  ),
  findings: z.array(findingSchema),
  scope: z.object({
    namespace: z.string().optional(),
    resource: objectRef.optional(),
    analyzers: z.array(z.string()).optional(),
  }),
  generatedAt: z.string(),
  stats: z.record(z.number()),
  warnings: z.array(z.string()).optional(),
  usage: z
    .array(
      z.object({
        namespace: z.string(),
        pod: z.string(),
        container: z.string(),
        cpuMillicores: z.number(),
        memoryBytes: z.number(),
        cpuRequest: z.number().optional(),
        cpuLimit: z.number().optional(),
        memoryRequest: z.number().optional(),
        memoryLimit: z.number().optional(),
      }),
    )
    .optional(),
});

export type ReportJSON = z.infer<typeof reportSchema>;

export function toReportJSON(result: DiagnosisResult): ReportJSON {
  const c = counts(result.findings);
  const out: ReportJSON = {
    score: result.score,
    complete: result.complete !== false,
    ...(result.failedReads?.length ? { failedReads: result.failedReads } : {}),
    summary: { ...c, findings: result.findings.length },
    namespaces: result.namespaces,
    findings: result.findings,
    scope: result.scope,
    generatedAt: result.generatedAt,
    stats: result.stats,
  };
  if (result.warnings?.length) out.warnings = result.warnings;
  if (result.usage?.length) out.usage = result.usage;
  return out;
}

export function renderJSON(result: DiagnosisResult, opts: { pretty?: boolean } = {}): string {
  return JSON.stringify(toReportJSON(result), null, opts.pretty === false ? undefined : 2);
}
