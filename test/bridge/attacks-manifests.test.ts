/**
 * Manifests and patches shaped to make the object checked differ from the object sent, or to reach what the policy
 * denies by a side door: List wrappers, YAML tags and aliases, duplicate keys, `__proto__`, nesting that overflows a
 * parser, a namespace that contradicts the call's, denied kinds spelled otherwise, and pod templates that escalate
 * by the Pod Security baseline fields, by Secrets and ServiceAccounts they are given, or by lowering a namespace's
 * Pod Security level. Through the real MCP client; each must end in a clear error with nothing saved.
 */
import { get, list } from '../../lib/kube';
import { SECRET_FORMS, type AttackStack, startAttackStack } from './attack-fixture';
import { callTool, textOf } from './helpers';

let s: AttackStack;

const EXTRA = [
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer', namespace: 'victim' } },
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'strict', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
  },
];

beforeAll(async () => {
  s = await startAttackStack({}, EXTRA);
}, 90_000);

afterAll(async () => {
  const everything = [...s.logs, JSON.stringify(s.audit())].join('\n');
  for (const form of SECRET_FORMS) expect(everything).not.toContain(form);
  await s?.close();
});

/** requests that would change the cluster: every write without dryRun=All */
const realWrites = () => s.proxy.writes().filter((r) => r.query.get('dryRun') !== 'All');
const doc = (...lines: string[]) => lines.join('\n');

/** Calls a tool expecting a refusal: an MCP error result, quickly, nothing saved, the text matching `why`. */
async function refused(tool: string, args: Record<string, unknown>, why: RegExp): Promise<string> {
  const before = realWrites().length;
  const started = Date.now();
  const r = await callTool(s.client, tool, args);
  expect({ isError: r.isError, text: textOf(r) }).toEqual({ isError: true, text: expect.stringMatching(why) });
  expect(textOf(r)).not.toMatch(/\n\s+at |RangeError|TypeError/);
  expect(Date.now() - started).toBeLessThan(5000);
  expect(realWrites().slice(before)).toEqual([]);
  return textOf(r);
}

const ns = doc('metadata: {name: probe, namespace: victim}');

