/**
 * Health score, 0–100, for the cluster and for each namespace.
 *
 *   N  = objects counted in the scope (pods, Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Services,
 *        Ingresses, PVCs, HPAs, PDBs, NetworkPolicies; the cluster score adds Nodes, PVs and StorageClasses)
 *   C  = objects affected by critical findings, W = objects affected by warning findings
 *        (a finding affects `count` objects: the pods folded into it plus merged findings; C + W is capped at N)
 *   H  = N − C − W, the healthy objects
 *   Fc, Fw = number of distinct critical / warning findings (after folding and merging)
 *
 *   score = max(0, round( 100 · H / (H + 5·C + 2·W)  −  min(40, 10·Fc + 3·Fw) ))
 *
 * The first term is the share of healthy objects, with a broken object weighing like five healthy ones (two for a
 * warning), so a namespace where most things fail drops near zero. The second term makes every distinct problem
 * visible even in a large namespace: one critical finding among 1,000 healthy objects still costs 10 points.
 * Info findings never lower the score. A scope with no objects and no findings scores 100.
 */
import type { Finding, Snapshot } from './types';

const NAMESPACED: (keyof Snapshot)[] = [
  'pods',
  'deployments',
  'statefulSets',
  'daemonSets',
  'jobs',
  'cronJobs',
  'services',
  'ingresses',
  'pvcs',
  'hpas',
  'pdbs',
  'networkPolicies',
];
const CLUSTER: (keyof Snapshot)[] = ['nodes', 'pvs', 'storageClasses'];

export interface ScoreInput {
  objects: number;
  critical: number;
  warning: number;
  criticalFindings: number;
  warningFindings: number;
}

export function scoreFormula(i: ScoreInput): number {
  const c = Math.min(i.critical, i.objects);
  const w = Math.min(i.warning, Math.max(0, i.objects - c));
  const h = Math.max(0, i.objects - c - w);
  const share = h + 5 * c + 2 * w === 0 ? 100 : (100 * h) / (h + 5 * c + 2 * w);
  const penalty = Math.min(40, 10 * i.criticalFindings + 3 * i.warningFindings);
  return Math.max(0, Math.round(share - penalty));
}

export interface Scores {
  score: number;
  namespaces: Record<string, { score: number; critical: number; warning: number; info: number }>;
}

function affected(f: Finding): number {
  return Math.max(1, f.count ?? 1);
}

/**
 * The namespaces a finding costs: its own (for every object it stands for), and each other namespace whose objects
 * were merged into it because they share its root cause (web pods in "default" failing on an OOMKilled backend in
 * "shop"), so a namespace does not look healthy because its problem's cause lives elsewhere.
 */
function namespacesHit(f: Finding): Map<string, number> {
  const out = new Map<string, number>();
  if (f.namespace) out.set(f.namespace, affected(f));
  for (const r of f.related ?? []) {
    if (!r.namespace || r.namespace === f.namespace) continue;
    out.set(r.namespace, (out.get(r.namespace) ?? 0) + 1);
  }
  return out;
}

/** Scores from the findings of one run; `namespaces` limits which namespaces get an entry (all with objects otherwise). */
export function computeScores(snapshot: Snapshot, findings: Finding[], namespaces?: string[]): Scores {
  const objects = new Map<string, number>();
  let clusterObjects = 0;
  for (const list of NAMESPACED) {
    for (const o of snapshot[list] as { metadata?: { namespace?: string } }[]) {
      const ns = o.metadata?.namespace ?? '';
      objects.set(ns, (objects.get(ns) ?? 0) + 1);
      clusterObjects++;
    }
  }
  for (const list of CLUSTER) clusterObjects += (snapshot[list] as unknown[]).length;
  for (const n of snapshot.namespaces)
    if (n.metadata?.name && !objects.has(n.metadata.name)) objects.set(n.metadata.name, 0);

  type Tally = ScoreInput & { info: number };
  const empty = (n: number): Tally => ({
    objects: n,
    critical: 0,
    warning: 0,
    criticalFindings: 0,
    warningFindings: 0,
    info: 0,
  });
  const perNs = new Map<string, Tally>();
  const cluster = empty(clusterObjects);
  const add = (t: Tally, f: Finding, n: number) => {
    if (f.severity === 'critical') {
      t.critical += n;
      t.criticalFindings++;
    } else if (f.severity === 'warning') {
      t.warning += n;
      t.warningFindings++;
    } else t.info++;
  };
  for (const f of findings) {
    add(cluster, f, affected(f));
    for (const [ns, n] of namespacesHit(f)) {
      let t = perNs.get(ns);
      if (!t) perNs.set(ns, (t = empty(objects.get(ns) ?? 0)));
      add(t, f, n);
    }
  }
  const wanted = namespaces ?? [...new Set([...objects.keys(), ...perNs.keys()])].filter(Boolean);
  const out: Scores['namespaces'] = {};
  for (const ns of wanted.sort()) {
    const t = perNs.get(ns) ?? empty(objects.get(ns) ?? 0);
    // A finding always stands for at least one object, even where that kind is not in the object count.
    const tt = { ...t, objects: Math.max(t.objects, t.critical + t.warning) };
    out[ns] = { score: scoreFormula(tt), critical: t.criticalFindings, warning: t.warningFindings, info: t.info };
  }
  const ct = { ...cluster, objects: Math.max(cluster.objects, cluster.critical + cluster.warning) };
  return { score: scoreFormula(ct), namespaces: out };
}
