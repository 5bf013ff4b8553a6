import { memorySink, type WritePolicy } from '../../lib/guard';
import { apply, describe as describeObject, get, list, patch, remove, setImage, redact } from '../../lib/kube';
import { PLANTED_LITERAL, PLANTED_SECRET, startShop, type ShopSim } from './shop-sim';

/** every form a planted value could leak in */
const FORBIDDEN = [
  PLANTED_SECRET,
  PLANTED_LITERAL,
  Buffer.from(PLANTED_SECRET).toString('base64'),
  'Fresh-S3cret-Written',
  Buffer.from('Fresh-S3cret-Written').toString('base64'),
];

let shop: ShopSim;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());

function expectClean(label: string, output: unknown): void {
  const text = JSON.stringify(output);
  for (const value of FORBIDDEN) {
    if (text.includes(value)) throw new Error(`${label} leaked a planted value (${value.slice(0, 6)}…)`);
  }
}

describe('secret values never leave lib/kube', () => {
  it('get, list and describe of Secrets, workloads and pods, raw or not', async () => {
    const outputs: [string, unknown][] = [
      ['get secret', await get(shop.conn, { kind: 'secret', name: 'db-credentials' })],
      ['get secret raw', await get(shop.conn, { kind: 'secret', name: 'db-credentials' }, { raw: true })],
      ['list secrets', await list(shop.conn, { kind: 'secrets', allNamespaces: true })],
      ['get deployment raw', await get(shop.conn, { kind: 'deploy', name: 'web' }, { raw: true })],
      ['list replicasets', await list(shop.conn, { kind: 'rs' })],
      ['list pods', await list(shop.conn, { kind: 'pods', allNamespaces: true, raw: true })],
      ['describe secret', await describeObject(shop.conn, { kind: 'secret', name: 'db-credentials' })],
      ['describe deployment', await describeObject(shop.conn, { kind: 'deploy', name: 'web' })],
      ['describe pod', await describeObject(shop.conn, { kind: 'pod', name: 'web-7b9c6d5f8-healthy' })],
    ];
    for (const [label, output] of outputs) expectClean(label, output);
    const secret = (await get(shop.conn, { kind: 'secret', name: 'db-credentials' })) as {
      data?: Record<string, string>;
    };
    expect(secret.data).toEqual({ password: `<redacted: ${PLANTED_SECRET.length} bytes>` });
  });

  it('write results, diffs and audit records of Secret writes, when the policy allows them', async () => {
    const audit = memorySink();
    const policy: WritePolicy = { mode: 'read-write', allowKinds: ['Secret'] };
    const outputs: [string, unknown][] = [];
    const manifest = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'fresh' },
      stringData: { token: 'Fresh-S3cret-Written' },
    };
    outputs.push(['apply secret dry run', await apply(shop.conn, manifest, { policy, audit, dryRun: true })]);
    outputs.push(['apply secret', await apply(shop.conn, manifest, { policy, audit })]);
    outputs.push([
      'patch secret',
      await patch(
        shop.conn,
        {
          kind: 'secret',
          name: 'db-credentials',
          type: 'merge',
          patch: { data: { other: Buffer.from('Fresh-S3cret-Written').toString('base64') } },
        },
        { policy, audit },
      ),
    ]);
    outputs.push([
      'patch deployment env',
      await setImage(shop.conn, { kind: 'deploy', name: 'web', images: { app: 'nginx:1.27' } }, { policy, audit }),
    ]);
    outputs.push(['delete secret', await remove(shop.conn, { kind: 'secret', name: 'fresh' }, { policy, audit })]);
    outputs.push(['audit', audit.records]);
    for (const [label, output] of outputs) expectClean(label, output);
    expect(audit.records.length).toBe(5);
    const patched = outputs[2][1] as { after: Record<string, unknown> };
    expect(patched.after).toEqual({ 'data.other': '<redacted: 20 bytes>' });
  });

  it('redact leaves nothing of a Secret inside nested Lists', () => {
    const nested = {
      kind: 'List',
      items: [
        {
          kind: 'SecretList',
          items: [{ metadata: { name: 'x' }, data: { k: Buffer.from(PLANTED_SECRET).toString('base64') } }],
        },
      ],
    };
    expectClean('nested list', redact(nested));
  });
});