describe('manifest parsing cannot make the checked object differ from the sent one', () => {
  it.each([
    [
      'a List wrapping a Secret',
      doc(
        'apiVersion: v1',
        'kind: List',
        'items: [{apiVersion: v1, kind: Secret, metadata: {name: x, namespace: victim}, stringData: {a: b}}]',
      ),
      /Secret are denied by default/,
    ],
    [
      'a SecretList',
      doc(
        'apiVersion: v1',
        'kind: SecretList',
        'items: [{apiVersion: v1, kind: Secret, metadata: {name: x, namespace: victim}, stringData: {a: b}}]',
      ),
      /Secret are denied by default/,
    ],
    [
      'a List nested in a List around a ClusterRoleBinding',
      doc(
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- apiVersion: v1',
        '  kind: List',
        '  items: [{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: x}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}}]',
      ),
      /ClusterRoleBinding are denied by default/,
    ],
    [
      'a "billion laughs" of aliases',
      doc(
        'a: &a [x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
        'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
        'apiVersion: v1',
        'kind: ConfigMap',
        ns,
      ),
      /not valid YAML.*(alias|resource exhaustion)/i,
    ],
    [
      'a 300 KB string repeated by ten aliases (3 MB sent for a 300 KB manifest)',
      doc(
        'apiVersion: v1',
        'kind: ConfigMap',
        ns,
        'data:',
        `  a: &big "${'x'.repeat(300_000)}"`,
        ...Array.from({ length: 10 }, (_, i) => `  b${i}: *big`),
      ),
      /expands to over 1048576 bytes/,
    ],
    [
      'a !!binary value (a Buffer, sent as {"type":"Buffer"})',
      doc('apiVersion: v1', 'kind: ConfigMap', ns, 'data: {a: !!binary aGVsbG8=}'),
      /holds a Buffer at data\.a/,
    ],
    [
      'a YAML 1.1 !!omap securityContext (a Map, sent as {})',
      doc(
        '%YAML 1.1',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        ns,
        'spec: {containers: [{name: a, image: x, securityContext: !!omap [{privileged: true}]}]}',
      ),
      /holds a Map at spec\.containers\[0\]\.securityContext/,
    ],
    [
      'a custom tag on the kind',
      doc('apiVersion: v1', 'kind: !Secret ConfigMap', ns),
      /YAML tag Kubernetes does not know/,
    ],
    [
      'a second kind key that would override the first',
      doc('apiVersion: v1', 'kind: ConfigMap', ns, 'kind: Secret'),
      /keys must be unique/,
    ],
    [
      'JSON with a duplicate kind',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"probe","namespace":"victim"},"kind":"Secret"}',
      /keys must be unique/,
    ],
    [
      '__proto__ naming a harmless kind beside a Secret',
      '{"apiVersion":"v1","__proto__":{"kind":"ConfigMap"},"kind":"Secret","metadata":{"name":"probe","namespace":"victim"},"stringData":{"a":"b"}}',
      /Secret are denied by default/,
    ],
    [
      '100 000 nested brackets',
      `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"probe","namespace":"victim"},"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      /nests deeper than 100 levels/,
    ],
    ['kind spelled lower-case', doc('apiVersion: v1', 'kind: secret', ns), /Secret are denied by default/],
    ['kind spelled as its plural', doc('apiVersion: v1', 'kind: secrets', ns), /Secret are denied by default/],
    ['kind with a version suffix', doc('apiVersion: v1', 'kind: Secret.v1', ns), /bare Kind/],
    ['a Secret claimed in another group', doc('apiVersion: apps/v1', 'kind: Secret', ns), /served only as v1/],
  ])('%s is refused', async (_label, manifest, why) => {
    for (const tool of ['apply_resource', 'create_resource']) await refused(tool, { manifest }, why);
  });

  it('a multi-document manifest with an allowed ConfigMap and a denied ClusterRoleBinding writes nothing at all', async () => {
    const manifest = doc(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: half-applied, namespace: victim}',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRoleBinding',
      'metadata: {name: grab}',
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
      'subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}]',
    );
    const requests = s.proxy.writes().length;
    await refused('apply_resource', { manifest }, /nothing was applied.*ClusterRoleBinding/);
    // refused before the dry run: not even a dryRun=All request for the ConfigMap
    expect(s.proxy.writes().length).toBe(requests);
    const names = (await list(s.kube, { kind: 'ConfigMap', namespace: 'victim' })).items.map((i) => i.metadata?.name);
    expect(names).not.toContain('half-applied');
  });

  it('a manifest whose namespace contradicts the namespace argument is refused, even when both are allowed', async () => {
    for (const target of ['default', 'kube-system']) {
      const text = await refused(
        'apply_resource',
        {
          namespace: 'victim',
          manifest: doc('apiVersion: v1', 'kind: ConfigMap', `metadata: {name: m, namespace: ${target}}`),
        },
        /names namespace .* but the call asked for namespace "victim"/,
      );
      expect(text).toContain(target);
    }
    // agreeing, or naming only one, still works
    const ok = await callTool(s.client, 'apply_resource', {
      namespace: 'victim',
      manifest: doc('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: m, namespace: victim}'),
      dryRun: true,
    });
    expect(textOf(ok)).toMatch(/dry run: created ConfigMap victim\/m/);
  });

  it('a patch with an unknown tag, a !!binary value or deep nesting is refused before any request', async () => {
    const target = { kind: 'cm', name: 'cm-1', namespace: 'victim', type: 'merge' };
    await refused(
      'patch_resource',
      { ...target, patch: 'data: {a: !evil x}' },
      /not valid JSON or YAML.*Unresolved tag/,
    );
    await refused('patch_resource', { ...target, patch: 'data: {a: !!binary aGVsbG8=}' }, /holds a Buffer/);
    await refused(
      'patch_resource',
      { ...target, patch: `{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_001)}` },
      /nests deeper/,
    );
  });
});

const deployment = (spec: string, kind = 'Deployment') =>
  doc(
    'apiVersion: apps/v1',
    `kind: ${kind}`,
    ns,
    'spec:',
    '  selector: {matchLabels: {app: p}}',
    '  template:',
    '    metadata: {labels: {app: p}}',
    `    spec: ${spec}`,
  );
const cronJob = (spec: string) =>
  doc(
    'apiVersion: batch/v1',
    'kind: CronJob',
    ns,
    'spec:',
    '  schedule: "* * * * *"',
    `  jobTemplate: {spec: {template: {spec: ${spec}}}}`,
  );

describe('pod templates that escalate by the rest of the Pod Security baseline', () => {
  it.each([
    [
      'seccomp Unconfined for the pod',
      deployment('{securityContext: {seccompProfile: {type: Unconfined}}, containers: [{name: a, image: x}]}'),
      /seccompProfile\.type \(seccomp\)/,
    ],
    [
      'seccomp Unconfined for a container of a StatefulSet',
      deployment(
        '{containers: [{name: a, image: x, securityContext: {seccompProfile: {type: Unconfined}}}]}',
        'StatefulSet',
      ),
      /containers\[a\]\.securityContext\.seccompProfile\.type/,
    ],
    [
      'the legacy seccomp annotation on a DaemonSet template',
      doc(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        ns,
        'spec:',
        '  selector: {matchLabels: {app: p}}',
        '  template:',
        '    metadata: {labels: {app: p}, annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}}',
        '    spec: {containers: [{name: a, image: x}]}',
      ),
      /annotations\["seccomp\.security\.alpha\.kubernetes\.io\/pod"\] \(seccomp\)/,
    ],
    [
      'AppArmor Unconfined in a CronJob',
      cronJob(
        '{restartPolicy: Never, containers: [{name: a, image: x, securityContext: {appArmorProfile: {type: Unconfined}}}]}',
      ),
      /appArmorProfile\.type \(appArmor\)/,
    ],
    [
      'the SELinux super-privileged type on an init container',
      deployment(
        '{initContainers: [{name: i, image: x, securityContext: {seLinuxOptions: {type: spc_t}}}], containers: [{name: a, image: x}]}',
      ),
      /initContainers\[i\]\.securityContext\.seLinuxOptions\.type \(seLinux\)/,
    ],
    [
      'a Windows host process in a Job',
      doc(
        'apiVersion: batch/v1',
        'kind: Job',
        ns,
        'spec: {template: {spec: {restartPolicy: Never, securityContext: {windowsOptions: {hostProcess: true}}, hostNetwork: true, containers: [{name: a, image: x}]}}}',
      ),
      /windowsOptions\.hostProcess \(hostProcess\)/,
    ],
    [
      'a kernel.core_pattern sysctl (runs a host binary on every crash)',
      deployment(
        '{securityContext: {sysctls: [{name: kernel.core_pattern, value: "|/tmp/x"}]}, containers: [{name: a, image: x}]}',
      ),
      /sysctls\[kernel\.core_pattern\] \(sysctls\)/,
    ],
    [
      'procMount Unmasked in an ephemeral container',
      doc(
        'apiVersion: v1',
        'kind: Pod',
        ns,
        'spec: {containers: [{name: a, image: x}], ephemeralContainers: [{name: d, image: x, securityContext: {procMount: Unmasked}}]}',
      ),
      /ephemeralContainers\[d\]\.securityContext\.procMount/,
    ],
  ])('%s is refused', async (_label, manifest, why) => {
    for (const dryRun of [false, true]) {
      const text = await refused('apply_resource', { manifest, dryRun }, why);
      expect(text).toMatch(/escape their container/);
    }
  });

  it.each([
    ['merge', { spec: { template: { spec: { securityContext: { seccompProfile: { type: 'Unconfined' } } } } } }],
    [
      'strategic',
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'app', securityContext: { appArmorProfile: { type: 'Unconfined' } } }] },
          },
        },
      },
    ],
    [
      'json',
      [
        {
          op: 'add',
          path: '/spec/template/spec/securityContext',
          value: { sysctls: [{ name: 'kernel.modprobe', value: '/tmp/x' }] },
        },
      ],
    ],
  ])('a %s patch adding one to the existing Deployment is refused on its result', async (type, body) => {
    await refused(
      'patch_resource',
      { kind: 'deploy', name: 'app', namespace: 'victim', type, patch: JSON.stringify(body) },
      /escape their container/,
    );
    const dep = (await get(s.kube, { kind: 'Deployment', name: 'app', namespace: 'victim' })) as {
      spec: { template: { spec: Record<string, unknown> } };
    };
    expect(dep.spec.template.spec.securityContext ?? {}).toEqual({});
  });

  it('a baseline-clean template still applies: safe sysctls, RuntimeDefault seccomp, container_t', async () => {
    const r = await callTool(s.client, 'apply_resource', {
      manifest: deployment(
        '{securityContext: {seccompProfile: {type: RuntimeDefault}, seLinuxOptions: {type: container_t}, sysctls: [{name: net.ipv4.ip_local_port_range, value: "1024 65535"}]}, containers: [{name: a, image: x, securityContext: {appArmorProfile: {type: RuntimeDefault}}}]}',
      ),
      dryRun: true,
    });
    expect(textOf(r)).toMatch(/dry run: created Deployment victim\/probe/);
  });
});

describe('objects that give a pod the same reach without a pod spec', () => {
  it('a hostPath PersistentVolume (any pod claiming it mounts the node) is refused', async () => {
    await refused(
      'apply_resource',
      {
        manifest: doc(
          'apiVersion: v1',
          'kind: PersistentVolume',
          'metadata: {name: node-root}',
          'spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /}}',
        ),
      },
      /spec\.hostPath \(hostPath\)/,
    );
  });

  it('an Ingress with an ingress-nginx snippet (run by the controller, whose token reads every Secret) is refused', async () => {
    await refused(
      'apply_resource',
      {
        manifest: doc(
          'apiVersion: networking.k8s.io/v1',
          'kind: Ingress',
          'metadata:',
          '  name: snip',
          '  namespace: victim',
          '  annotations: {nginx.ingress.kubernetes.io/server-snippet: "location /t { content_by_lua_block { ngx.say(io.open(\'/var/run/secrets/kubernetes.io/serviceaccount/token\'):read()) } }"}',
          'spec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: app, port: {number: 80}}}}]}}]}',
        ),
        dryRun: true,
      },
      /ingress controller run configuration .*server-snippet/,
    );
  });

  it('a Service with externalIPs (captures traffic to addresses it does not own) is refused', async () => {
    await refused(
      'create_resource',
      {
        manifest: doc(
          'apiVersion: v1',
          'kind: Service',
          'metadata: {name: mitm, namespace: victim}',
          'spec: {ports: [{port: 443}], externalIPs: [8.8.8.8]}',
        ),
      },
      /capture traffic .*spec\.externalIPs\[8\.8\.8\.8\]/,
    );
  });
});

describe('pod templates that reach a Secret or a ServiceAccount token they did not have', () => {
  it.each([
    [
      'an env var from a Secret, printed by the command',
      deployment(
        '{containers: [{name: a, image: x, command: [sh, -c, "echo $P"], env: [{name: P, valueFrom: {secretKeyRef: {name: db, key: password}}}]}]}',
      ),
      /env\[P\]\.valueFrom\.secretKeyRef \(Secret db\)/,
    ],
    [
      'envFrom a Secret in an init container',
      deployment(
        '{initContainers: [{name: i, image: x, envFrom: [{secretRef: {name: db}}]}], containers: [{name: a, image: x}]}',
      ),
      /envFrom\.secretRef \(Secret db\)/,
    ],
    [
      'a Secret volume in a CronJob',
      cronJob(
        '{restartPolicy: Never, volumes: [{name: s, secret: {secretName: db}}], containers: [{name: a, image: x, command: [cat, /s/password]}]}',
      ),
      /volumes\[s\]\.secret \(Secret db\)/,
    ],
    [
      'a projected Secret',
      deployment(
        '{volumes: [{name: s, projected: {sources: [{secret: {name: db}}]}}], containers: [{name: a, image: x}]}',
      ),
      /projected\.secret \(Secret db\)/,
    ],
    [
      'another ServiceAccount with its token mounted',
      deployment(
        '{serviceAccountName: deployer, automountServiceAccountToken: true, containers: [{name: a, image: x}]}',
      ),
      /serviceAccountName \(ServiceAccount deployer\)/,
    ],
    [
      'another ServiceAccount by the deprecated serviceAccount field',
      deployment('{serviceAccount: deployer, containers: [{name: a, image: x}]}'),
      /ServiceAccount deployer/,
    ],
    [
      'another ServiceAccount with automount off but a projected token',
      deployment(
        '{serviceAccountName: deployer, automountServiceAccountToken: false, volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: t}}]}}], containers: [{name: a, image: x}]}',
      ),
      /ServiceAccount deployer/,
    ],
  ])('%s is refused', async (_label, manifest, why) => {
    const text = await refused('apply_resource', { manifest, dryRun: true }, why);
    expect(text).toMatch(/Secret or a ServiceAccount token they did not have/);
  });

  it('a json patch appending a secretKeyRef to the running Deployment is refused; touching the existing template is not', async () => {
    await refused(
      'patch_resource',
      {
        kind: 'deploy',
        name: 'app',
        namespace: 'victim',
        type: 'json',
        patch: JSON.stringify([
          {
            op: 'add',
            path: '/spec/template/spec/containers/0/env/-',
            value: { name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          },
        ]),
      },
      /Secret db/,
    );
    const ok = await callTool(s.client, 'apply_resource', {
      manifest: deployment(
        '{serviceAccountName: deployer, automountServiceAccountToken: false, containers: [{name: a, image: x}]}',
      ),
      dryRun: true,
    });
    expect(textOf(ok)).toMatch(/dry run: created Deployment victim\/probe/);
  });
});

describe('lowering a namespace\u2019s Pod Security level', () => {
  it.each([
    ['to privileged', '{"metadata":{"labels":{"pod-security.kubernetes.io/enforce":"privileged"}}}'],
    ['by removing the label', '{"metadata":{"labels":{"pod-security.kubernetes.io/enforce":null}}}'],
  ])('%s is refused', async (_label, patch) => {
    const text = await refused(
      'patch_resource',
      { kind: 'namespace', name: 'strict', type: 'merge', patch },
      /lower the Pod Security level/,
    );
    expect(text).toContain('pod-security.kubernetes.io/enforce');
    const nsObj = await get(s.kube, { kind: 'Namespace', name: 'strict' });
    expect(nsObj.metadata?.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('other label changes on the namespace still go through', async () => {
    const r = await callTool(s.client, 'patch_resource', {
      kind: 'namespace',
      name: 'strict',
      type: 'merge',
      patch: '{"metadata":{"labels":{"team":"a"}}}',
      dryRun: true,
    });
    expect(textOf(r)).toMatch(/dry run: patched Namespace strict/);
  });
});

describe('exhaustion: answered quickly with a clear error, the bridge keeps serving', () => {
  it('an argument nested 50 000 levels deep is refused by the schema', async () => {
    const base = s.bridge.url as string;
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const init = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
      }),
    });
    await init.text();
    const session = { ...headers, 'mcp-session-id': init.headers.get('mcp-session-id') as string };
    const nested = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const started = Date.now();
    const r = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: session,
      body: `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"set_image","arguments":{"kind":"deploy","name":"app","namespace":"victim","images":${nested}}}}`,
    });
    const text = await r.text();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(text).toMatch(/"isError":true/);
    expect(text).toMatch(/Expected string, received object/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  // never hung is what the test's own timeout checks; how fast is bench:bridge's job, not a timed assertion's
  it('200 concurrent calls, a third of them hostile, all get an answer and none writes', async () => {
    const before = realWrites().length;
    const calls = Array.from({ length: 200 }, (_, i) =>
      i % 3 === 0
        ? callTool(s.client, 'delete_resource', { kind: 'cm', name: 'coredns', namespace: 'kube-system' })
        : i % 3 === 1
          ? callTool(s.client, 'apply_resource', { manifest: doc('apiVersion: v1', 'kind: secret', ns) })
          : callTool(s.client, 'list_resources', { kind: 'pods', namespace: 'victim' }),
    );
    const answers = await Promise.all(calls);
    // each is answered: hostile ones refused, the others done or turned away by the per-session cap, never hung
    const outcome = (r: (typeof answers)[number], i: number) =>
      !r.isError ? 'done' : /too many calls in flight/.test(textOf(r)) ? 'busy' : i % 3 === 2 ? 'failed' : 'refused';
    answers.forEach((r, i) =>
      expect({ i, outcome: outcome(r, i) }).toEqual({
        i,
        outcome: expect.not.stringMatching(i % 3 === 2 ? /failed/ : /done/),
      }),
    );
    expect(realWrites().slice(before)).toEqual([]);
    const after = await callTool(s.client, 'list_resources', { kind: 'pods', namespace: 'victim' });
    expect(after.isError).toBeFalsy();
  }, 60_000);

  it('a delete with a grace period JSON cannot carry as an int64 is refused before any request', async () => {
    await refused(
      'delete_resource',
      { kind: 'cm', name: 'cm-1', namespace: 'victim', gracePeriodSeconds: 1e300 },
      /gracePeriodSeconds must be a whole number/,
    );
  });
});

describe('deletion by the garbage collector, without the delete verb', () => {
  let noDelete: AttackStack;
  beforeAll(async () => {
    noDelete = await startAttackStack({ enable: { create: true, update: true, delete: false } });
  }, 90_000);
  afterAll(async () => {
    await noDelete?.close();
  });

  const ghostOwner = JSON.stringify({
    metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' }] },
  });

  it('a patch adding an owner that does not exist is refused when deleting is not enabled', async () => {
    const before = noDelete.proxy.writes().filter((r) => r.query.get('dryRun') !== 'All').length;
    const r = await callTool(noDelete.client, 'patch_resource', {
      kind: 'cm',
      name: 'cm-1',
      namespace: 'victim',
      type: 'merge',
      patch: ghostOwner,
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/adds an owner reference.*deleting it is refused.*allows only these actions/);
    expect(noDelete.proxy.writes().filter((w) => w.query.get('dryRun') !== 'All').length).toBe(before);
    const cm = await get(noDelete.kube, { kind: 'ConfigMap', name: 'cm-1', namespace: 'victim' });
    expect(cm.metadata?.ownerReferences).toBeUndefined();
  });

  it('with delete enabled the same patch is an ordinary change', async () => {
    const r = await callTool(s.client, 'patch_resource', {
      kind: 'cm',
      name: 'cm-2',
      namespace: 'victim',
      type: 'merge',
      patch: ghostOwner,
      dryRun: true,
    });
    expect(textOf(r)).toMatch(/dry run: patched ConfigMap victim\/cm-2/);
  });
});
