import { auditRecord, emitAudit, jsonLinesSink, memorySink } from '../../lib/guard';

describe('audit', () => {
  it('builds a record with a time and without undefined fields', () => {
    const r = auditRecord({
      verb: 'scale',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      dryRun: false,
      allowed: true,
      actor: undefined,
    });
    expect(Object.keys(r)).not.toContain('actor');
    expect(new Date(r.time).toString()).not.toBe('Invalid Date');
  });

  it('writes JSON lines and keeps records in memory', async () => {
    const lines: string[] = [];
    const r = auditRecord({
      verb: 'delete',
      kind: 'Pod',
      name: 'p',
      dryRun: true,
      allowed: false,
      reason: 'refused: x',
    });
    await emitAudit(
      jsonLinesSink((l) => void lines.push(l)),
      r,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0])).toEqual(r);
    const mem = memorySink();
    await emitAudit(mem, r);
    expect(mem.records).toEqual([r]);
  });

  it('returns a warning instead of throwing when the sink fails', async () => {
    const r = auditRecord({ verb: 'scale', kind: 'Deployment', name: 'w', dryRun: false, allowed: true });
    await expect(
      emitAudit(() => {
        throw new Error('disk full');
      }, r),
    ).resolves.toBe('audit sink failed: disk full');
    await expect(emitAudit(undefined, r)).resolves.toBeUndefined();
  });
});
