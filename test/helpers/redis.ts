/**
 * Debian's redis-server on loopback for one test file (random port, nothing persisted), started by the same code as
 * the queue-mode harness. Suites needing it use describeIfInstalled(REDIS_SERVER, …).
 */
import { REDIS_BIN, startRedisServer, type RunningRedis } from '../../scripts/n8n/services';

export const REDIS_SERVER = REDIS_BIN;
export type { RunningRedis };
export const startRedis = startRedisServer;
