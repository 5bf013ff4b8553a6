/** targetFromItem: what an item (alert item, bare resource, labels only) asks the diagnosis to look at. */
import { targetFromItem } from '../../lib/triage';

describe('targetFromItem', () => {
  test('an alert item whose labels map to a pod is an alert target, keeping the mapping', () => {
    const t = targetFromItem({ alertname: 'KubePodCrashLooping', labels: { namespace: 'shop', pod: 'app-1' } });
    expect(t?.scope).toBe('alert');
    if (t?.scope !== 'alert') return;
    expect(t.alert.resource).toMatchObject({ kind: 'Pod', namespace: 'shop', name: 'app-1' });
  });

  test('a bare resource of a kind alerts map becomes an alert, so a gone object can fall back to its owner', () => {
    const t = targetFromItem({ resource: { kind: 'deployment', namespace: 'shop', name: 'app' } });
    expect(t).toMatchObject({
      scope: 'alert',
      alert: { resource: { kind: 'Deployment', namespace: 'shop', name: 'app' } },
    });
  });

  test('a bare resource of any other kind is diagnosed by name', () => {
    expect(targetFromItem({ resource: { kind: 'Ingress', namespace: 'shop', name: ' web ' } })).toEqual({
      scope: 'resource',
      kind: 'Ingress',
      namespace: 'shop',
      name: 'web',
    });
  });

  test('an alert naming only a namespace diagnoses that namespace and says why', () => {
    const t = targetFromItem({ alertname: 'TargetDown', labels: { exported_namespace: 'monitoring' } });
    expect(t).toEqual({
      scope: 'namespace',
      namespace: 'monitoring',
      note: 'TargetDown names no Kubernetes object; diagnosed its namespace monitoring',
    });
  });

  test('an item that names nothing gives undefined', () => {
    expect(targetFromItem({ hello: 'world' })).toBeUndefined();
    expect(targetFromItem('text')).toBeUndefined();
    expect(targetFromItem({ alertname: 'X', labels: {} })).toBeUndefined();
  });
});
