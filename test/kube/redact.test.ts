import { cleanObject, diffObjects, KubeError, redact } from '../../lib/kube';
import { scrubbingErrors, stringLeaves } from '../../lib/kube/scrub';

const SECRET = 'hunter2-planted-value';
const b64 = Buffer.from(SECRET).toString('base64');

describe('redact', () => {
  it('replaces Secret data and stringData with their sizes', () => {
    const out = redact({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { password: b64 },
      stringData: { token: SECRET },
    });
    expect(out.data).toEqual({ password: `<redacted: ${SECRET.length} bytes>` });
    expect(out.stringData).toEqual({ token: `<redacted: ${SECRET.length} bytes>` });
    expect(JSON.stringify(out)).not.toContain(b64);
  });

  it('redacts items of a SecretList even when items carry no kind', () => {
    const out = redact({ kind: 'SecretList', items: [{ metadata: { name: 's' }, data: { k: b64 } }] });
    expect(JSON.stringify(out)).not.toContain(b64);
  });

  it('redacts Secrets inside last-applied-configuration and keeps the annotation parseable', () => {
    const lastApplied = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { pw: SECRET },
    });
    const out = redact({
      kind: 'Secret',
      metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } },
    });
    const text = out.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text).stringData.pw).toMatch(/^<redacted: \d+ bytes>$/);
  });

  it('redacts literal env values whose names look like credentials, and passwords inside URLs', () => {
    const out = redact({
      kind: 'Deployment',
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                env: [
                  { name: 'DB_PASSWORD', value: SECRET },
                  { name: 'GITHUB_TOKEN', value: SECRET },
                  { name: 'API_KEY', value: SECRET },
                  { name: 'DATABASE_URL', value: `postgres://app:${SECRET}@db:5432/x` },
                  { name: 'LOG_LEVEL', value: 'debug' },
                  { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
                ],
              },
            ],
          },
        },
      },
    });
    const text = JSON.stringify(out);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('debug');
    expect(text).toContain('postgres://app:<redacted:');
    expect(text).toContain('secretKeyRef');
  });

  it('does not modify its input', () => {
    const input = { kind: 'Secret', data: { a: b64 } };
    redact(input);
    expect(input.data.a).toBe(b64);
  });
});

describe('cleanObject', () => {
  it('drops managedFields, selfLink and the last-applied annotation', () => {
    const out = cleanObject({
      kind: 'Pod',
      metadata: {
        name: 'p',
        managedFields: [{ manager: 'x' }],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      },
    });
    expect(out.metadata).toEqual({ name: 'p' });
  });
});

describe('diffObjects', () => {
  it('keeps only changed fields, keyed by readable paths with containers by name', () => {
    const before = {
      kind: 'Deployment',
      metadata: { name: 'w', resourceVersion: '1' },
      spec: {
        replicas: 2,
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'a:1' },
              { name: 'side', image: 's:1' },
            ],
          },
        },
      },
    };
    const after = {
      kind: 'Deployment',
      metadata: { name: 'w', resourceVersion: '2' },
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'a:2' },
              { name: 'side', image: 's:1' },
            ],
          },
        },
      },
      status: { replicas: 3 },
    };
    expect(diffObjects(before, after)).toEqual({
      before: { 'spec.replicas': 2, 'spec.template.spec.containers[app].image': 'a:1' },
      after: { 'spec.replicas': 3, 'spec.template.spec.containers[app].image': 'a:2' },
    });
  });

  it('reports an added subtree as one entry and quotes keys with dots', () => {
    const d = diffObjects(
      { metadata: { annotations: {} } },
      { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': 't' } }, spec: { x: { y: 1 } } },
    );
    expect(d.after).toEqual({
      'metadata.annotations["kubectl.kubernetes.io/restartedAt"]': 't',
      spec: { x: { y: 1 } },
    });
    expect(d.before).toEqual({});
  });
});

describe('errors of secret writes', () => {
  it('are scrubbed of the values the write carried', async () => {
    const encoded = Buffer.from(SECRET).toString('base64');
    const values = stringLeaves({ data: { password: encoded } });
    expect(values).toEqual(expect.arrayContaining([encoded, SECRET]));
    const failing = scrubbingErrors(
      async () => {
        throw new KubeError(`Secret "s" is invalid: data[password]: Invalid value: "${SECRET}"`, {
          status: 422,
          apiMessage: `bad ${encoded}`,
          causes: [{ field: 'data', message: SECRET }],
        });
      },
      values,
      { verb: 'patch' },
    );
    const err = (await failing(false).catch((e: unknown) => e)) as KubeError;
    expect(err.status).toBe(422);
    expect(JSON.stringify({ m: err.message, a: err.apiMessage, c: err.causes })).not.toContain(SECRET);
    expect(err.apiMessage).not.toContain(encoded);
    expect(err.message).toContain('<redacted: 21 bytes>');
  });
});
