/**
 * Fixture plumbing for the network/reference/report tests: loads `sim/scenarios/diagnose/<case>/<variant>.yaml`
 * into a Snapshot and runs analyzers over it through the real context builder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject } from '@kubernetes/client-node';
import { buildContext, emptySnapshot, SNAPSHOT_KINDS } from '../../lib/diagnose/context';
import type { Analyzer, Finding, Snapshot } from '../../lib/diagnose/types';

export const SCENARIOS = join(__dirname, '../../sim/scenarios/diagnose');

/** Log text rides on pod annotations, as the simulator reads it: `sim.kube-aiops.io/logs.<container>`. */
const LOG_PREFIX = 'sim.kube-aiops.io/logs.';
const PREV_PREFIX = 'sim.kube-aiops.io/previous-logs.';

export function loadObjects(scenario: string, variant: 'broken' | 'healthy'): KubernetesObject[] {
  const text = readFileSync(join(SCENARIOS, scenario, `${variant}.yaml`), 'utf8');
  return parseAllDocuments(text).map((d) => d.toJS() as KubernetesObject).filter((o) => o && o.kind);
}

const LIST_BY_KIND = new Map<string, keyof Snapshot>(Object.entries(SNAPSHOT_KINDS).map(([list, kind]) => [kind, list as keyof Snapshot]));

export function snapshotOf(objects: KubernetesObject[]): Snapshot {
  const s = emptySnapshot();
  let uid = 0;
  for (const raw of objects) {
    const o = structuredClone(raw);
    const md = (o.metadata ??= {});
    md.uid ??= `uid-${o.kind}-${md.namespace ?? ''}-${md.name}-${uid++}`;
    const ann = md.annotations ?? {};
    for (const [k, v] of Object.entries(ann)) {
      if (!k.startsWith('sim.kube-aiops.io/')) continue;
      delete ann[k];
      const container = k.startsWith(LOG_PREFIX) ? k.slice(LOG_PREFIX.length) : k.startsWith(PREV_PREFIX) ? k.slice(PREV_PREFIX.length) : undefined;
      if (!container) continue;
      const key = `${md.namespace}/${md.name}/${container}`;
      const entry = (s.logs[key] ??= {});
      if (k.startsWith(LOG_PREFIX)) entry.current = v;
      else entry.previous = v;
    }
    const list = LIST_BY_KIND.get(o.kind ?? '');
    if (!list) continue;
    (s[list] as KubernetesObject[]).push(o);
  }
  // Owner references in fixtures name owners; give them the owners' uids so owner chains resolve.
  const byKey = new Map<string, KubernetesObject>();
  for (const list of Object.keys(SNAPSHOT_KINDS) as (keyof typeof SNAPSHOT_KINDS)[]) {
    for (const o of s[list] as KubernetesObject[]) byKey.set(`${SNAPSHOT_KINDS[list]}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, o);
  }
  for (const list of Object.keys(SNAPSHOT_KINDS) as (keyof typeof SNAPSHOT_KINDS)[]) {
    for (const o of s[list] as KubernetesObject[]) {
      for (const r of o.metadata?.ownerReferences ?? []) {
        const owner = byKey.get(`${r.kind}/${o.metadata?.namespace ?? ''}/${r.name}`);
        if (owner?.metadata?.uid) r.uid = owner.metadata.uid;
      }
    }
  }
  return s;
}

export function snapshotFor(scenario: string, variant: 'broken' | 'healthy'): Snapshot {
  return snapshotOf(loadObjects(scenario, variant));
}

export function run(analyzer: Analyzer, scenario: string, variant: 'broken' | 'healthy'): Finding[] {
  return analyzer.analyze(buildContext(snapshotFor(scenario, variant)));
}

export function atLeastWarning(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'info');
}
