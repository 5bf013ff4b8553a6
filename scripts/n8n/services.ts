/**
 * The services queue mode needs, from Debian, on loopback and random ports, stopped by the caller (and killed when
 * this process exits): PostgreSQL (initdb into a temp dir, run as the `postgres` user, since it refuses root) and
 * redis-server (nothing persisted).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const REDIS_BIN = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

export interface RunningService {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export interface RunningPostgres extends RunningService {
  database: string;
  user: string;
  password: string;
}

export function servicesAvailable(): string | undefined {
  if (!existsSync(join(PG_BIN, 'postgres'))) return `PostgreSQL not found in ${PG_BIN} (apt-get install postgresql)`;
  if (!existsSync(REDIS_BIN)) return `${REDIS_BIN} not found (apt-get install redis-server)`;
  return undefined;
}

async function listening(port: number, timeoutMs: number, child: ChildProcess, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${what()}`);
    if (Date.now() > deadline) throw new Error(`not listening on ${port} after ${timeoutMs} ms: ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function killer(child: ChildProcess, signal: NodeJS.Signals, graceMs: number): () => Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  return async () => {
    process.removeListener('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const late = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(late);
  };
}

export interface RunningRedis extends RunningService {
  url: string;
  /** SIGKILL, as if it crashed (tests of what happens when Redis goes away) */
  kill(): void;
}

export async function startRedisServer(): Promise<RunningRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kube-aiops-redis-'));
  const child = spawn(
    REDIS_BIN,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const kill = killer(child, 'SIGTERM', 5000);
  const stop = async () => {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  };
  // one that never listens is not left running (nor its directory)
  await listening(port, 15_000, child, () => out).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return {
    host: '127.0.0.1',
    port,
    url: `redis://127.0.0.1:${port}/0`,
    kill: () => void child.kill('SIGKILL'),
    stop,
  };
}

/** As root, run PostgreSQL's tools as `postgres`; as anyone else, as ourselves. */
function asPostgres(cmd: string, args: string[]): { cmd: string; args: string[] } {
  return userInfo().uid === 0
    ? { cmd: '/usr/sbin/runuser', args: ['-u', 'postgres', '--', cmd, ...args] }
    : { cmd, args };
}

export async function startPostgres(): Promise<RunningPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kube-aiops-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  const password = 'n8n-e2e-password';
  writeFileSync(pwfile, password);
  if (userInfo().uid === 0) {
    const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pg.stdout.trim()), Number(gid.stdout.trim()));
    chownSync(pwfile, Number(pg.stdout.trim()), Number(gid.stdout.trim()));
    chmodSync(dir, 0o700);
  }
  const init = asPostgres(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'n8n',
    '--pwfile',
    pwfile,
    '-A',
    'scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const initRun = spawnSync(init.cmd, init.args, { encoding: 'utf8', cwd: dir });
  if (initRun.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${initRun.stdout}${initRun.stderr}`);
  }
  const run = asPostgres(join(PG_BIN, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    dir,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=100',
  ]);
  const child = spawn(run.cmd, run.args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  // SIGINT = PostgreSQL's "fast shutdown"
  const kill = killer(child, 'SIGINT', 10_000);
  const stop = async () => {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await listening(port, 30_000, child, () => out);
    // the server listens a moment before it accepts logins; createdb waits for that
    const created = asPostgres(join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
    for (let attempt = 0; ; attempt++) {
      const r = spawnSync(created.cmd, created.args, {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: password },
      });
      if (r.status === 0) break;
      if (attempt > 50) throw new Error(`createdb failed: ${r.stderr}`);
      await new Promise((res) => setTimeout(res, 200));
    }
  } catch (err) {
    // a server that never came up is not left running (nor its data directory)
    await stop();
    throw err;
  }
  return {
    host: '127.0.0.1',
    port,
    database: 'n8n',
    user: 'n8n',
    password,
    stop,
  };
}
