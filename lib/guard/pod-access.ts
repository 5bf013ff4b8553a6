/**
 * What a pod spec gives the code it runs: the Secrets it mounts or reads into env, and the ServiceAccount whose
 * token it carries. Whoever chooses a pod's image or command can print, log or send all of it, so a write that
 * grants a pod a Secret or a ServiceAccount it did not have reads that Secret, or acts as that account, as surely as
 * a GET would — and reads redact Secrets for exactly that reason.
 */
import type { Escalation } from './policy';

export interface PodAccess {
  escalation: Extract<Escalation, 'secretRefs' | 'serviceAccount'>;
  where: string;
  /** what is compared between before and after: the Secret or account itself, not the field that names it */
  key: string;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '?');

/** `path` is where the pod spec sits (spec, spec.template.spec…); a key is per pod spec and per Secret or account. */
export function podAccess(spec: Rec, path: string): PodAccess[] {
  const out: PodAccess[] = [];
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const secret = (name: string, where: string) =>
    out.push({ escalation: 'secretRefs', where: `${at(where)} (Secret ${name})`, key: `${path} secret ${name}` });
  let projectedToken = false;
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!isRec(v)) continue;
    const volume = `volumes[${str(v.name)}]`;
    if (isRec(v.secret)) secret(str(v.secret.secretName), `${volume}.secret`);
    const sources = isRec(v.projected) && Array.isArray(v.projected.sources) ? v.projected.sources : [];
    for (const s of sources) {
      if (!isRec(s)) continue;
      if (isRec(s.secret)) secret(str(s.secret.name), `${volume}.projected.secret`);
      if (isRec(s.serviceAccountToken)) projectedToken = true;
    }
  }
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const c of Array.isArray(spec[list]) ? spec[list] : []) {
      if (!isRec(c)) continue;
      const container = `${list}[${str(c.name)}]`;
      for (const e of Array.isArray(c.env) ? c.env : []) {
        const ref = isRec(e) && isRec(e.valueFrom) ? e.valueFrom.secretKeyRef : undefined;
        if (isRec(ref)) secret(str(ref.name), `${container}.env[${str(e.name)}].valueFrom.secretKeyRef`);
      }
      for (const e of Array.isArray(c.envFrom) ? c.envFrom : []) {
        if (isRec(e) && isRec(e.secretRef)) secret(str(e.secretRef.name), `${container}.envFrom.secretRef`);
      }
    }
  }
  // the token is mounted unless the pod turns automounting off (a projected token volume mounts it anyway)
  // `serviceAccount` is the deprecated spelling the API server still copies into serviceAccountName
  const named = [spec.serviceAccountName, spec.serviceAccount].find((v) => typeof v === 'string' && v !== '');
  const account = typeof named === 'string' ? named : '';
  const mounted = spec.automountServiceAccountToken !== false || projectedToken;
  if (account !== '' && account !== 'default' && mounted)
    out.push({
      escalation: 'serviceAccount',
      where: `${at('serviceAccountName')} (ServiceAccount ${account})`,
      key: `${path} serviceaccount ${account}`,
    });
  return out;
}
