/**
 * Debian's redis-server on loopback for one test file (random port, nothing persisted), started by the same code as
 * the queue-mode harness. `redisAvailable` is false, and tests skip with a message, only where it is not installed.
 */
import { existsSync } from 'node:fs';
import { REDIS_BIN, startRedisServer, type RunningRedis } from '../../scripts/n8n/services';

export const REDIS_SERVER = REDIS_BIN;
export const redisAvailable = existsSync(REDIS_SERVER);
export type { RunningRedis };
export const startRedis = startRedisServer;
