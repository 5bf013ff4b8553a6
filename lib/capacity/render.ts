/**
 * The capacity report rendered: the JSON shape the CLI, node and tool hand out, one-line reasons from the verdict's
 * codes and facts, and text and Markdown. Names come from the cluster and are untrusted: Markdown cells are escaped.
 */
import type { CapacityReport, PoolBlocker, PoolReport, WorkloadReport } from './types';

const MI = 2 ** 20;
const mi = (b: number | undefined) => (b === undefined ? '-' : `${Math.round(b / MI)}Mi`);
const mc = (m: number | undefined) => (m === undefined ? '-' : `${Math.round(m)}m`);
const money = (n: number | undefined, currency: string | undefined) =>
  n === undefined ? '-' : `${n.toFixed(2)}${currency ? ` ${currency}` : ''}`;

/** One sentence per reason, built from the numbers that decided it. */
export function reasonText(w: WorkloadReport): string {
  const f = w.recommendation.facts;
  const parts: string[] = [];
  for (const code of w.recommendation.codes) {
    switch (code) {
      case 'no-series':
        parts.push(`no CPU or memory series for this container in the window (check the query labels and selector)`);
        break;
      case 'short-history':
        parts.push(`only ${f.historyHours} h of history, less than the ${f.minHistoryHours} h needed`);
        break;
      case 'no-cpu-data':
        parts.push('no CPU history');
        break;
      case 'no-memory-data':
        parts.push('no memory history');
        break;
      case 'oom-killed':
        parts.push(`OOMKilled (${f.oomKills} restart${f.oomKills === 1 ? '' : 's'} after a kill)`);
        break;
      case 'memory-leak':
        parts.push(
          `memory climbs steadily${f.memorySlopeMiPerHour !== undefined ? ` at about ${f.memorySlopeMiPerHour}Mi/h` : ''}${f.hoursToLimit !== undefined ? `, reaching the limit ${f.hoursToLimit} h after a start` : ''} (a leak): a higher limit only delays the next kill, fix the memory use`,
        );
        break;
      case 'memory-spike':
        parts.push('memory jumps to the limit (a spike): the limit is too low for the load it meets');
        break;
      case 'memory-near-limit':
        parts.push(`peak working set ${f.memoryMaxMi}Mi is ${f.peakOfLimitPercent}% of the ${f.memoryLimitMi}Mi limit`);
        break;
      case 'cpu-no-request':
        parts.push(`no CPU request, p95 usage ${f.cpuP95Millicores}m`);
        break;
      case 'memory-no-request':
        parts.push(`no memory request, p99 working set ${f.memoryP99Mi}Mi`);
        break;
      case 'cpu-under':
        parts.push(
          `CPU p95 ${f.cpuP95Millicores}m is ${f.cpuP95OfRequestPercent}% of the ${f.cpuRequestMillicores}m request`,
        );
        break;
      case 'memory-under':
        parts.push(
          `memory p99 ${f.memoryP99Mi}Mi is ${f.memoryP99OfRequestPercent}% of the ${f.memoryRequestMi}Mi request`,
        );
        break;
      case 'cpu-over':
        parts.push(
          `CPU request ${f.cpuRequestMillicores}m against p95 ${f.cpuP95Millicores}m (${f.cpuWasteMillicores}m unused per replica)`,
        );
        break;
      case 'memory-over':
        parts.push(
          `memory request ${f.memoryRequestMi}Mi against p99 ${f.memoryP99Mi}Mi (${f.memoryWasteMi}Mi unused per replica)`,
        );
        break;
    }
  }
  if (!parts.length && w.recommendation.verdict === 'ok') {
    const cpu = f.cpuP95Millicores !== undefined ? `CPU p95 ${f.cpuP95Millicores}m of ${mc(w.requestMillicores)}` : '';
    const mem = f.memoryP99Mi !== undefined ? `memory p99 ${f.memoryP99Mi}Mi of ${mi(w.requestBytes)}` : '';
    parts.push(`requests match usage (${[cpu, mem].filter(Boolean).join(', ')})`);
  }
  return parts.join('; ');
}

