/** Builds root causes as data; every analyzer, explainer and check makes its causes here. */
import { CAUSES, type CauseCode } from './render/causes';
import { causeText } from './render/cause-text';
import type { Evidence, FactValue, Facts, ObjectRef, RootCause } from './types';

export type { CauseCode } from './render/causes';

/** Drops facts that are absent, so JSON shows only what was read. */
function clean(facts: Record<string, FactValue | undefined>): Facts {
  const out: Facts = {};
  for (const [k, x] of Object.entries(facts)) if (x !== undefined && x !== '') out[k] = x;
  return out;
}

export function cause(
  object: ObjectRef,
  code: CauseCode,
  facts: Record<string, FactValue | undefined> = {},
  evidence?: Evidence,
): RootCause {
  const f = clean(facts);
  const rc: RootCause = { object, code, facts: f, fact: causeText(code, f) };
  if (evidence) rc.evidence = evidence;
  return rc;
}

const MISSING: Record<string, CauseCode> = {
  ConfigMap: 'MissingConfigMap',
  Secret: 'MissingSecret',
  ServiceAccount: 'MissingServiceAccount',
  PersistentVolumeClaim: 'MissingPersistentVolumeClaim',
  PersistentVolume: 'MissingPersistentVolume',
  Service: 'MissingService',
  StorageClass: 'MissingStorageClass',
  IngressClass: 'MissingIngressClass',
  PriorityClass: 'MissingPriorityClass',
};
const MISSING_KEY: Record<string, CauseCode> = { ConfigMap: 'MissingConfigMapKey', Secret: 'MissingSecretKey' };

/** `target` does not exist, or has no `key` ("port http" names a port). */
export function missingCause(target: ObjectRef, key?: string, evidence?: Evidence): RootCause {
  const base = { kind: target.kind, name: target.name };
  if (key?.startsWith('port ')) return cause(target, 'MissingPort', { ...base, port: key.slice(5) }, evidence);
  if (key) return cause(target, MISSING_KEY[target.kind] ?? 'MissingKey', { ...base, key }, evidence);
  return cause(target, MISSING[target.kind] ?? 'MissingObject', base, evidence);
}

/** Every code that has text, for tests and for the README's list. */
export const CAUSE_CODES = Object.keys(CAUSES) as CauseCode[];
