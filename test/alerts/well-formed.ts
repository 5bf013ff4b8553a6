/** A zod schema of the parser's output: fuzz tests check every result against it. */
import { z } from 'zod';
import { ALERT_SOURCES, RESOURCE_KINDS } from '../../lib/alerts';

const stringMap = z.record(z.string()).refine((m) => Object.getPrototypeOf(m) === Object.prototype, 'plain object');
const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const sources = z.enum(ALERT_SOURCES as [string, ...string[]]);

const ref = z
  .object({
    kind: z.enum(RESOURCE_KINDS),
    namespace: z.string().min(1).optional(),
    name: z.string().min(1),
    container: z.string().min(1).optional(),
    nodeIP: z.string().min(1).optional(),
    confidence: z.enum(['high', 'medium', 'low']),
    via: z.string().min(1),
  })
  .strict();

const group = z
  .object({
    groupKey: z.string().optional(),
    receiver: z.string().optional(),
    status: z.enum(['firing', 'resolved']).optional(),
    groupLabels: stringMap,
    commonLabels: stringMap,
    commonAnnotations: stringMap,
    externalURL: z.string().optional(),
    truncatedAlerts: z.number().int().nonnegative(),
    version: z.string().optional(),
    title: z.string().optional(),
    message: z.string().optional(),
    orgId: z.number().optional(),
  })
  .strict();

export const normalizedAlertSchema = z
  .object({
    status: z.enum(['firing', 'resolved']),
    severity: z.enum(['critical', 'warning', 'info', 'none']),
    severitySource: z.object({ label: z.string(), value: z.string() }).strict().optional(),
    alertname: z.string(),
    summary: z.string(),
    description: z.string(),
    labels: stringMap.refine((m) => Object.keys(m).length > 0, 'at least one label'),
    annotations: stringMap,
    startsAt: iso.optional(),
    endsAt: iso.optional(),
    durationMs: z.number().nonnegative().finite().optional(),
    duration: z
      .string()
      .regex(/^(\d+[dhms])( \d+[dhms])?$/)
      .optional(),
    fingerprint: z.string().min(1).max(64),
    fingerprintComputed: z.boolean(),
    dedupeKey: z.string().min(1),
    generatorURL: z
      .string()
      .regex(/^https?:\/\//i)
      .optional(),
    expr: z.string().min(1).optional(),
    runbookURL: z
      .string()
      .regex(/^https?:\/\//i)
      .optional(),
    silenceURL: z
      .string()
      .regex(/^https?:\/\//i)
      .optional(),
    dashboardURL: z
      .string()
      .regex(/^https?:\/\//i)
      .optional(),
    panelURL: z
      .string()
      .regex(/^https?:\/\//i)
      .optional(),
    values: z.record(z.number().finite()).optional(),
    valueString: z.string().optional(),
    source: sources,
    group: group.optional(),
    api: z
      .object({
        state: z.enum(['active', 'suppressed', 'unprocessed', 'unknown']),
        silencedBy: z.array(z.string()),
        inhibitedBy: z.array(z.string()),
        receivers: z.array(z.string()),
        updatedAt: iso.optional(),
      })
      .strict()
      .optional(),
    resource: ref
      .extend({ related: z.array(ref) })
      .strict()
      .optional(),
    warnings: z.array(z.string()).max(50),
  })
  .strict()
  .refine((a) => (a.durationMs === undefined) === (a.duration === undefined), 'duration and durationMs together')
  .refine((a) => a.endsAt === undefined || a.status === 'resolved', 'only resolved alerts have endsAt');

export const parseResultSchema = z
  .object({
    alerts: z.array(normalizedAlertSchema),
    errors: z.array(
      z.object({ index: z.number().int().nonnegative().optional(), message: z.string().min(1) }).strict(),
    ),
    format: z.enum([...(ALERT_SOURCES as [string, ...string[]]), 'unknown']),
    group: group.optional(),
  })
  .strict();

/** Throws with the zod issue list when a result is not well-formed; also checks it survives a JSON round trip. */
export function assertWellFormed(result: unknown, maxFieldLength = 8192): void {
  const parsed = parseResultSchema.safeParse(result);
  if (!parsed.success) throw new Error(`malformed result: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  const text = JSON.stringify(result);
  expectDeepEqual(JSON.parse(text), result);
  for (const alert of parsed.data.alerts) {
    for (const map of [alert.labels, alert.annotations]) {
      for (const value of Object.values(map))
        if (value.length > maxFieldLength) throw new Error(`field longer than ${maxFieldLength}`);
    }
  }
}

function expectDeepEqual(a: unknown, b: unknown): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('result does not survive a JSON round trip');
}
