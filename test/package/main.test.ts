/**
 * package.json `main` is a real module: lib/index.ts, built to dist/lib/index.js by tsconfig.build.json, exporting
 * the library's public API. Driven through it end to end against the simulator.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '../../lib';
import { startTestSim } from '../helpers/sim';

const ROOT = join(__dirname, '../..');

describe('package main', () => {
  it('names the build output of lib/index.ts, which tsconfig.build.json compiles', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/lib/index.js');
    expect(existsSync(join(ROOT, 'lib/index.ts'))).toBe(true);
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    expect(build.include).toContain('lib/**/*');
  });

  it('exports each area as a namespace and the entry calls by name', () => {
    for (const fn of [
      api.connect,
      api.get,
      api.list,
      api.describe,
      api.events,
      api.logs,
      api.diagnose,
      api.runDiagnosis,
      api.parseAlertPayload,
      api.sendNotification,
      api.triageAlerts,
      api.triageObject,
      api.checkWrite,
      api.parsePolicy,
    ]) {
      expect(typeof fn).toBe('function');
    }
    expect(api.kube.connect).toBe(api.connect);
    expect(api.diagnosis.diagnose).toBe(api.diagnose);
    expect(api.notify.send).toBe(api.sendNotification);
    expect(typeof api.alerts.sampleAlertmanagerPayload).toBe('function');
    expect(typeof api.triage.selectAlerts).toBe('function');
    expect(api.guard.DEFAULT_PROTECTED_NAMESPACES).toContain('kube-system');
  });

  it('parses an alert, reads the cluster and diagnoses it through the index alone', async () => {
    const sim = await startTestSim({ fixtures: [join(ROOT, 'test/fixtures/kube')] });
    try {
      const conn = api.connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig, namespace: 'shop' });
      const pods = await api.list(conn, { kind: 'pods' });
      expect(pods.items.length).toBeGreaterThan(0);
      const result = await api.diagnose(conn, { namespace: 'shop' });
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(100);

      const parsed = api.parseAlertPayload(api.alerts.sampleAlertmanagerPayload({ alerts: 2 }));
      expect(parsed.alerts).toHaveLength(2);
      expect(parsed.errors).toEqual([]);
    } finally {
      await sim.close();
    }
  }, 60_000);
});
