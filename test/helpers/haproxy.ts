/**
 * Debian's HAProxy on loopback in front of bridge replicas, the way a Service or an ingress would spread them:
 * round-robin for Streamable HTTP (`/mcp`, stateless: any replica answers), source affinity for SSE (`/sse` and
 * its `/messages` posts must reach the replica holding the session). Health checks on /healthz take a stopped
 * replica out within a second; a refused connection is retried on the other one. A stats page tells how many
 * requests each replica was sent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/n8n/ports';

export const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
export const haproxyAvailable = existsSync(HAPROXY);

export interface RunningHaproxy {
  url: string;
  log: () => string;
  /** requests each server of a backend was sent so far (HAProxy's stot: one per request with http-server-close) */
  served(backend: 'streamable' | 'sse'): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export function haproxyConfig(port: number, replicas: { name: string; port: number }[], statsPort?: number): string {
  const servers = replicas
    .map((r) => `  server ${r.name} 127.0.0.1:${r.port} check inter 300 fall 1 rise 2`)
    .join('\n');
  return `global
  maxconn 512

defaults
  mode http
  timeout connect 2s
  timeout client 120s
  # an SSE stream is one long HTTP response: it lives as long as the server timeout allows (tunnel is for upgrades)
  timeout server 120s
  timeout tunnel 1h
  retries 3
  option redispatch
  # one request per server connection: a draining replica never gets a request on an old keep-alive socket
  option http-server-close

frontend mcp
  bind 127.0.0.1:${port}
  acl sse path_beg /sse /messages
  use_backend sse if sse
  default_backend streamable

backend streamable
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
${servers}

backend sse
  balance source
  hash-type consistent
  option httpchk GET /healthz
  http-check expect status 200
${servers}
${
  statsPort === undefined
    ? ''
    : `
frontend stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
`
}`;
}

export async function startHaproxy(replicas: { name: string; port: number }[]): Promise<RunningHaproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'kube-aiops-haproxy-'));
  const port = await freePort();
  const statsPort = await freePort();
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(cfg, haproxyConfig(port, replicas, statsPort));
  let output = '';
  // -db: foreground, no daemon; -W: master-worker, so SIGTERM stops everything
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-W', '-f', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited ${child.exitCode}: ${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`haproxy did not answer on ${url}: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    log: () => output,
    async served(backend) {
      const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
      const [header, ...rows] = csv.trim().split('\n');
      const cols = header.replace(/^# /, '').split(',');
      const [px, sv, stot] = ['pxname', 'svname', 'stot'].map((c) => cols.indexOf(c));
      const out: Record<string, number> = {};
      for (const row of rows.map((r) => r.split(',')))
        if (row[px] === backend && !['FRONTEND', 'BACKEND'].includes(row[sv])) out[row[sv]] = Number(row[stot]);
      return out;
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        // the timer is cleared once HAProxy exits, so it does not hold the test process open for its 3 s
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 3000)))]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
