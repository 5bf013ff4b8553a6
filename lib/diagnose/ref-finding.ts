/** Turns a MissingRef into a Finding the same way for every analyzer that checks references. */
import type { CoreV1Event } from '@kubernetes/client-node';
import { refCause, type MissingRef } from './ref-check';
import type { Evidence, Finding, ObjectRef } from './types';
import { clip, nsFlag, refText } from './util';

function fixCommands(m: MissingRef): string[] {
  const t = m.target;
  const ns = nsFlag(t.namespace);
  const fromCmd = `kubectl${nsFlag(m.from.namespace)} edit ${m.from.kind.toLowerCase()} ${m.from.name}`;
  if (m.key) {
    const show =
      t.kind === 'Secret'
        ? `kubectl${ns} describe secret ${t.name}`
        : `kubectl${ns} get ${t.kind.toLowerCase()} ${t.name} -o jsonpath='{.data}'`;
    return [show, fromCmd];
  }
  switch (m.reason) {
    case 'MissingImagePullSecret':
      return [
        `kubectl${ns} create secret docker-registry ${t.name} --docker-server=<registry> --docker-username=<user> --docker-password=<password>`,
      ];
    case 'MissingServiceAccount':
      return [`kubectl${ns} create serviceaccount ${t.name}`];
    case 'MissingConfigMap':
      return [`kubectl${ns} get configmaps`, `kubectl${ns} create configmap ${t.name} --from-file=<path>`];
    case 'MissingSecret':
      return [`kubectl${ns} get secrets`, `kubectl${ns} create secret generic ${t.name} --from-literal=<key>=<value>`];
    case 'IngressTLSSecretMissing':
      return [`kubectl${ns} create secret tls ${t.name} --cert=<cert.pem> --key=<key.pem>`];
    default:
      return [`kubectl${ns} get ${t.kind.toLowerCase()}`, fromCmd];
  }
}

/** Event and container-state texts that mention the missing name: the symptom, as evidence for the cause. */
export function mentioning(events: CoreV1Event[], name: string, max = 2): Evidence[] {
  const re = new RegExp(`(^|[^a-z0-9.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9-])`);
  const out: Evidence[] = [];
  for (const e of events) {
    const msg = e.message ?? '';
    if (!re.test(msg)) continue;
    const text = clip(`${e.reason ?? 'Event'}: ${msg}`, 300);
    if (out.some((x) => x.text === text)) continue;
    const io = e.involvedObject;
    out.push({
      source: 'event',
      object: io?.kind && io.name ? { kind: io.kind, namespace: io.namespace, name: io.name } : undefined,
      text,
    });
    if (out.length >= max) break;
  }
  return out;
}

export function missingRefFinding(analyzer: string, m: MissingRef, evidence: Evidence[], owner?: ObjectRef): Finding {
  const t = m.target;
  const where = m.where.join('; ');
  const hint = m.didYouMean ? ` A ${m.key ? 'key' : t.kind} named "${m.didYouMean}" exists — a typo?` : '';
  const message = m.key?.startsWith('port ')
    ? `${refText(m.from)} sends ${where} to ${m.key} of ${refText(t)}, which it does not have${m.detail ? ` (${m.detail})` : ''}: ${m.effect}.`
    : m.key
      ? `${refText(m.from)} reads key "${m.key}" of ${refText(t)} (${where}), which it does not have${m.detail ? ` (${m.detail})` : ''}: ${m.effect}.${hint}`
      : `${refText(m.from)} references ${refText(t)} (${where}), which does not exist: ${m.effect}.${hint}`;
  const suggestion = m.didYouMean
    ? `Fix the reference in ${m.from.kind} ${m.from.name} to "${m.didYouMean}", or create ${t.kind} ${t.name}${m.key ? ` key ${m.key}` : ''}.`
    : m.key
      ? `Add ${m.key} to ${t.kind} ${t.name}, or change the reference in ${m.from.kind} ${m.from.name}.`
      : `Create ${t.kind} ${t.name} in ${t.namespace ?? 'the cluster'}${/ConfigMap|Secret/.test(t.kind) && !m.reason.startsWith('Ingress') ? ', or mark the reference optional: true if the workload can run without it' : ''}.`;
  const fieldEv: Evidence = {
    source: 'field',
    object: m.from,
    text: `${where} → ${t.kind} ${t.name}${m.key && !m.key.startsWith('port ') ? ` key ${m.key}` : ''}`,
  };
  const f: Finding = {
    severity: m.severity,
    analyzer,
    kind: m.from.kind,
    namespace: m.from.namespace,
    name: m.from.name,
    reason: m.reason,
    message,
    evidence: [fieldEv, ...evidence],
    rootCause: refCause(m, evidence[0] ?? fieldEv),
    suggestion,
    commands: fixCommands(m),
  };
  if (owner) f.owner = owner;
  return f;
}
