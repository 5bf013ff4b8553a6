/**
 * Starts n8n (a supported version, default KUBE_AIOPS_N8N_VERSION or the pin, under Node 24) on loopback with our
 * package installed as a community package, and stops it again, children included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureN8n, selectedN8nVersion, type N8nVersion } from '../toolchain';
import { installPackage } from './install';
import { packPackage } from './pack';
import { freePort } from './ports';

export interface StartOptions {
  /** the n8n version to run (one of N8N_VERSIONS); default KUBE_AIOPS_N8N_VERSION or the pin */
  version?: N8nVersion;
  /** .tgz to install; packed from the work tree when absent */
  tarball?: string;
  /** N8N_USER_FOLDER (database, encryption key, installed packages); a temp dir removed on stop when absent */
  userFolder?: string;
  /** keep a given or temp user folder after stop (the demo keeps its workflows) */
  keepUserFolder?: boolean;
  /** skip installing when the user folder already holds the package */
  skipInstall?: boolean;
  port?: number;
  /** extra environment, applied last */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** how long to wait for the REST API; n8n's first start migrates a fresh database */
  timeoutMs?: number;
  /**
   * queue mode's other processes (scripts/n8n/queue.ts): `webhook` answers production webhooks, `worker` runs
   * executions and listens only for its health check (QUEUE_HEALTH_CHECK_PORT = port). Default `start`.
   */
  command?: 'start' | 'webhook' | 'worker';
  /** log file name inside the user folder (processes sharing a folder keep separate logs); default n8n.log */
  logName?: string;
}

export interface RunningN8n {
  /** the n8n version running */
  version: N8nVersion;
  url: string;
  port: number;
  userFolder: string;
  /** n8n's stdout and stderr */
  logFile: string;
  pid: number;
  /** ms spent building+packing, installing, and starting until the REST API answered */
  timings: { packMs: number; installMs: number; startMs: number };
  /** the last lines of the log, for failure messages */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

/** The environment n8n gets besides the caller's: loopback only, nothing that phones home, our own ports. */
export function n8nEnv(userFolder: string, port: number, brokerPort: number): NodeJS.ProcessEnv {
  return {
    N8N_USER_FOLDER: userFolder,
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PORT: String(port),
    N8N_PROTOCOL: 'http',
    WEBHOOK_URL: `http://127.0.0.1:${port}/`,
    N8N_SECURE_COOKIE: 'false',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    // community packages are on by default; say so, since loading ours is the point
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    // the task runner broker listens on 5679 by default: parallel instances would collide
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    N8N_LOG_LEVEL: 'info',
    N8N_LOG_OUTPUT: 'console',
  };
}

export async function startN8n(opts: StartOptions = {}): Promise<RunningN8n> {
  const log = opts.log ?? (() => undefined);
  const installed = ensureN8n(log, opts.version ?? selectedN8nVersion());
  const { n8nBin, nodeBin, version } = installed;
  const ownFolder = opts.userFolder === undefined;
  const userFolder = opts.userFolder ?? mkdtempSync(join(tmpdir(), 'kube-aiops-n8n-'));

  let packMs = 0;
  let installMs = 0;
  try {
    if (!opts.skipInstall && opts.tarball) {
      installMs = installPackage(userFolder, opts.tarball, log);
    } else if (!opts.skipInstall) {
      const packed = packPackage({ log });
      packMs = packed.ms;
      try {
        installMs = installPackage(userFolder, packed.tarball, log);
      } finally {
        rmSync(dirname(packed.tarball), { recursive: true, force: true });
      }
    }
  } catch (err) {
    if (ownFolder) rmSync(userFolder, { recursive: true, force: true });
    throw err;
  }

  const port = opts.port ?? (await freePort());
  const brokerPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const command = opts.command ?? 'start';
  const logFile = join(userFolder, opts.logName ?? 'n8n.log');
  const fd = openSync(logFile, 'a');
  const started = Date.now();
  const child = spawn(nodeBin, [n8nBin, command], {
    cwd: userFolder,
    // its own process group, so stop() also ends the task runner n8n spawns
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...inheritedEnv(), ...n8nEnv(userFolder, port, brokerPort), ...installed.env, ...opts.env },
  });
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error('n8n did not start (no pid)');
  log(`[n8n] starting n8n ${version} on ${url} (pid ${pid}, user folder ${userFolder})`);

  const logTail = (lines = 40): string => readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // n8n runs in its own process group, so it would outlive us: take it down when we exit or are signalled
  const killOnExit = (): void => killGroup(pid, 'SIGKILL');
  const killOnSignal = (signal: NodeJS.Signals): void => {
    killOnExit();
    releaseHooks();
    process.kill(process.pid, signal);
  };
  const releaseHooks = (): void => {
    process.removeListener('exit', killOnExit);
    process.removeListener('SIGINT', killOnSignal);
    process.removeListener('SIGTERM', killOnSignal);
  };
  process.once('exit', killOnExit);
  process.once('SIGINT', killOnSignal);
  process.once('SIGTERM', killOnSignal);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    releaseHooks();
    await stopGroup(child, pid, exited);
    if (ownFolder && !opts.keepUserFolder) rmSync(userFolder, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, exited, opts.timeoutMs ?? 180_000, command);
  } catch (err) {
    const tail = logTail();
    await stop();
    throw new Error(`${(err as Error).message}\n--- n8n log (tail) ---\n${tail}`);
  }
  const startMs = Date.now() - started;
  log(`[n8n] n8n ${version} answered on ${url} after ${startMs} ms`);
  return { version, url, port, userFolder, logFile, pid, timings: { packMs, installMs, startMs }, logTail, stop };
}

/**
 * Our environment minus what would change how n8n itself runs: jest sets NODE_ENV=test, which makes
 * n8n refuse to load nodes ("Not available in tests"), and NODE_OPTIONS may carry our own loaders.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  const { NODE_ENV: _nodeEnv, NODE_OPTIONS: _nodeOptions, ...rest } = process.env;
  return rest;
}

/** Ready = the database is migrated (readiness probe) and the REST API is mounted (settings answer). */
async function waitUntilReady(
  url: string,
  exited: Promise<number | null>,
  timeoutMs: number,
  command: 'start' | 'webhook' | 'worker',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`n8n exited with code ${exitCode} before it was ready`);
    // readiness first: while migrating, n8n 1.x answers every other path 200 "n8n is starting up", so a settings
    // probe counts only after migration and only as JSON
    if (
      (await answers(`${url}/healthz/readiness`)) &&
      (command !== 'start' || (await answersJson(`${url}/rest/settings`)))
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`n8n did not become ready within ${timeoutMs} ms`);
}

async function answers(url: string): Promise<boolean> {
  return (await probe(url)) !== undefined;
}

async function answersJson(url: string): Promise<boolean> {
  return /json/.test((await probe(url)) ?? '');
}

/** The content type of a 2xx answer, '' when it has none; undefined when the request failed or was not 2xx. */
async function probe(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok ? (res.headers.get('content-type') ?? '') : undefined;
  } catch {
    return undefined;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM lets n8n close its database cleanly; SIGKILL whatever is left after a grace period. */
async function stopGroup(child: ChildProcess, pid: number, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    killGroup(pid, 'SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') killGroup(pid, 'SIGKILL');
  }
  // the task runner may outlive the main process by a moment
  killGroup(pid, 'SIGKILL');
}
