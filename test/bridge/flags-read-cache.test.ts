/** --read-cache-seconds: 2 s by default, 0 turns it off, and the bridge's cluster connection is built with it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../bridge/config';
import { createDeps } from '../../bridge/deps';
import { configFromFlags } from '../../bridge/flags';
import { createLogger } from '../../bridge/logger';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: 'https://127.0.0.1:6443', insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: x, context: { cluster: c, user: u } }]
current-context: x
`;

test('read cache from --read-cache-seconds or KUBE_AIOPS_READ_CACHE_SECONDS, 2 s by default, 0 allowed', () => {
  expect(configFromFlags({}, {}).readCacheMs).toBe(2000);
  expect(configFromFlags({ readCacheSeconds: '5' }, {}).readCacheMs).toBe(5000);
  expect(configFromFlags({}, { KUBE_AIOPS_READ_CACHE_SECONDS: '0' }).readCacheMs).toBe(0);
  expect(() => configFromFlags({ readCacheSeconds: '0.5' }, {})).toThrow(/--read-cache-seconds must be an integer/);
  expect(validateConfig(configFromFlags({ readCacheSeconds: '-1' }, {}))).toMatch(/--read-cache-seconds/);
});

test('the connection the bridge builds shares reads for that long (capped at 10 s by connect)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-aiops-read-cache-'));
  try {
    const path = join(dir, 'kubeconfig');
    writeFileSync(path, KUBECONFIG);
    const log = createLogger('error');
    expect(createDeps(configFromFlags({ kubeconfig: path }, {}), log).kube.cacheMs).toBe(2000);
    expect(createDeps(configFromFlags({ kubeconfig: path, readCacheSeconds: '0' }, {}), log).kube.cacheMs).toBe(0);
    expect(createDeps(configFromFlags({ kubeconfig: path, readCacheSeconds: '60' }, {}), log).kube.cacheMs).toBe(
      10_000,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
