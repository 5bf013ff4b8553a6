/**
 * The hostile arguments of issue 12 through the Kubernetes Action node in n8n's execution engine, behind a
 * counting proxy: dot-segment names and escalating manifests are refused before any request reaches the API server,
 * whatever the credential's write policy widens by accident.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { list } from '../../lib/kube';
import { connect, type KubeConnection } from '../../lib/kube/connect';
import { KubernetesAction } from '../../nodes/KubernetesAction/KubernetesAction.node';
import { SECRET_FORMS, VICTIM_OBJECTS } from '../bridge/attack-fixture';
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

afterAll(() => {
  const all = seen.join('\n');
  for (const form of SECRET_FORMS) expect(all).not.toContain(form);
});
