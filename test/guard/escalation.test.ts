import { addedEscalations, checkEscalations, findEscalations, parsePolicy } from '../../lib/guard';

const pod = (spec: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

describe('findEscalations', () => {
  it('finds each escalation the baseline Pod Security level forbids, in pods and in any template', () => {
    const spec = {
      hostPID: true,
      hostNetwork: true,
      hostIPC: true,
      volumes: [
        { name: 'root', hostPath: { path: '/' } },
        { name: 'tmp', emptyDir: {} },
      ],
      initContainers: [{ name: 'init', image: 'x', securityContext: { allowPrivilegeEscalation: true } }],
      containers: [
        {
          name: 'app',
          image: 'x',
          ports: [{ containerPort: 80, hostPort: 80 }],
          securityContext: {
            privileged: true,
            capabilities: { add: ['NET_BIND_SERVICE', 'SYS_ADMIN', 'all'] },
            procMount: 'Unmasked',
          },
        },
      ],
    };
    expect(
      findEscalations(pod(spec))
        .map((e) => e.escalation)
        .sort(),
    ).toEqual(
      [
        'allowPrivilegeEscalation',
        'capabilities',
        'capabilities',
        'hostIPC',
        'hostNetwork',
        'hostPID',
        'hostPath',
        'hostPorts',
        'privileged',
        'procMount',
      ].sort(),
    );
    const cronJob = {
      kind: 'CronJob',
      spec: {
        jobTemplate: {
          spec: { template: { spec: { containers: [{ name: 'c', securityContext: { privileged: true } }] } } },
        },
      },
    };
    expect(findEscalations(cronJob)).toEqual([
      {
        escalation: 'privileged',
        where: 'spec.jobTemplate.spec.template.spec.containers[c].securityContext.privileged',
      },
    ]);
    // a custom resource embedding a pod template is read by its shape
    const rollout = { kind: 'Rollout', spec: { template: { spec: { hostNetwork: true, containers: [] } } } };
    expect(findEscalations(rollout)).toEqual([{ escalation: 'hostNetwork', where: 'spec.template.spec.hostNetwork' }]);
  });

  it('leaves an ordinary pod alone', () => {
    expect(
      findEscalations(
        pod({
          hostNetwork: false,
          containers: [
            {
              name: 'a',
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
              },
            },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('counts only what a change adds', () => {
    const before = { spec: { template: { spec: { hostNetwork: true, containers: [{ name: 'a' }] } } } };
    const restart = {
      spec: {
        template: { metadata: { annotations: { x: '1' } }, spec: { hostNetwork: true, containers: [{ name: 'a' }] } },
      },
    };
    expect(addedEscalations(before, restart)).toEqual([]);
    const worse = { spec: { template: { spec: { hostNetwork: true, hostPID: true, containers: [{ name: 'a' }] } } } };
    expect(addedEscalations(before, worse).map((e) => e.escalation)).toEqual(['hostPID']);
  });

  it('a Secret or ServiceAccount a pod already had is no escalation, whichever field names it', () => {
    const spec = (containers: object[], extra: object = {}) => ({
      spec: { template: { spec: { ...extra, containers } } },
    });
    const before = spec([{ name: 'a', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'p' } } }] }], {
      serviceAccountName: 'deployer',
    });
    // the same Secret moved to a volume, the same account: nothing new reaches the pod
    const moved = spec([{ name: 'a', command: ['sh'] }], {
      serviceAccountName: 'deployer',
      volumes: [{ name: 's', secret: { secretName: 'db' } }],
    });
    expect(addedEscalations(before, moved)).toEqual([]);
    const other = spec([{ name: 'a', envFrom: [{ secretRef: { name: 'api' } }] }], { serviceAccountName: 'admin' });
    expect(addedEscalations(before, other).map((e) => e.where)).toEqual([
      'spec.template.spec.containers[a].envFrom.secretRef (Secret api)',
      'spec.template.spec.serviceAccountName (ServiceAccount admin)',
    ]);
    // automount off and no projected token: the account's rights never reach the code
    expect(
      findEscalations(spec([{ name: 'a' }], { serviceAccountName: 'admin', automountServiceAccountToken: false })),
    ).toEqual([]);
  });

  it('a Namespace whose Pod Security enforcement is lowered or removed, not one that is raised', () => {
    const ns = (level?: string) => ({
      kind: 'Namespace',
      metadata: { name: 'n', labels: level ? { 'pod-security.kubernetes.io/enforce': level } : {} },
    });
    expect(addedEscalations(ns('restricted'), ns('baseline')).map((e) => e.escalation)).toEqual(['podSecurity']);
    expect(addedEscalations(ns('baseline'), ns()).map((e) => e.escalation)).toEqual(['podSecurity']);
    expect(addedEscalations(ns('baseline'), ns('restricted'))).toEqual([]);
    expect(addedEscalations(undefined, ns('privileged'))).toEqual([]);
  });

  it('each new escalation is lifted only by its own name, and the refusal says what kind of escalation it is', () => {
    const req = { verb: 'apply' as const, kind: 'Deployment', namespace: 'n', name: 'd' };
    const found = findEscalations(
      pod({
        securityContext: { seccompProfile: { type: 'Unconfined' } },
        containers: [{ name: 'a', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'p' } } }] }],
      }),
    );
    const denied = checkEscalations(parsePolicy({}), req, found);
    expect(denied.refused).toMatch(/escape their container: spec\.securityContext\.seccompProfile\.type \(seccomp\)/);
    expect(denied.refused).toMatch(/Secret or a ServiceAccount token they did not have.*\(Secret db\)/);
    expect(checkEscalations(parsePolicy({ allowEscalation: 'seccomp' }), req, found).refused).toMatch(/secretRefs/);
    expect(checkEscalations(parsePolicy({ allowEscalation: 'seccomp,secretRefs' }), req, found)).toEqual({
      allowedBy: [
        'escalation secretRefs at spec.containers[a].env[P].valueFrom.secretKeyRef (Secret db)',
        'escalation seccomp at spec.securityContext.seccompProfile.type',
      ],
    });
  });
});
