/**
 * A real Prometheus (Debian's) on loopback over backfilled history: series → OpenMetrics text →
 * `promtool tsdb create-blocks-from openmetrics` → `prometheus --storage.tsdb.path` with no scrape targets.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/n8n/ports';

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';
export const prometheusAvailable = existsSync(PROMETHEUS_BIN) && existsSync(PROMTOOL_BIN);

export interface Series {
  name: string;
  labels: Record<string, string>;
  /** [unix seconds, value], ascending */
  samples: [number, number][];
}

export interface RunningPrometheus {
  url: string;
  /** the server's process id (for its memory in benchmarks) */
  pid: number;
  close(): Promise<void>;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
}

/** OpenMetrics wants each family contiguous and each series' samples in time order. */
async function writeOpenMetrics(file: string, series: Series[]): Promise<void> {
  const out = createWriteStream(file);
  const byName = new Map<string, Series[]>();
  for (const s of series) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  for (const [name, group] of byName) {
    out.write(`# TYPE ${name} gauge\n`);
    for (const s of group) {
      const head = `${name}{${labelText(s.labels)}} `;
      let chunk = '';
      for (const [t, v] of s.samples) {
        chunk += `${head}${v} ${t}\n`;
        if (chunk.length > 1 << 20) {
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
          chunk = '';
        }
      }
      out.write(chunk);
    }
  }
  out.write('# EOF\n');
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

export async function startRealPrometheus(series: Series[]): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'capacity-prom-'));
  const data = join(dir, 'data');
  const input = join(dir, 'history.om');
  await writeOpenMetrics(input, series);
  // 24h blocks: a week is 8 blocks instead of 84 two-hour ones, so Prometheus opens it quickly
  const made = spawnSync(
    PROMTOOL_BIN,
    ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=24h', input, data],
    { encoding: 'utf8', timeout: 180_000 },
  );
  if (made.status !== 0) throw new Error(`promtool failed: ${made.stderr || made.stdout}`);
  rmSync(input);
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1m\nscrape_configs: []\n');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const proc: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=30d',
      `--web.listen-address=127.0.0.1:${port}`,
      '--query.lookback-delta=5m',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  proc.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-20_000)));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`prometheus exited ${proc.exitCode}: ${log}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`prometheus not ready within 90 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: proc.pid ?? 0,
    async close() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
        clearTimeout(timer);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
