import {
  humanDuration,
  parseSince,
  parseQuantity,
  renderTable,
  selectorMatches,
  selectorToString,
  summarize,
} from '../../lib/kube';

describe('humanDuration (kubectl ages)', () => {
  it.each([
    [45_000, '45s'],
    [119_000, '119s'],
    [5 * 60_000 + 30_000, '5m30s'],
    [45 * 60_000, '45m'],
    [5 * 3_600_000 + 20 * 60_000, '5h20m'],
    [30 * 3_600_000, '30h'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d4h'],
    [40 * 86_400_000, '40d'],
    [3 * 365 * 86_400_000 + 10 * 86_400_000, '3y10d'],
  ])('%d ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('parseSince', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  it('reads durations, seconds and times', () => {
    expect(parseSince('15m', now).toISOString()).toBe('2024-05-01T11:45:00.000Z');
    expect(parseSince('1h30m', now).toISOString()).toBe('2024-05-01T10:30:00.000Z');
    expect(parseSince(60, now).toISOString()).toBe('2024-05-01T11:59:00.000Z');
    expect(parseSince('2024-05-01T10:00:00Z', now).toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(() => parseSince('yesterday', now)).toThrow(/not a duration/);
  });
});

describe('quantities and selectors', () => {
  it('parses quantities', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('512Mi')).toBe(512 * 2 ** 20);
    expect(parseQuantity('2G')).toBe(2e9);
    expect(Number.isNaN(parseQuantity('lots'))).toBe(true);
  });

  it('writes and matches label selectors', () => {
    const sel = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    };
    expect(selectorToString(sel)).toBe('app=web,tier in (a,b),!canary');
    expect(selectorMatches(sel, { app: 'web', tier: 'a' })).toBe(true);
    expect(selectorMatches(sel, { app: 'web', tier: 'a', canary: '1' })).toBe(false);
    expect(selectorMatches({ app: 'web' }, { app: 'api' })).toBe(false);
  });
});

describe('renderTable', () => {
  it('aligns columns under upper-case headers like kubectl', () => {
    const text = renderTable([
      { name: 'web', upToDate: '3', clusterIP: '10.0.0.1' },
      { name: 'api-long-name', upToDate: '1', clusterIP: '' },
    ]);
    expect(text.split('\n')).toEqual([
      'NAME            UP-TO-DATE   CLUSTER-IP',
      'web             3            10.0.0.1',
      'api-long-name   1            <none>',
    ]);
    expect(renderTable([])).toBe('No resources found.');
  });

  it('summarizes services, nodes and unknown kinds', () => {
    expect(
      summarize({
        kind: 'Service',
        metadata: { name: 's', namespace: 'a' },
        spec: {
          type: 'NodePort',
          clusterIP: '10.0.0.9',
          ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
          selector: { app: 'web' },
        },
      } as never),
    ).toMatchObject({ type: 'NodePort', ports: '80:30080/TCP', selector: 'app=web' });
    expect(
      summarize({
        kind: 'Node',
        metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '' } },
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      } as never),
    ).toMatchObject({ status: 'Ready,SchedulingDisabled', roles: 'control-plane' });
    expect(summarize({ kind: 'Widget', apiVersion: 'x.io/v1', metadata: { name: 'w', namespace: 'a' } })).toMatchObject(
      { name: 'w', namespace: 'a', kind: 'Widget' },
    );
  });
});
