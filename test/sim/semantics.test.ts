/** apiserver semantics over plain HTTP: status codes and messages, versions, selectors, paging, dry-run, GC. */
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../sim/index';
import { client, pod, type Call } from './http-client';

const FIXTURES = join(__dirname, '../fixtures/sim');

describe('simulator semantics', () => {
  let sim: RunningSimulator;
  let call: Call;

  beforeAll(async () => {
    sim = await startSimulator({ fixtures: [join(FIXTURES, 'cluster.yaml'), join(FIXTURES, 'configmaps.json')] });
    call = client(sim.url);
  });
  afterAll(() => sim.close());

  const names = (r: { json: Record<string, unknown> }) =>
    (r.json.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);

  describe('errors', () => {
    it('404 for an object in a namespace that does not exist, worded like the apiserver', async () => {
      const r = await call('GET', '/api/v1/namespaces/nope/pods/x');
      expect(r.status).toBe(404);
      expect(r.json).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'pods "x" not found',
        reason: 'NotFound',
        details: { name: 'x', kind: 'pods' },
        code: 404,
      });
    });

    it('404 for an unknown resource path', async () => {
      const r = await call('GET', '/api/v1/namespaces/default/gizmos');
      expect(r.status).toBe(404);
      expect(r.json.message).toBe('the server could not find the requested resource');
    });

    it('400 BadRequest for a malformed body', async () => {
      const r = await call('POST', '/api/v1/namespaces/default/configmaps', { body: '{"metadata": ' });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 });
    });

    it('422 Invalid for a deployment whose selector does not match its template', async () => {
      const r = await call('POST', '/apis/apps/v1/namespaces/default/deployments', {
        body: {
          metadata: { name: 'bad' },
          spec: {
            selector: { matchLabels: { app: 'a' } },
            template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
          },
        },
      });
      expect(r.status).toBe(422);
      expect(r.json.message).toBe(
        'Deployment.apps "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`',
      );
      expect(r.json.details).toMatchObject({ name: 'bad', group: 'apps', kind: 'Deployment' });
    });

    it('400 when the name in the body differs from the URL', async () => {
      const r = await call('PUT', '/api/v1/namespaces/shop/configmaps/settings', {
        body: { metadata: { name: 'other' } },
      });
      expect(r.status).toBe(400);
      expect(r.json.message).toBe('the name of the object (other) does not match the name on the URL (settings)');
    });

    it('405 for a verb the resource does not serve', async () => {
      const r = await call('DELETE', '/apis/metrics.k8s.io/v1beta1/nodes/node-a');
      expect(r.status).toBe(405);
      expect(r.json.reason).toBe('MethodNotAllowed');
    });
  });

  describe('versions and generation', () => {
    it('hands out one global, increasing resourceVersion as a string', async () => {
      const a = await call('POST', '/api/v1/namespaces/default/configmaps', { body: { metadata: { name: 'rv-a' } } });
      const b = await call('POST', '/api/v1/namespaces/shop/configmaps', { body: { metadata: { name: 'rv-b' } } });
      const rvA = (a.json.metadata as { resourceVersion: string }).resourceVersion;
      const rvB = (b.json.metadata as { resourceVersion: string }).resourceVersion;
      expect(typeof rvA).toBe('string');
      expect(Number(rvB)).toBe(Number(rvA) + 1);
      const list = await call('GET', '/api/v1/configmaps');
      expect(list.json).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1' });
      expect(Number((list.json.metadata as { resourceVersion: string }).resourceVersion)).toBeGreaterThanOrEqual(
        Number(rvB),
      );
    });

    it('does not write (or change resourceVersion) when an update changes nothing', async () => {
      const cur = await call('GET', '/api/v1/namespaces/shop/configmaps/settings');
      const again = await call('PUT', '/api/v1/namespaces/shop/configmaps/settings', { body: cur.json });
      expect((again.json.metadata as { resourceVersion: string }).resourceVersion).toBe(
        (cur.json.metadata as { resourceVersion: string }).resourceVersion,
      );
    });

    it('bumps generation for spec changes only', async () => {
      const path = '/apis/apps/v1/namespaces/shop/replicasets/web-7d4b9c';
      const merge = 'application/merge-patch+json';
      const g0 = ((await call('GET', path)).json.metadata as { generation: number }).generation;
      const g1 = await call('PATCH', path, { body: { metadata: { annotations: { note: 'x' } } }, contentType: merge });
      expect((g1.json.metadata as { generation: number }).generation).toBe(g0);
      const g2 = await call('PATCH', path, { body: { spec: { minReadySeconds: 5 } }, contentType: merge });
      expect((g2.json.metadata as { generation: number }).generation).toBe(g0 + 1);
      const st = await call('PATCH', `${path}/status`, { body: { status: { readyReplicas: 0 } }, contentType: merge });
      expect((st.json.metadata as { generation: number }).generation).toBe(g0 + 1);
      expect((st.json.status as { readyReplicas: number }).readyReplicas).toBe(0);
    });

    it('keeps status on a PUT of the main resource', async () => {
      const path = '/apis/apps/v1/namespaces/shop/deployments/web';
      const cur = await call('GET', path);
      const body = { ...cur.json, status: { replicas: 99 } };
      const put = await call('PUT', path, { body });
      expect((put.json.status as { replicas: number }).replicas).toBe(2);
    });
  });

  describe('subresources', () => {
    it('replaces only the status with PUT /status', async () => {
      const path = '/api/v1/namespaces/default/pods/status-x';
      await call('POST', '/api/v1/namespaces/default/pods', { body: pod('status-x') });
      const cur = await call('GET', `${path}/status`);
      const body = {
        ...cur.json,
        metadata: { ...(cur.json.metadata as object), labels: { ignored: 'yes' } },
        status: { phase: 'Running', podIP: '10.1.1.1' },
      };
      const put = await call('PUT', `${path}/status`, { body });
      expect(put.status).toBe(200);
      expect(put.json.status).toEqual({ phase: 'Running', podIP: '10.1.1.1', podIPs: [{ ip: '10.1.1.1' }] });
      expect((put.json.metadata as { labels: Record<string, string> }).labels).toEqual({});
    });

    it.each(['replicasets', 'statefulsets'])('scales %s through autoscaling/v1 Scale', async (resource) => {
      const name = `scale-${resource}`;
      const tpl = { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
      await call('POST', `/apis/apps/v1/namespaces/shop/${resource}`, {
        body: { metadata: { name }, spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: tpl } },
      });
      const patched = await call('PATCH', `/apis/apps/v1/namespaces/shop/${resource}/${name}/scale`, {
        body: { spec: { replicas: 3 } },
        contentType: 'application/merge-patch+json',
      });
      expect(patched.json).toMatchObject({ kind: 'Scale', spec: { replicas: 3 }, status: { selector: `app=${name}` } });
      expect(
        ((await call('GET', `/apis/apps/v1/namespaces/shop/${resource}/${name}`)).json.spec as { replicas: number })
          .replicas,
      ).toBe(3);
      const negative = await call('PATCH', `/apis/apps/v1/namespaces/shop/${resource}/${name}/scale`, {
        body: { spec: { replicas: -1 } },
        contentType: 'application/merge-patch+json',
      });
      expect(negative.status).toBe(422);
    });
  });

  describe('selectors', () => {
    beforeAll(async () => {
      for (const [n, labels] of [
        ['sel-1', { app: 'x', tier: 'web' }],
        ['sel-2', { app: 'x', tier: 'db' }],
        ['sel-3', { app: 'y' }],
      ] as const) {
        await call('POST', '/api/v1/namespaces/default/pods', { body: pod(n, labels) });
      }
    });
    const select = async (q: string) =>
      names(await call('GET', `/api/v1/namespaces/default/pods?labelSelector=${encodeURIComponent(q)}`)).filter((n) =>
        n.startsWith('sel-'),
      );

    it.each([
      ['app=x', ['sel-1', 'sel-2']],
      ['app==x', ['sel-1', 'sel-2']],
      ['app!=x', ['sel-3']],
      ['tier in (web,db)', ['sel-1', 'sel-2']],
      ['tier notin (web)', ['sel-2', 'sel-3']],
      ['tier', ['sel-1', 'sel-2']],
      ['!tier', ['sel-3']],
      ['app=x,tier=db', ['sel-2']],
    ])('labelSelector %s', async (q, expected) => {
      expect(await select(q)).toEqual(expected);
    });

    it('fieldSelector on pods and events, with = == and !=', async () => {
      const pods = async (q: string) => names(await call('GET', `/api/v1/pods?fieldSelector=${encodeURIComponent(q)}`));
      expect(await pods('spec.nodeName=node-a')).toEqual(['api-0', 'web-7d4b9c-aaaaa']);
      expect(await pods('status.phase==Succeeded')).toEqual(['batch-1']);
      expect(await pods('metadata.namespace=shop,spec.nodeName!=node-a')).toEqual(['web-7d4b9c-bbbbb']);
      expect(await pods('metadata.name=api-0')).toEqual(['api-0']);
      const events = async (q: string) =>
        names(await call('GET', `/api/v1/namespaces/shop/events?fieldSelector=${encodeURIComponent(q)}`));
      expect(await events('involvedObject.kind=Pod,involvedObject.name=api-0')).toEqual(['api-0.oom']);
      expect(await events('type=Warning')).toEqual(['api-0.oom']);
      expect(await events('reason=ScalingReplicaSet')).toEqual(['web.scaled']);
      expect(await events('source=kubelet')).toEqual(['api-0.oom']);
      expect(await events('involvedObject.fieldPath=spec.containers{app}')).toEqual(['api-0.oom']);
      const pod0 = await call('GET', '/api/v1/namespaces/shop/pods/api-0');
      const uid = (pod0.json.metadata as { uid: string }).uid;
      expect(await events(`involvedObject.uid=${uid}`)).toEqual(['api-0.oom']);
    });

    it('rejects an unsupported field label', async () => {
      const r = await call('GET', '/api/v1/pods?fieldSelector=spec.foo%3Dbar');
      expect(r.status).toBe(400);
      expect(r.json.message).toBe('field label not supported: spec.foo');
    });
  });

  describe('paging', () => {
    beforeAll(async () => {
      for (let i = 0; i < 7; i++)
        await call('POST', '/api/v1/namespaces/default/secrets', {
          body: { metadata: { name: `page-${i}` }, type: 'Opaque' },
        });
    });

    it('pages with limit and an opaque continue token, reporting remainingItemCount', async () => {
      const seen: string[] = [];
      let cont: string | undefined;
      const remaining: number[] = [];
      do {
        const r = await call(
          'GET',
          `/api/v1/namespaces/default/secrets?limit=3${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`,
        );
        seen.push(...names(r));
        const meta = r.json.metadata as { continue?: string; remainingItemCount?: number };
        cont = meta.continue;
        if (meta.remainingItemCount !== undefined) remaining.push(meta.remainingItemCount);
      } while (cont);
      expect(seen).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
      expect(remaining).toEqual([4, 1]);
    });

    it('rejects a continue token it did not issue', async () => {
      const r = await call('GET', '/api/v1/namespaces/default/secrets?limit=3&continue=garbage');
      expect(r.status).toBe(400);
    });
  });

  describe('dry run and field validation', () => {
    it('validates and returns but stores nothing with dryRun=All', async () => {
      const created = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', {
        body: { metadata: { name: 'dry' }, data: { a: 'b' } },
      });
      expect(created.status).toBe(201);
      expect((created.json.metadata as { uid: string }).uid).toBeTruthy();
      expect((await call('GET', '/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
      const patched = await call('PATCH', '/api/v1/namespaces/shop/configmaps/settings?dryRun=All', {
        body: { data: { a: 'changed' } },
        contentType: 'application/merge-patch+json',
      });
      expect((patched.json.data as { a: string }).a).toBe('changed');
      expect(((await call('GET', '/api/v1/namespaces/shop/configmaps/settings')).json.data as { a: string }).a).toBe(
        '1',
      );
      const del = await call('DELETE', '/api/v1/namespaces/shop/configmaps/settings?dryRun=All');
      expect(del.status).toBe(200);
      expect((await call('GET', '/api/v1/namespaces/shop/configmaps/settings')).status).toBe(200);
      const invalid = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: { data: {} } });
      expect(invalid.status).toBe(422);
    });

    it.each(['Strict', 'Warn', 'Ignore'])('accepts fieldValidation=%s', async (v) => {
      const r = await call('POST', `/api/v1/namespaces/default/configmaps?fieldValidation=${v}`, {
        body: { metadata: { name: `fv-${v.toLowerCase()}` } },
      });
      expect(r.status).toBe(201);
    });

    it('rejects an unknown fieldValidation directive', async () => {
      const r = await call('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Loud', {
        body: { metadata: { name: 'fv-loud' } },
      });
      expect(r.status).toBe(400);
    });
  });

  describe('namespaces and fixtures', () => {
    it('has the system namespaces, implicit fixture namespaces and defaults namespaced fixtures to default', async () => {
      const ns = names(await call('GET', '/api/v1/namespaces'));
      expect(ns).toEqual(
        expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'shop', 'staging']),
      );
      expect((await call('GET', '/api/v1/namespaces/default/configmaps/no-namespace')).status).toBe(200);
      const shop = await call('GET', '/api/v1/namespaces/shop');
      expect((shop.json.metadata as { labels: Record<string, string> }).labels.team).toBe('payments');
    });

    it('deleting a namespace removes what is in it', async () => {
      await call('POST', '/api/v1/namespaces', { body: { metadata: { name: 'temp' } } });
      await call('POST', '/api/v1/namespaces/temp/configmaps', { body: { metadata: { name: 'c' } } });
      const del = await call('DELETE', '/api/v1/namespaces/temp');
      expect(del.status).toBe(200);
      expect((await call('GET', '/api/v1/namespaces/temp/configmaps/c')).status).toBe(404);
      expect((await call('GET', '/api/v1/namespaces/temp')).status).toBe(404);
    });
  });

  describe('garbage collection', () => {
    const owned = async (ns: string) => {
      const dep = await call('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
        body: {
          metadata: { name: 'gc' },
          spec: {
            selector: { matchLabels: { app: 'gc' } },
            template: { metadata: { labels: { app: 'gc' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
          },
        },
      });
      const uid = (dep.json.metadata as { uid: string }).uid;
      const rs = await call('POST', `/apis/apps/v1/namespaces/${ns}/replicasets`, {
        body: {
          metadata: {
            name: 'gc-1',
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gc', uid, controller: true }],
          },
          spec: {
            selector: { matchLabels: { app: 'gc' } },
            template: { metadata: { labels: { app: 'gc' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
          },
        },
      });
      const rsUid = (rs.json.metadata as { uid: string }).uid;
      await call('POST', `/api/v1/namespaces/${ns}/pods`, {
        body: pod(
          'gc-1-abc',
          { app: 'gc' },
          {
            metadata: {
              name: 'gc-1-abc',
              ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gc-1', uid: rsUid }],
            },
          },
        ),
      });
    };

    it.each(['Background', 'Foreground'])('%s deletion removes dependents through ownerReferences', async (policy) => {
      const ns = `gc-${policy.toLowerCase()}`;
      await call('POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } });
      await owned(ns);
      const del = await call('DELETE', `/apis/apps/v1/namespaces/${ns}/deployments/gc`, {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: policy },
      });
      expect(del.status).toBe(200);
      expect((await call('GET', `/apis/apps/v1/namespaces/${ns}/replicasets/gc-1`)).status).toBe(404);
      expect((await call('GET', `/api/v1/namespaces/${ns}/pods/gc-1-abc`)).status).toBe(404);
    });

    it('Orphan deletion keeps dependents and drops their ownerReference', async () => {
      await call('POST', '/api/v1/namespaces', { body: { metadata: { name: 'gc-orphan' } } });
      await owned('gc-orphan');
      await call('DELETE', '/apis/apps/v1/namespaces/gc-orphan/deployments/gc?propagationPolicy=Orphan');
      const rs = await call('GET', '/apis/apps/v1/namespaces/gc-orphan/replicasets/gc-1');
      expect(rs.status).toBe(200);
      expect((rs.json.metadata as { ownerReferences?: unknown }).ownerReferences).toBeUndefined();
      expect((await call('GET', '/api/v1/namespaces/gc-orphan/pods/gc-1-abc')).status).toBe(200);
    });

    it('deletecollection removes what the selector matches and returns it', async () => {
      await call('POST', '/api/v1/namespaces/default/configmaps', {
        body: { metadata: { name: 'dc-1', labels: { batch: 'dc' } } },
      });
      await call('POST', '/api/v1/namespaces/default/configmaps', {
        body: { metadata: { name: 'dc-2', labels: { batch: 'dc' } } },
      });
      const r = await call('DELETE', '/api/v1/namespaces/default/configmaps?labelSelector=batch%3Ddc');
      expect(r.json.kind).toBe('ConfigMapList');
      expect(names(r)).toEqual(['dc-1', 'dc-2']);
      expect(names(await call('GET', '/api/v1/namespaces/default/configmaps?labelSelector=batch%3Ddc'))).toEqual([]);
    });
  });

  describe('logs', () => {
    const logs = (pod: string, q: string) => call('GET', `/api/v1/namespaces/shop/pods/${pod}/log?${q}`);

    it('asks for a container name when a pod has several, like the apiserver', async () => {
      const r = await logs('api-0', '');
      expect(r.status).toBe(400);
      expect(r.json.message).toBe('a container name must be specified for pod api-0, choose one of: [app sidecar]');
    });

    it('serves the single container without a name, and filters by tailLines, limitBytes and timestamps', async () => {
      const r = await logs('web-7d4b9c-aaaaa', '');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/plain');
      expect(r.text).toBe('starting nginx\nready for connections\n');
      expect((await logs('api-0', 'container=app&tailLines=2&timestamps=true')).text).toBe(
        '2026-11-24T05:59:01Z connecting to db\n2026-11-24T05:59:02Z panic: out of memory\n',
      );
      expect((await logs('api-0', 'container=app&limitBytes=6')).text).toBe('boot\nc');
    });

    it('uses synthesised timestamps for lines without one, so sinceSeconds keeps recent lines', async () => {
      const r = await logs('api-0', 'container=sidecar&sinceSeconds=30&timestamps=true');
      expect(r.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z proxy up\n\S+ proxy serving\n$/);
      expect((await logs('api-0', 'container=app&sinceSeconds=5')).text).toBe('');
    });

    it('fails like the apiserver when previous logs are absent or the container is unknown', async () => {
      const prev = await logs('api-0', 'container=sidecar&previous=true');
      expect(prev.status).toBe(400);
      expect(prev.json.message).toBe('previous terminated container "sidecar" in pod "api-0" not found');
      const bad = await logs('api-0', 'container=nope');
      expect(bad.json.message).toBe('container nope is not valid for pod api-0');
    });

    it('keeps the hidden log annotations through a PUT that does not carry them', async () => {
      const cur = await call('GET', '/api/v1/namespaces/shop/pods/web-7d4b9c-aaaaa');
      const meta = cur.json.metadata as { labels: Record<string, string> };
      meta.labels = { ...meta.labels, touched: 'yes' };
      const put = await call('PUT', '/api/v1/namespaces/shop/pods/web-7d4b9c-aaaaa', { body: cur.json });
      expect(put.status).toBe(200);
      expect((await logs('web-7d4b9c-aaaaa', '')).text).toBe('starting nginx\nready for connections\n');
    });
  });

  describe('output formats', () => {
    const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

    it('prints pods as a Table with the real columns, wide cells included', async () => {
      const r = await call('GET', '/api/v1/namespaces/shop/pods', { accept: TABLE });
      expect(r.json.kind).toBe('Table');
      const cols = (r.json.columnDefinitions as { name: string; priority?: number }[]).map((c) =>
        c.priority ? `${c.name}*` : c.name,
      );
      expect(cols).toEqual([
        'Name',
        'Ready',
        'Status',
        'Restarts',
        'Age',
        'IP*',
        'Node*',
        'Nominated Node*',
        'Readiness Gates*',
      ]);
      const rows = r.json.rows as { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
      const api = rows.find((row) => row.cells[0] === 'api-0');
      expect(api?.cells.slice(1, 4)).toEqual(['1/2', 'CrashLoopBackOff', expect.stringMatching(/^5 \(\S+ ago\)$/)]);
      expect(api?.cells.slice(5)).toEqual(['10.244.0.9', 'node-a', '<none>', '<none>']);
      expect(api?.object.kind).toBe('PartialObjectMetadata');
    });

    it('falls back to NAME / CREATED AT for kinds without a printer', async () => {
      await call('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
        body: { metadata: { name: 'viewer' }, rules: [] },
      });
      const r = await call('GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/viewer', { accept: TABLE });
      expect((r.json.columnDefinitions as { name: string }[]).map((c) => c.name)).toEqual(['Name', 'Created At']);
    });

    it('answers metadata-only requests with PartialObjectMetadataList', async () => {
      const r = await call('GET', '/api/v1/namespaces/shop/pods', {
        accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
      });
      expect(r.json.kind).toBe('PartialObjectMetadataList');
      expect((r.json.items as { spec?: unknown }[])[0].spec).toBeUndefined();
    });
  });

  describe('versions of one storage', () => {
    it('serves core Events through events.k8s.io/v1 with its field names', async () => {
      const r = await call(
        'GET',
        '/apis/events.k8s.io/v1/namespaces/shop/events?fieldSelector=involvedObject.name%3Dapi-0',
      );
      expect(r.json.kind).toBe('EventList');
      const [ev] = r.json.items as Record<string, unknown>[];
      expect(ev).toMatchObject({
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        reason: 'BackOff',
        note: 'Back-off restarting failed container app in pod api-0_shop',
        regarding: { kind: 'Pod', name: 'api-0' },
        deprecatedCount: 12,
      });
      expect(ev.involvedObject).toBeUndefined();
    });

    it('serves HorizontalPodAutoscalers under autoscaling/v1 and v2', async () => {
      await call('POST', '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers', {
        body: {
          metadata: { name: 'web' },
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
            minReplicas: 1,
            maxReplicas: 5,
          },
        },
      });
      expect(
        (await call('GET', '/apis/autoscaling/v1/namespaces/shop/horizontalpodautoscalers/web')).json.apiVersion,
      ).toBe('autoscaling/v1');
      const t = await call('GET', '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers', {
        accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
      });
      expect((t.json.rows as { cells: unknown[] }[])[0].cells.slice(0, 5)).toEqual([
        'web',
        'Deployment/web',
        '<none>',
        1,
        5,
      ]);
    });
  });

  describe('watch', () => {
    it('streams ADDED for current objects, then changes, and resumes after a resourceVersion', async () => {
      const controller = new AbortController();
      const res = await fetch(`${sim.url}/api/v1/namespaces/shop/configmaps?watch=true&labelSelector=w%3D1`, {
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      const events: { type: string; object: { metadata: { name: string; resourceVersion: string } } }[] = [];
      let buf = '';
      const next = async () => {
        while (!buf.includes('\n')) {
          const { value } = await reader.read();
          buf += new TextDecoder().decode(value);
        }
        const i = buf.indexOf('\n');
        events.push(JSON.parse(buf.slice(0, i)));
        buf = buf.slice(i + 1);
      };
      await call('POST', '/api/v1/namespaces/shop/configmaps', {
        body: { metadata: { name: 'w1', labels: { w: '1' } } },
      });
      await next();
      await call('PATCH', '/api/v1/namespaces/shop/configmaps/w1', {
        body: { data: { a: 'b' } },
        contentType: 'application/merge-patch+json',
      });
      await next();
      await call('DELETE', '/api/v1/namespaces/shop/configmaps/w1');
      await next();
      controller.abort();
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
        'ADDED w1',
        'MODIFIED w1',
        'DELETED w1',
      ]);
      const from = events[0].object.metadata.resourceVersion;
      const resumed = await fetch(
        `${sim.url}/api/v1/namespaces/shop/configmaps?watch=true&labelSelector=w%3D1&resourceVersion=${from}&timeoutSeconds=1`,
      );
      const lines = (await resumed.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string });
      expect(lines.map((l) => l.type)).toEqual(['MODIFIED', 'DELETED']);
    });
  });
});
