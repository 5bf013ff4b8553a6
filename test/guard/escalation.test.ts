import { addedEscalations, findEscalations } from '../../lib/guard';

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
});
