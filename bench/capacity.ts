/**
 * `npm run bench:capacity`: capacityReport against Debian's real Prometheus (backfilled with promtool, as in
 * test/capacity) and the simulator, for
 *   1. the capacity test fixture (3 nodes, 5 workloads + a DaemonSet, a week every 2 min),
 *   2. a larger set: the fixture copied into BENCH_NAMESPACES namespaces (default 20), each copy on its own 3 nodes.
 * Prints, per set: series and samples backfilled, promtool time, the report's time (median of BENCH_RUNS, default 3),
 * the peak RSS of the process that made the reports (a child of this one, so generating the history does not count)
 * and Prometheus's peak RSS (VmHWM). Measured, not asserted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capacityReport, type CapacityReport } from '../lib/capacity';
import { connect } from '../lib/kube';
import { startSimulator } from '../sim/index';
import { clusterObjects, history, NODE_TYPE } from '../test/capacity/fixture';
import { startRealPrometheus, prometheusAvailable, type Series } from '../test/capacity/real-prometheus';
import { median } from './stats';

const NAMESPACES = Number(process.env.BENCH_NAMESPACES ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PRICES = { currency: 'CNY', instanceTypes: { [NODE_TYPE]: { hourly: 0.62 } } };

/** Copy `k` of the fixture: namespace shop-kk, nodes kk-node-N, its own DaemonSet pods; uids made unique. */
function rename(text: string, k: number): string {
  const tag = String(k).padStart(2, '0');
  return text
    .replace(/"shop"/g, `"shop-${tag}"`)
    .replace(/"node-(\d)"/g, `"n${tag}-node-$1"`)
    .replace(/"(node-agent-[a-z0-9]{5})"/g, `"$1-${tag}"`)
    .replace(/"uid-([^"]+)"/g, `"uid-$1-${tag}"`);
}

function scaled(end: number, copies: number): { objects: object[]; series: Series[] } {
  const objects: object[] = [];
  const series: Series[] = [];
  const baseObjects = clusterObjects(end);
  const baseSeries = history(end);
  for (let k = 0; k < copies; k++) {
    for (const o of baseObjects) {
      // one DaemonSet object for the whole cluster; its pods are copied with their nodes
      if ((o as { kind: string }).kind === 'DaemonSet' && k > 0) continue;
      objects.push(JSON.parse(rename(JSON.stringify(o), k)) as object);
    }
    for (const s of baseSeries)
      series.push({ ...s, labels: JSON.parse(rename(JSON.stringify(s.labels), k)) as Record<string, string> });
  }
  return { objects, series };
}

function vmHwmMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

async function measure(label: string, objects: object[], series: Series[]): Promise<void> {
  const samples = series.reduce((n, s) => n + s.samples.length, 0);
  const seriesCount = series.length;
  const t0 = performance.now();
  const prom = await startRealPrometheus(series);
  const backfill = performance.now() - t0;
  // the generated samples are on disk now; let them go before measuring this process
  series.length = 0;
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, objects });
  const dir = mkdtempSync(join(tmpdir(), 'bench-capacity-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, sim.kubeconfig);
    const out = await child(prom.url, kubeconfig);
    console.log(
      [
        `${label}:`,
        `  ${objects.length} objects; ${seriesCount} series, ${samples.toLocaleString('en')} samples backfilled (promtool + start ${(backfill / 1000).toFixed(1)} s)`,
        `  report: median ${Math.round(median(out.times))} ms over ${out.times.length} run(s) (${out.times.map((t) => Math.round(t)).join(' / ')} ms), complete=${out.complete}`,
        `  ${out.summary}`,
        `  peak RSS of the reporting process: ${Math.round(out.maxRssKb / 1024)} MB (${Math.round(out.startRssKb / 1024)} MB at its start)`,
        `  Prometheus peak RSS (VmHWM): ${vmHwmMb(prom.pid) ?? '?'} MB`,
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sim.close();
    await prom.close();
  }
}

interface ChildResult {
  times: number[];
  complete: boolean;
  summary: string;
  maxRssKb: number;
  startRssKb: number;
}

/** This file again, as `--report URL KUBECONFIG`: only the reports, in a process of their own. */
function child(url: string, kubeconfig: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', __filename, '--report', url, kubeconfig], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    proc.stdout.on('data', (c: Buffer) => (text += c.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`report child exited ${code}: ${text}`));
      try {
        resolve(JSON.parse(text.trim().split('\n').pop() ?? '') as ChildResult);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}

async function reportChild(url: string, kubeconfig: string): Promise<void> {
  const startRssKb = Math.round(process.memoryUsage().rss / 1024);
  const conn = connect({ source: 'kubeconfig', kubeconfig: readFileSync(kubeconfig, 'utf8') });
  const times: number[] = [];
  let r: CapacityReport | undefined;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    r = await capacityReport(conn, url, { prices: PRICES });
    times.push(performance.now() - start);
  }
  const report = r as CapacityReport;
  const verdicts = new Map<string, number>();
  for (const w of report.workloads)
    verdicts.set(w.recommendation.verdict, (verdicts.get(w.recommendation.verdict) ?? 0) + 1);
  const pools = report.pools.map((p) => `${p.value} ${p.nodes}→${p.recommendedNodes}`).join(', ');
  const summary = `${report.workloads.length} containers: ${[...verdicts].map(([v, n]) => `${n} ${v}`).join(', ')}; pools ${pools}; savings ${report.savings.monthly} ${report.savings.currency ?? ''}/month`;
  const out: ChildResult = {
    times,
    complete: report.complete,
    summary,
    // VmHWM, not getrusage's maxRSS: Linux carries maxRSS over from the parent across fork + exec
    maxRssKb: (vmHwmMb(process.pid) ?? 0) * 1024,
    startRssKb,
  };
  console.log(JSON.stringify(out));
}

async function main(): Promise<void> {
  const [flag, url, kubeconfig] = process.argv.slice(2);
  if (flag === '--report') return reportChild(url, kubeconfig);
  if (!prometheusAvailable) {
    console.error('bench:capacity needs Debian prometheus and promtool (/usr/bin); set PROMETHEUS_BIN / PROMTOOL_BIN');
    process.exit(1);
  }
  const end = Math.floor(Date.now() / 1000) - 120;
  await measure('fixture (1 namespace, 3 nodes)', clusterObjects(end), history(end));
  const big = scaled(end, NAMESPACES);
  await measure(`generated (${NAMESPACES} namespaces, ${NAMESPACES * 3} nodes)`, big.objects, big.series);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
