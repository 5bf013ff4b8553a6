/** Discovery documents, OpenAPI endpoints, and CRDs appearing in and leaving discovery. */
import { startSimulator, type RunningSimulator } from '../../sim/index';
import { client, type Call } from './http-client';

interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  group?: string;
  version?: string;
}

describe('discovery and OpenAPI', () => {
  let sim: RunningSimulator;
  let call: Call;
  beforeAll(async () => {
    sim = await startSimulator();
    call = client(sim.url);
  });
  afterAll(() => sim.close());

  const resources = async (path: string) => ((await call('GET', path)).json.resources as ApiResource[]) ?? [];
  const find = (list: ApiResource[], name: string) => list.find((r) => r.name === name);

  it('serves /version, /api and /apis with every group we use', async () => {
    expect((await call('GET', '/version')).json).toMatchObject({
      major: '1',
      gitVersion: expect.stringMatching(/^v1\.3\d\.\d+$/),
    });
    const api = await call('GET', '/api');
    expect(api.json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await call('GET', '/apis')).json.groups as {
      name: string;
      preferredVersion: { version: string };
    }[];
    const names = groups.map((g) => g.name);
    for (const g of [
      'apps',
      'batch',
      'networking.k8s.io',
      'policy',
      'autoscaling',
      'storage.k8s.io',
      'rbac.authorization.k8s.io',
      'admissionregistration.k8s.io',
      'apiextensions.k8s.io',
      'events.k8s.io',
      'metrics.k8s.io',
      'coordination.k8s.io',
      'discovery.k8s.io',
    ]) {
      expect(names).toContain(g);
    }
    expect(groups.find((g) => g.name === 'autoscaling')?.preferredVersion.version).toBe('v2');
    expect((await call('GET', '/apis/autoscaling')).json).toMatchObject({
      kind: 'APIGroup',
      name: 'autoscaling',
      versions: [{ version: 'v2' }, { version: 'v1' }],
    });
  });

  it('answers the aggregated-discovery Accept header with legacy discovery so clients fall back', async () => {
    const r = await call('GET', '/apis', {
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
    });
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.json.kind).toBe('APIGroupList');
  });

  it('describes core resources with scope, verbs, short names, categories and subresources', async () => {
    const core = await resources('/api/v1');
    expect(find(core, 'pods')).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(find(core, 'pods/log')).toMatchObject({ namespaced: true, kind: 'Pod', verbs: ['get'] });
    expect(find(core, 'namespaces')).toMatchObject({
      namespaced: false,
      shortNames: ['ns'],
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    });
    expect(find(core, 'nodes')).toMatchObject({ namespaced: false, shortNames: ['no'] });
    expect(find(core, 'events')).toMatchObject({ shortNames: ['ev'] });
    const apps = await resources('/apis/apps/v1');
    expect(find(apps, 'deployments')).toMatchObject({ shortNames: ['deploy'], categories: ['all'] });
    expect(find(apps, 'deployments/scale')).toMatchObject({
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
    expect(find(await resources('/apis/metrics.k8s.io/v1beta1'), 'pods')).toMatchObject({
      kind: 'PodMetrics',
      namespaced: true,
      verbs: ['get', 'list'],
    });
    expect(find(await resources('/apis/apiextensions.k8s.io/v1'), 'customresourcedefinitions')).toMatchObject({
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
    });
    expect(find(await resources('/apis/batch/v1'), 'cronjobs')).toMatchObject({ shortNames: ['cj'] });
    expect((await call('GET', '/apis/nope.example.com/v1')).status).toBe(404);
  });

  it('serves /openapi/v2 as protobuf and /openapi/v3 with a document per group-version', async () => {
    const v2 = await fetch(`${sim.url}/openapi/v2`, {
      headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
    });
    expect(v2.status).toBe(200);
    const bytes = Buffer.from(await v2.arrayBuffer());
    expect(bytes[0]).toBe(0x0a); // field 1 (swagger), length-delimited
    expect(bytes.subarray(2, 5).toString()).toBe('2.0');
    const index = (await call('GET', '/openapi/v3')).json.paths as Record<string, { serverRelativeURL: string }>;
    expect(Object.keys(index)).toEqual(expect.arrayContaining(['api/v1', 'apis/apps/v1']));
    const apps = await call('GET', index['apis/apps/v1'].serverRelativeURL);
    const schemas = (
      apps.json.components as { schemas: Record<string, { 'x-kubernetes-group-version-kind': unknown[] }> }
    ).schemas;
    expect(Object.values(schemas).flatMap((s) => s['x-kubernetes-group-version-kind'])).toContainEqual({
      group: 'apps',
      kind: 'Deployment',
      version: 'v1',
    });
  });

  it('serves a CRD once created (names, scope, subresources) and removes it and its objects when deleted', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'backups.ops.example.com' },
      spec: {
        group: 'ops.example.com',
        scope: 'Cluster',
        names: { plural: 'backups', singular: 'backup', kind: 'Backup', shortNames: ['bk'], categories: ['ops'] },
        versions: [
          { name: 'v1alpha1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
          {
            name: 'v1',
            served: true,
            storage: true,
            subresources: { status: {} },
            schema: { openAPIV3Schema: { type: 'object' } },
          },
        ],
      },
    };
    const created = await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd });
    expect(created.status).toBe(201);
    expect((created.json.status as { conditions: { type: string; status: string }[] }).conditions).toContainEqual(
      expect.objectContaining({ type: 'Established', status: 'True' }),
    );
    const group = (await call('GET', '/apis')).json.groups as {
      name: string;
      versions: { version: string }[];
      preferredVersion: { version: string };
    }[];
    const ops = group.find((g) => g.name === 'ops.example.com');
    expect(ops?.versions.map((v) => v.version)).toEqual(['v1', 'v1alpha1']);
    expect(ops?.preferredVersion.version).toBe('v1');
    expect(await resources('/apis/ops.example.com/v1')).toEqual([
      {
        name: 'backups',
        singularName: 'backup',
        namespaced: false,
        kind: 'Backup',
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['bk'],
        categories: ['ops'],
      },
      {
        name: 'backups/status',
        singularName: '',
        namespaced: false,
        kind: 'Backup',
        verbs: ['get', 'patch', 'update'],
      },
    ]);
    const cr = await call('POST', '/apis/ops.example.com/v1/backups', {
      body: { apiVersion: 'ops.example.com/v1', kind: 'Backup', metadata: { name: 'nightly' }, spec: { at: '02:00' } },
    });
    expect(cr.status).toBe(201);
    expect((cr.json.metadata as { generation: number }).generation).toBe(1);
    const smp = await call('PATCH', '/apis/ops.example.com/v1/backups/nightly', {
      body: { spec: { at: '03:00' } },
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(smp.status).toBe(415);
    expect((await call('GET', '/apis/ops.example.com/v1alpha1/backups/nightly')).json.apiVersion).toBe(
      'ops.example.com/v1alpha1',
    );
    expect(
      (await call('DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/backups.ops.example.com')).status,
    ).toBe(200);
    expect((await call('GET', '/apis/ops.example.com/v1')).status).toBe(404);
    expect(((await call('GET', '/apis')).json.groups as { name: string }[]).map((g) => g.name)).not.toContain(
      'ops.example.com',
    );
    // re-creating the CRD does not resurrect old objects
    await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd });
    expect((await call('GET', '/apis/ops.example.com/v1/backups/nightly')).status).toBe(404);
  });

  it('rejects a CRD whose name is not plural.group', async () => {
    const r = await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: {
        metadata: { name: 'wrong' },
        spec: {
          group: 'a.example.com',
          scope: 'Namespaced',
          names: { plural: 'xs', kind: 'X' },
          versions: [{ name: 'v1', served: true, storage: true }],
        },
      },
    });
    expect(r.status).toBe(422);
    expect(r.json.message).toContain('must be spec.names.plural+"."+spec.group');
  });
});
