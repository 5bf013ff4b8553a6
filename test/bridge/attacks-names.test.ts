/**
 * Hostile names through the real MCP client, with every write enabled: dot segments, slashes, encoded segments and
 * oversized names are refused before any request, so nothing outside the named object reaches the API server; the
 * audit line records the request that was actually sent.
 */
import { list } from '../../lib/kube';
import { type AttackStack, startAttackStack } from './attack-fixture';
import { callTool, textOf } from './helpers';

let s: AttackStack;

beforeAll(async () => {
  s = await startAttackStack({ denyKinds: ['Namespace'] });
}, 60_000);

afterAll(async () => {
  await s?.close();
});

const configMaps = async (namespace?: string) =>
  (await list(s.kube, { kind: 'ConfigMap', ...(namespace ? { namespace } : { allNamespaces: true }) })).items.map(
    (i) => `${i.metadata?.namespace}/${i.metadata?.name}`,
  );

describe('names that are not names', () => {
  const HOSTILE: [string, Record<string, unknown>][] = [
    ['name "."', { kind: 'ConfigMap', name: '.', namespace: 'victim' }],
    ['namespace ".."', { kind: 'ConfigMap', name: '.', namespace: '..' }],
    ['namespace ".." with a real name', { kind: 'ConfigMap', name: 'coredns', namespace: '../namespaces/kube-system' }],
    ['Pod ".." (the Namespace)', { kind: 'Pod', name: '..', namespace: 'victim' }],
    ['name with a slash', { kind: 'ConfigMap', name: 'cm-1/../cm-2', namespace: 'victim' }],
    ['percent-encoded dots', { kind: 'ConfigMap', name: '%2e%2e', namespace: 'victim' }],
    ['percent-encoded slash', { kind: 'ConfigMap', name: 'x%2F..', namespace: 'victim' }],
    ['blank name', { kind: 'ConfigMap', name: '   ', namespace: 'victim' }],
    ['name over 253 characters', { kind: 'ConfigMap', name: 'a'.repeat(254), namespace: 'victim' }],
    ['namespace over 63 characters', { kind: 'ConfigMap', name: 'cm-1', namespace: 'a'.repeat(64) }],
    ['upper-case name', { kind: 'ConfigMap', name: 'CM-1', namespace: 'victim' }],
    ['query in a name', { kind: 'ConfigMap', name: 'cm-1?dryRun=', namespace: 'victim' }],
    ['kind with a path', { kind: 'configmaps/../../namespaces', name: 'victim' }],
    ['namespace with a Unicode hyphen (U+2010)', { kind: 'ConfigMap', name: 'coredns', namespace: 'kube\u2010system' }],
    ['namespace with a Cyrillic "е"', { kind: 'ConfigMap', name: 'coredns', namespace: 'kube-syst\u0435m' }],
    ['name with a non-breaking hyphen (U+2011)', { kind: 'ConfigMap', name: 'cm\u20111', namespace: 'victim' }],
    ['name with a combining accent', { kind: 'ConfigMap', name: 'cm-1\u0301', namespace: 'victim' }],
    ['name with a zero-width space', { kind: 'ConfigMap', name: 'cm\u200b-1', namespace: 'victim' }],
    ['fullwidth kind', { kind: '\uff23onfigMap', name: 'cm-1', namespace: 'victim' }],
  ];

  it.each(HOSTILE)('delete_resource with %s is refused and sends nothing', async (_label, args) => {
    const before = s.proxy.writes().length;
    const r = await callTool(s.client, 'delete_resource', args);
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/name|namespace|kind|path|characters/i);
    expect(s.proxy.writes().slice(before)).toEqual([]);
  });

  it('every ConfigMap and the Namespace are still there', async () => {
    expect(await configMaps('victim')).toEqual(['victim/cm-1', 'victim/cm-2', 'victim/cm-3']);
    expect(await configMaps()).toContain('kube-system/coredns');
    expect((await list(s.kube, { kind: 'Namespace' })).items.map((n) => n.metadata?.name)).toContain('victim');
  });

  it.each([
    ['patch_resource', { kind: 'ConfigMap', name: '..', namespace: 'victim', patch: '{"data":{"x":"1"}}' }],
    ['scale', { kind: 'Deployment', name: '.', namespace: 'victim', replicas: 0 }],
    ['rollout_restart', { kind: 'Deployment', name: 'app', namespace: '..' }],
    ['set_image', { kind: 'Deployment', name: 'app', namespace: 'victim', images: { '../x': 'evil:1' } }],
    ['get_resource', { kind: 'ConfigMap', name: '..', namespace: 'victim' }],
    ['get_pod_logs', { name: '..', namespace: 'victim' }],
    ['get_pod_logs', { name: 'app-0', namespace: 'victim', container: '../../secrets/db' }],
    ['list_resources', { kind: 'ConfigMap', namespace: '..' }],
  ])('%s with a dot-segment argument is refused before any request', async (tool, args) => {
    const before = s.proxy.seen.length;
    const r = await callTool(s.client, tool, args);
    expect(r.isError).toBe(true);
    // discovery may be read; no object path is
    expect(
      s.proxy.seen
        .slice(before)
        .map((q) => q.path)
        .filter((p) => /namespaces|configmaps|deployments|pods/.test(p)),
    ).toEqual([]);
  });

  it('apply_resource refuses a manifest whose name or namespace is a dot segment', async () => {
    const before = s.proxy.writes().length;
    for (const meta of ['name: ".."\n  namespace: victim', 'name: x\n  namespace: ".."', 'name: "a/b"']) {
      const r = await callTool(s.client, 'apply_resource', {
        manifest: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  ${meta}\n`,
      });
      expect(r.isError).toBe(true);
    }
    expect(s.proxy.writes().slice(before)).toEqual([]);
  });
});

describe('the audit line records the request made', () => {
  it('a dry-run delete names its method, path and dryRun', async () => {
    const r = await callTool(s.client, 'delete_resource', {
      kind: 'cm',
      name: 'cm-2',
      namespace: 'victim',
      dryRun: true,
    });
    expect(r.isError).toBeFalsy();
    const sent = s.proxy.writes().at(-1);
    expect(sent).toMatchObject({ method: 'DELETE', path: '/api/v1/namespaces/victim/configmaps/cm-2' });
    expect(sent?.query.get('dryRun')).toBe('All');
    const line = s.audit().at(-1);
    expect(line).toMatchObject({
      verb: 'delete',
      kind: 'ConfigMap',
      name: 'cm-2',
      requests: ['DELETE /api/v1/namespaces/victim/configmaps/cm-2?dryRun=All'],
    });
    expect(await configMaps('victim')).toContain('victim/cm-2');
  });

  it('a refused write records no request and none was sent', async () => {
    const before = s.proxy.writes().length;
    const r = await callTool(s.client, 'delete_resource', {
      kind: 'ConfigMap',
      name: 'coredns',
      namespace: 'kube-system',
    });
    expect(r.isError).toBe(true);
    expect(s.proxy.writes().length).toBe(before);
    const line = s.audit().at(-1);
    expect(line).toMatchObject({ allowed: false, namespace: 'kube-system' });
    expect(line?.requests).toBeUndefined();
  });
});
