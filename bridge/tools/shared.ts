/** Argument shapes several tools share, described for a model. */
import { z } from 'zod';

/** Caps every tool shares: Kubernetes' own name lengths, and sizes no legitimate call comes near. */
export const LIMITS = {
  kind: 253,
  name: 253,
  namespace: 63,
  selector: 4096,
  manifest: 512 * 1024,
  patch: 128 * 1024,
  text: 256,
  list: 100,
} as const;

/** A bounded string: `max` characters; hostile input is refused by the schema before any work. */
export const text = (max: number = LIMITS.text) => z.string().max(max);

/** A map argument with bounded keys, values and entry count (the body cap alone would allow tens of thousands). */
export const record = <V extends z.ZodTypeAny>(keyMax: number, value: V, maxEntries: number = LIMITS.list) =>
  z
    .record(z.string().max(keyMax), value)
    .refine((r) => Object.keys(r).length <= maxEntries, { message: `at most ${maxEntries} entries` });

export const kindArg = z
  .string()
  .min(1)
  .max(LIMITS.kind)
  .describe(
    'resource kind as you would type it to kubectl: Pod, pods, deploy, apps/v1/Deployment, or a CRD kind/plural',
  );
export const nameArg = z.string().min(1).max(LIMITS.name).describe('object name');
export const namespaceArg = z
  .string()
  .max(LIMITS.namespace)
  .optional()
  .describe("namespace (default: the connection's namespace); ignored for cluster-scoped kinds");

export const ref = (a: { kind: string; name: string; namespace?: string }) => ({
  kind: a.kind,
  name: a.name,
  namespace: a.namespace,
});

export const selectorArg = z.string().max(LIMITS.selector);

export const severityArg = z.enum(['critical', 'warning', 'info']).optional();
export const budgetArg = z
  .number()
  .int()
  .min(500)
  .max(200_000)
  .optional()
  .describe(
    'characters of text to return at most (default 8000, never above the bridge output cap); lower it to save context',
  );

/** The text budget: what was asked (default 8000), kept under the bridge's output cap so the cap never cuts it. */
export const textBudget = (requested: number | undefined, maxOutputChars: number): number =>
  Math.max(500, Math.min(requested ?? 8000, maxOutputChars - 200));
