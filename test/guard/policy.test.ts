import { checkEscalations, checkWrite, parsePolicy, type WritePolicy } from '../../lib/guard';

const rw: WritePolicy = { mode: 'read-write' };

describe('checkWrite', () => {
  it('allows a plain write in read-write mode and keeps the caller dry-run flag', () => {
    expect(checkWrite(rw, { verb: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web' })).toEqual({
      allowed: true,
      dryRun: false,
    });
    expect(checkWrite(rw, { verb: 'scale', kind: 'Deployment', namespace: 'shop', name: 'web', dryRun: true })).toEqual(
      { allowed: true, dryRun: true },
    );
  });

  it('refuses everything, dry runs included, in read-only mode', () => {
    const d = checkWrite(
      { mode: 'read-only' },
      { verb: 'delete', kind: 'Pod', namespace: 'shop', name: 'p', dryRun: true },
    );
    expect(d.allowed).toBe(false);
    if (!d.allowed)
      expect(d.reason).toMatch(/^refused: delete \(dry run\) Pod shop\/p — the write policy is read-only/);
  });

  it('forces dry run in dry-run mode and says so', () => {
    const d = checkWrite({ mode: 'dry-run' }, { verb: 'patch', kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect(d).toMatchObject({ allowed: true, dryRun: true });
    if (d.allowed) expect(d.note).toMatch(/dry-run mode/);
  });

  it('refuses verbs outside the allowed list and names the allowed ones', () => {
    const d = checkWrite(
      { mode: 'read-write', verbs: ['scale', 'restart'] },
      { verb: 'delete', kind: 'Pod', namespace: 'a', name: 'p' },
    );
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.reason).toContain('allows only these actions: scale, restart');
  });

  it('protects kube-system, kube-public and kube-node-lease by default, including the Namespace objects themselves', () => {
    for (const ns of ['kube-system', 'kube-public', 'kube-node-lease']) {
      const d = checkWrite(rw, { verb: 'delete', kind: 'Pod', namespace: ns, name: 'x' });
      expect(d.allowed).toBe(false);
      if (!d.allowed) expect(d.reason).toContain(`namespace ${ns} is protected`);
    }
    expect(checkWrite(rw, { verb: 'delete', kind: 'Namespace', name: 'kube-system' }).allowed).toBe(false);
    expect(
      checkWrite(
        { mode: 'read-write', protectedNamespaces: [] },
        { verb: 'delete', kind: 'Pod', namespace: 'kube-system', name: 'x' },
      ).allowed,
    ).toBe(true);
  });

  it('denies Secret and ClusterRoleBinding writes by default, matching kind, plural and kind.group in any case', () => {
    expect(checkWrite(rw, { verb: 'apply', kind: 'Secret', namespace: 'a', name: 's' }).allowed).toBe(false);
    expect(checkWrite(rw, { verb: 'create', kind: 'ClusterRoleBinding', name: 'b' }).allowed).toBe(false);
    expect(
      checkWrite(
        { mode: 'read-write', deniedKinds: ['ingresses'] },
        { verb: 'patch', kind: 'Ingress', namespace: 'a', name: 'i' },
      ).allowed,
    ).toBe(false);
    expect(
      checkWrite(
        { mode: 'read-write', deniedKinds: ['networkpolicies.networking.k8s.io'] },
        { verb: 'patch', kind: 'NetworkPolicy', namespace: 'a', name: 'n' },
      ).allowed,
    ).toBe(false);
    // an empty or different denied list adds nothing and removes nothing
    expect(
      checkWrite({ mode: 'read-write', deniedKinds: [] }, { verb: 'apply', kind: 'Secret', namespace: 'a', name: 's' })
        .allowed,
    ).toBe(false);
    expect(
      checkWrite(
        { mode: 'read-write', deniedKinds: ['Ingress'] },
        { verb: 'apply', kind: 'secrets', namespace: 'a', name: 's' },
      ).allowed,
    ).toBe(false);
    const lifted = checkWrite(
      { mode: 'read-write', allowKinds: ['secret'] },
      { verb: 'apply', kind: 'Secret', namespace: 'a', name: 's' },
    );
    expect(lifted).toEqual({ allowed: true, dryRun: false, allowedBy: ['kind Secret'] });
    // a kind the policy denies stays denied even when allowed by name
    expect(
      checkWrite(
        { mode: 'read-write', allowKinds: ['Secret'], deniedKinds: ['Secret'] },
        { verb: 'apply', kind: 'Secret', namespace: 'a', name: 's' },
      ).allowed,
    ).toBe(false);
  });

  it.each([
    'Role',
    'ClusterRole',
    'RoleBinding',
    'ClusterRoleBinding',
    'ValidatingWebhookConfiguration',
    'MutatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'APIService',
    'CustomResourceDefinition',
    'CertificateSigningRequest',
    'clusterroles',
    'mutatingwebhookconfigurations',
  ])('denies every write to %s by default', (kind) => {
    for (const verb of ['create', 'apply', 'patch', 'delete'] as const) {
      const d = checkWrite(rw, { verb, kind, name: 'x' });
      expect(d.allowed).toBe(false);
      if (!d.allowed) expect(d.reason).toMatch(/denied by default/);
    }
  });

  it('denies Namespace and PersistentVolume deletion and Node changes other than cordon/uncordon', () => {
    expect(checkWrite(rw, { verb: 'delete', kind: 'Namespace', name: 'shop' }).allowed).toBe(false);
    expect(checkWrite(rw, { verb: 'apply', kind: 'Namespace', name: 'shop' }).allowed).toBe(true);
    expect(checkWrite(rw, { verb: 'delete', kind: 'PersistentVolume', name: 'pv-1' }).allowed).toBe(false);
    expect(checkWrite(rw, { verb: 'patch', kind: 'PersistentVolume', name: 'pv-1' }).allowed).toBe(true);
    for (const verb of ['patch', 'delete', 'apply'] as const)
      expect(checkWrite(rw, { verb, kind: 'Node', name: 'node-1' }).allowed).toBe(false);
    expect(checkWrite(rw, { verb: 'cordon', kind: 'Node', name: 'node-1' }).allowed).toBe(true);
    expect(checkWrite(rw, { verb: 'uncordon', kind: 'nodes', name: 'node-1' }).allowed).toBe(true);
    expect(
      checkWrite(
        { mode: 'read-write', allowKinds: ['Namespace'] },
        { verb: 'delete', kind: 'Namespace', name: 'shop' },
      ),
    ).toMatchObject({ allowed: true, allowedBy: ['delete of kind Namespace'] });
  });

  it('refuses escalations a write adds unless allowed by name', () => {
    const req = { verb: 'apply' as const, kind: 'Pod', namespace: 'a', name: 'p' };
    const added = [
      { escalation: 'privileged' as const, where: 'spec.containers[x].securityContext.privileged' },
      { escalation: 'hostPID' as const, where: 'spec.hostPID' },
    ];
    expect(checkEscalations(rw, req, added).refused).toMatch(/privileged.*hostPID/);
    expect(checkEscalations({ mode: 'read-write', allowEscalation: ['privileged'] }, req, added).refused).toMatch(
      /hostPID/,
    );
    expect(checkEscalations({ mode: 'read-write', allowEscalation: ['all'] }, req, added)).toEqual({
      allowedBy: [
        'escalation privileged at spec.containers[x].securityContext.privileged',
        'escalation hostPID at spec.hostPID',
      ],
    });
    expect(() => parsePolicy({ allowEscalation: 'root' })).toThrow(/unknown escalation "root"/);
  });

  it('limits writes to allowed namespaces and refuses cluster-scoped objects unless allowed', () => {
    const p: WritePolicy = { mode: 'read-write', namespaces: ['dev', 'staging'] };
    expect(checkWrite(p, { verb: 'scale', kind: 'Deployment', namespace: 'dev', name: 'w' }).allowed).toBe(true);
    const prod = checkWrite(p, { verb: 'scale', kind: 'Deployment', namespace: 'prod', name: 'w' });
    expect(prod.allowed).toBe(false);
    if (!prod.allowed) expect(prod.reason).toContain('only in namespaces: dev, staging');
    const node = checkWrite(p, { verb: 'cordon', kind: 'Node', name: 'n1' });
    expect(node.allowed).toBe(false);
    if (!node.allowed) expect(node.reason).toContain('cluster-scoped');
    expect(checkWrite({ ...p, allowClusterScoped: true }, { verb: 'cordon', kind: 'Node', name: 'n1' }).allowed).toBe(
      true,
    );
    expect(checkWrite(rw, { verb: 'cordon', kind: 'Node', name: 'n1' }).allowed).toBe(true);
  });

  it('a protected namespace wins over an allowed-namespaces list naming it', () => {
    const d = checkWrite(
      { mode: 'read-write', namespaces: ['kube-system'] },
      { verb: 'delete', kind: 'Pod', namespace: 'kube-system', name: 'x' },
    );
    expect(d.allowed).toBe(false);
  });
});

describe('parsePolicy', () => {
  it('reads comma-separated lists and validates mode and verbs', () => {
    expect(parsePolicy({ mode: 'dry-run', verbs: 'scale, restart', namespaces: 'a,b', deniedKinds: '' })).toEqual({
      mode: 'dry-run',
      verbs: ['scale', 'restart'],
      namespaces: ['a', 'b'],
      deniedKinds: [],
    });
    expect(() => parsePolicy({ mode: 'yolo' })).toThrow(
      /unknown write policy mode "yolo"; use read-only, dry-run or read-write/,
    );
    expect(() => parsePolicy({ verbs: ['scale', 'nuke'] })).toThrow(
      /unknown write verb "nuke"; valid verbs: create, apply/,
    );
    expect(parsePolicy()).toEqual({ mode: 'read-write' });
  });
});