export function blockerText(b: PoolBlocker): string {
  const f = b.facts;
  switch (b.code) {
    case 'pod-too-large':
      return `${b.object} requests ${f.cpuRequestMillicores}m / ${f.memoryRequestMi}Mi, more than one node has room for (${f.roomPerNodeMillicores}m / ${f.roomPerNodeMi}Mi)`;
    case 'anti-affinity':
      return `${f.kind} ${b.object}: ${f.podsThatMustNotShareANode} pods with required anti-affinity need as many nodes (tried ${f.nodesTried})`;
    case 'daemonset-overhead':
      return `DaemonSets${b.object ? ` (${b.object})` : ''} take ${f.perNodeCpuMillicores}m / ${f.perNodeMemoryMi}Mi on every node; without them ${f.nodesTried} node(s) would do`;
    case 'capacity':
      return `requests ${f.requestedCpuMillicores}m / ${f.requestedMemoryMi}Mi do not fit ${f.nodesTried} node(s) (${f.roomCpuMillicores}m / ${f.roomMemoryMi}Mi after DaemonSets and ${f.headroomPercent}% headroom)`;
    default:
      return b.code;
  }
}

export interface CapacityJson {
  window: string;
  complete: boolean;
  workloads: {
    kind: string;
    namespace: string;
    name: string;
    container: string;
    replicas: number;
    cpu: {
      requestMillicores: number | null;
      limitMillicores: number | null;
      p95Millicores: number | null;
      recommendedRequestMillicores: number | null;
    };
    memory: {
      requestBytes: number | null;
      limitBytes: number | null;
      maxBytes: number | null;
      recommendedRequestBytes: number | null;
      recommendedLimitBytes: number | null;
    };
    verdict: string;
    reason: string;
  }[];
  pools: {
    label: string;
    value: string;
    nodes: number;
    recommendedNodes: number;
    blockers: { code: string; object?: string; message: string }[];
    monthlyCost: number | null;
    monthlySavings: number | null;
  }[];
  savings: { monthly: number; currency: string | null };
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export function toCapacityJson(r: CapacityReport): CapacityJson {
  return {
    window: r.window,
    complete: r.complete,
    workloads: r.workloads.map((w) => ({
      kind: w.kind,
      namespace: w.namespace,
      name: w.name,
      container: w.container,
      replicas: w.replicas,
      cpu: {
        requestMillicores: orNull(w.requestMillicores),
        limitMillicores: orNull(w.limitMillicores),
        p95Millicores: orNull(w.recommendation.cpu.p95Millicores),
        recommendedRequestMillicores: orNull(w.recommendation.cpu.recommendedRequestMillicores),
      },
      memory: {
        requestBytes: orNull(w.requestBytes),
        limitBytes: orNull(w.limitBytes),
        maxBytes: orNull(w.recommendation.memory.maxBytes),
        recommendedRequestBytes: orNull(w.recommendation.memory.recommendedRequestBytes),
        recommendedLimitBytes: orNull(w.recommendation.memory.recommendedLimitBytes),
      },
      verdict: w.recommendation.verdict,
      reason: reasonText(w),
    })),
    pools: r.pools.map((p) => ({
      label: p.label,
      value: p.value,
      nodes: p.nodes,
      recommendedNodes: p.recommendedNodes,
      blockers: p.blockers.map((b) => ({
        code: b.code,
        ...(b.object ? { object: b.object } : {}),
        message: blockerText(b),
      })),
      monthlyCost: orNull(p.monthlyCost),
      monthlySavings: orNull(p.monthlySavings),
    })),
    savings: { monthly: r.savings.monthly, currency: orNull(r.savings.currency) },
  };
}

const VERDICT_ORDER = ['oom-risk', 'under-provisioned', 'over-provisioned', 'no-data', 'ok'];

/** Rightsizing moves worth making first: risks, then the largest waste. */
export function topMoves(r: CapacityReport, max = 10): WorkloadReport[] {
  const waste = (w: WorkloadReport) =>
    ((w.requestMillicores ?? 0) - (w.recommendation.cpu.recommendedRequestMillicores ?? w.requestMillicores ?? 0)) *
      w.replicas +
    (((w.requestBytes ?? 0) - (w.recommendation.memory.recommendedRequestBytes ?? w.requestBytes ?? 0)) / MI) *
      w.replicas;
  return r.workloads
    .filter((w) => ['oom-risk', 'under-provisioned', 'over-provisioned'].includes(w.recommendation.verdict))
    .sort(
      (a, b) =>
        VERDICT_ORDER.indexOf(a.recommendation.verdict) - VERDICT_ORDER.indexOf(b.recommendation.verdict) ||
        waste(b) - waste(a),
    )
    .slice(0, max);
}

export function moveText(w: WorkloadReport): string {
  const rec = w.recommendation;
  const changes: string[] = [];
  if (
    rec.cpu.recommendedRequestMillicores !== undefined &&
    rec.cpu.recommendedRequestMillicores !== w.requestMillicores
  )
    changes.push(`cpu request ${mc(w.requestMillicores)} → ${mc(rec.cpu.recommendedRequestMillicores)}`);
  if (rec.memory.recommendedRequestBytes !== undefined && rec.memory.recommendedRequestBytes !== w.requestBytes)
    changes.push(`memory request ${mi(w.requestBytes)} → ${mi(rec.memory.recommendedRequestBytes)}`);
  if (rec.memory.recommendedLimitBytes !== undefined && rec.memory.recommendedLimitBytes !== w.limitBytes)
    changes.push(`memory limit ${mi(w.limitBytes)} → ${mi(rec.memory.recommendedLimitBytes)}`);
  return `${w.kind} ${w.namespace}/${w.name} [${w.container}] ${rec.verdict}: ${changes.join(', ') || 'no change'} — ${reasonText(w)}`;
}

export function savingsLine(r: CapacityReport): string {
  const shrink = r.pools.filter((p) => p.recommendedNodes < p.nodes);
  if (!r.pools.length) return 'Node pools: not sized (needs every namespace).';
  if (!shrink.length) return 'Node pools: every pool is at its smallest size that fits today’s requests.';
  const moves = shrink.map((p) => `${p.value} ${p.nodes} → ${p.recommendedNodes} nodes`).join(', ');
  const saved = r.savings.currency
    ? `, saving about ${money(r.savings.monthly, r.savings.currency)} a month`
    : ' (no price table: savings not priced)';
  return `Node pools: ${moves}${saved}.`;
}

/**
 * "CPU averaged 12% (p95 15%) and memory 30% (p95 33%) of allocatable over 7d": the sentence a shrink proposal rests
 * on. Undefined without a timeline or without pools (a namespace alone has no allocatable to compare with).
 */
export function utilisationLine(r: CapacityReport): string | undefined {
  const u = r.utilisation;
  if (!u?.allocatable || !u.points.length) return undefined;
  const stats = (i: 1 | 2, total: number) => {
    const v = u.points.map((p) => p[i]).filter((x): x is number => x !== null);
    if (!v.length || total <= 0) return undefined;
    const sorted = [...v].sort((a, b) => a - b);
    const avg = v.reduce((s, x) => s + x, 0) / v.length;
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
    const pct = (x: number) => `${Math.round((x / total) * 100)}%`;
    return `${pct(avg)} (p95 ${pct(p95)})`;
  };
  const cpu = stats(1, u.allocatable.cpuMillicores);
  const mem = stats(2, u.allocatable.memoryBytes);
  if (!cpu && !mem) return undefined;
  const parts = [cpu && `CPU averaged ${cpu}`, mem && `memory ${cpu ? '' : 'averaged '}${mem}`].filter(Boolean);
  return `${parts.join(' and ')} of allocatable over ${r.window}.`;
}

function poolLine(p: PoolReport, currency: string | undefined): string {
  const pct = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 100)}%` : '-');
  const used = p.used
    ? `used p95 ${pct(p.used.cpuMillicores, p.allocatable.cpuMillicores)} CPU / ${pct(p.used.memoryBytes, p.allocatable.memoryBytes)} memory`
    : 'used: no data';
  return [
    `${p.label}=${p.value}: ${p.nodes} node(s), fits on ${p.recommendedNodes}`,
    `  allocatable ${mc(p.allocatable.cpuMillicores)} / ${mi(p.allocatable.memoryBytes)}, requested ${pct(p.requested.cpuMillicores, p.allocatable.cpuMillicores)} CPU / ${pct(p.requested.memoryBytes, p.allocatable.memoryBytes)} memory, ${used}`,
    ...(p.monthlyCost !== undefined
      ? [`  cost ${money(p.monthlyCost, currency)} a month, saving ${money(p.monthlySavings, currency)}`]
      : []),
    ...p.blockers.map((b) => `  not fewer: ${blockerText(b)}`),
  ].join('\n');
}

export function renderCapacityText(r: CapacityReport, opts: { top?: number } = {}): string {
  const counts = new Map<string, number>();
  for (const w of r.workloads) counts.set(w.recommendation.verdict, (counts.get(w.recommendation.verdict) ?? 0) + 1);
  const lines = [
    `Capacity over ${r.window}${r.complete ? '' : ' (INCOMPLETE)'}: ${r.workloads.length} container(s) — ${
      VERDICT_ORDER.filter((v) => counts.get(v))
        .map((v) => `${counts.get(v)} ${v}`)
        .join(', ') || 'none'
    }`,
    savingsLine(r),
  ];
  const used = utilisationLine(r);
  if (used) lines.push(`Utilisation: ${used}`);
  const moves = topMoves(r, opts.top ?? 10);
  if (moves.length) lines.push('', 'Top moves:', ...moves.map((w) => `- ${moveText(w)}`));
  const noData = r.workloads.filter((w) => w.recommendation.verdict === 'no-data');
  if (noData.length)
    lines.push(
      '',
      'No data:',
      ...noData.slice(0, 20).map((w) => `- ${w.kind} ${w.namespace}/${w.name} [${w.container}]: ${reasonText(w)}`),
    );
  if (r.pools.length) lines.push('', 'Pools:', ...r.pools.map((p) => poolLine(p, r.savings.currency)));
  if (r.gaps.length) lines.push('', 'Not read:', ...r.gaps.map((g) => `- ${g}`));
  return lines.join('\n');
}

/** Markdown table cells: pipes, backticks and angle brackets from names stay text. */
export function mdCell(text: string): string {
  return text.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

export function renderCapacityMarkdown(r: CapacityReport, opts: { top?: number } = {}): string {
  const lines = [`## Capacity over ${r.window}${r.complete ? '' : ' (incomplete)'}`, '', mdCell(savingsLine(r))];
  const used = utilisationLine(r);
  if (used) lines.push('', `Utilisation: ${mdCell(used)}`);
  const moves = topMoves(r, opts.top ?? 10);
  if (moves.length) lines.push('', '**Top rightsizing moves**', '', ...moves.map((w) => `- ${mdCell(moveText(w))}`));
  lines.push(
    '',
    '| workload | container | verdict | CPU req → rec | mem req → rec | mem limit → rec |',
    '|---|---|---|---|---|---|',
    ...r.workloads.map((w) => {
      const rec = w.recommendation;
      return `| ${mdCell(`${w.kind} ${w.namespace}/${w.name}`)} | ${mdCell(w.container)} | ${rec.verdict} | ${mc(w.requestMillicores)} → ${mc(rec.cpu.recommendedRequestMillicores)} | ${mi(w.requestBytes)} → ${mi(rec.memory.recommendedRequestBytes)} | ${mi(w.limitBytes)} → ${mi(rec.memory.recommendedLimitBytes)} |`;
    }),
  );
  if (r.pools.length)
    lines.push(
      '',
      '**Node pools**',
      '',
      ...r.pools.map((p) => poolLine(p, r.savings.currency).split('\n').map(mdCell).join('  \n')),
    );
  if (r.gaps.length) lines.push('', '**Not read**', '', ...r.gaps.map((g) => `- ${mdCell(g)}`));
  return lines.join('\n');
}

/** A few lines for an IM digest: the savings line, the utilisation behind it and the top moves. */
export function renderCapacityDigest(r: CapacityReport, top = 3): string {
  const moves = topMoves(r, top);
  const used = utilisationLine(r);
  return [
    `**Capacity over ${r.window}${r.complete ? '' : ' (incomplete)'}**: ${mdCell(savingsLine(r))}`,
    ...(used ? [`Utilisation: ${mdCell(used)}`] : []),
    ...moves.map((w, i) => `${i + 1}. ${mdCell(moveText(w))}`),
  ].join('\n');
}
