/**
 * n8n in queue mode on loopback, as teams run it when one n8n is not enough: a main process (editor, REST API,
 * activation), one webhook processor (answers production webhooks and enqueues them) and workers (run executions),
 * sharing Redis (Bull), PostgreSQL and one N8N_ENCRYPTION_KEY. Our package is installed once into the user folder
 * all processes share, so every process loads it. stop() ends everything, in reverse order.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { installPackage } from './install';
import { packPackage } from './pack';
import { freePort } from './ports';
import { startN8n, type RunningN8n } from './process';
import { startPostgres, startRedisServer, type RunningPostgres, type RunningService } from './services';

export interface QueueOptions {
  workers?: number;
  /** executions a worker runs at once (n8n's default is 10) */
  concurrency?: number;
  tarball?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  timeoutMs?: number;
}

export interface RunningQueue {
  main: RunningN8n;
  webhook: RunningN8n;
  workers: RunningN8n[];
  redis: RunningService;
  postgres: RunningPostgres;
  /** the Redis URL, for the Alertmanager Trigger's repeat window (another database than Bull's) */
  redisUrl: string;
  /** where production webhooks are answered */
  webhookUrl: string;
  stop(): Promise<void>;
}

export async function startQueueN8n(opts: QueueOptions = {}): Promise<RunningQueue> {
  const log = opts.log ?? (() => undefined);
  const started: { stop(): Promise<void> }[] = [];
  const userFolder = mkdtempSync(join(tmpdir(), 'kube-aiops-n8n-queue-'));
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    rmSync(userFolder, { recursive: true, force: true });
  };
  try {
    const [postgres, redis] = await Promise.all([startPostgres(), startRedisServer()]);
    started.push(postgres, redis);
    log(`[queue] PostgreSQL on ${postgres.port}, Redis on ${redis.port}`);
    if (opts.tarball) installPackage(userFolder, opts.tarball, log);
    else {
      const packed = packPackage({ log });
      try {
        installPackage(userFolder, packed.tarball, log);
      } finally {
        rmSync(dirname(packed.tarball), { recursive: true, force: true });
      }
    }
    const webhookPort = await freePort();
    const webhookUrl = `http://127.0.0.1:${webhookPort}`;
    const shared: NodeJS.ProcessEnv = {
      EXECUTIONS_MODE: 'queue',
      QUEUE_BULL_REDIS_HOST: '127.0.0.1',
      QUEUE_BULL_REDIS_PORT: String(redis.port),
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: postgres.host,
      DB_POSTGRESDB_PORT: String(postgres.port),
      DB_POSTGRESDB_DATABASE: postgres.database,
      DB_POSTGRESDB_USER: postgres.user,
      DB_POSTGRESDB_PASSWORD: postgres.password,
      N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
      // production webhooks belong to the webhook processor; the main process only serves the editor and the API
      N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
      WEBHOOK_URL: `${webhookUrl}/`,
      KUBE_AIOPS_REDIS_URL: `redis://127.0.0.1:${redis.port}/1`,
      ...opts.env,
    };
    const common = { userFolder, keepUserFolder: true, skipInstall: true, log, timeoutMs: opts.timeoutMs ?? 300_000 };
    // main first: it migrates the database the others read
    const main = await startN8n({ ...common, env: shared, logName: 'main.log' });
    started.push(main);
    const workerPorts = await Promise.all(Array.from({ length: opts.workers ?? 2 }, () => freePort()));
    const [webhook, ...workers] = await Promise.all([
      startN8n({ ...common, command: 'webhook', port: webhookPort, env: shared, logName: 'webhook.log' }),
      ...workerPorts.map((port, i) =>
        startN8n({
          ...common,
          command: 'worker',
          port,
          logName: `worker-${i + 1}.log`,
          env: {
            ...shared,
            QUEUE_HEALTH_CHECK_ACTIVE: 'true',
            QUEUE_HEALTH_CHECK_PORT: String(port),
            N8N_CONCURRENCY_PRODUCTION_LIMIT: String(opts.concurrency ?? 10),
          },
        }),
      ),
    ]);
    started.push(webhook, ...workers);
    log(`[queue] main ${main.url}, webhook ${webhook.url}, ${workers.length} workers`);
    return {
      main,
      webhook,
      workers,
      redis,
      postgres,
      redisUrl: shared.KUBE_AIOPS_REDIS_URL as string,
      webhookUrl,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
