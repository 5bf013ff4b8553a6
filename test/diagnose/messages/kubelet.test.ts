import fc from 'fast-check';
import {
  parseConfigError,
  parseImagePull,
  parseImageRef,
  parseProbeFailure,
  parseStartFailure,
} from '../../../lib/diagnose/messages';

describe('image references', () => {
  test.each([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
    ['harbor.example.com/shop/api:2.1', { registry: 'harbor.example.com', repository: 'shop/api', tag: '2.1' }],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app' }],
    [
      'registry.cn-hangzhou.aliyuncs.com/ns/app@sha256:abc',
      { registry: 'registry.cn-hangzhou.aliyuncs.com', repository: 'ns/app', digest: 'sha256:abc' },
    ],
  ])('%s', (image, want) => {
    expect(parseImageRef(image)).toEqual(want);
  });
  test('property: registry is the first component exactly when it looks like a host', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('harbor.example.com', 'localhost:5000', 'team', 'ghcr.io'),
        fc.stringMatching(/^[a-z0-9]{1,12}$/),
        fc.option(fc.stringMatching(/^[a-z0-9.]{1,8}$/), { nil: undefined }),
        (first, repo, tag) => {
          const r = parseImageRef(`${first}/${repo}${tag ? `:${tag}` : ''}`)!;
          const isHost = first.includes('.') || first.includes(':');
          expect(r.registry).toBe(isHost ? first : 'docker.io');
          expect(r.repository).toBe(isHost ? repo : `${first}/${repo}`);
          expect(r.tag).toBe(tag);
        },
      ),
    );
  });
});

describe('image pulls', () => {
  test('containerd not found', () => {
    const f = parseImagePull(
      'Failed to pull image "shop/api:2.1.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/shop/api:2.1.9": failed to resolve reference "docker.io/shop/api:2.1.9": docker.io/shop/api:2.1.9: not found',
    );
    expect(f).toMatchObject({ code: 'ImageNotFound', image: 'shop/api:2.1.9', registry: 'docker.io' });
  });
  test('401 from a private registry names its host', () => {
    const f = parseImagePull(
      'Failed to pull image "harbor.example.com/shop/api:2.1": rpc error: code = Unknown desc = failed to pull and unpack image "harbor.example.com/shop/api:2.1": failed to resolve reference "harbor.example.com/shop/api:2.1": pulling from host harbor.example.com failed with status code [manifests 2.1]: 401 Unauthorized',
    );
    expect(f).toMatchObject({ code: 'RegistryUnauthorized', registry: 'harbor.example.com', status: 401 });
  });
  test("docker's pull access denied is an authorisation problem, not a missing image", () => {
    expect(
      parseImagePull(
        'Failed to pull image "registry.example.com/private/billing:2.0.1": Error response from daemon: pull access denied for registry.example.com/private/billing, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied',
      ).code,
    ).toBe('RegistryUnauthorized');
    expect(
      parseImagePull('Back-off pulling image "ghcr.io/acme/x:1": authentication required', undefined),
    ).toMatchObject({ code: 'RegistryUnauthorized', registry: 'ghcr.io' });
  });
  test('unreachable registry, TLS, rate limit, invalid name', () => {
    expect(parseImagePull('Failed to pull image "r.internal/x": dial tcp: lookup r.internal: no such host').code).toBe(
      'RegistryUnreachable',
    );
    expect(parseImagePull('x509: certificate signed by unknown authority').code).toBe('RegistryTLS');
    expect(
      parseImagePull('429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit')
        .code,
    ).toBe('ImagePullRateLimited');
    expect(
      parseImagePull('Failed to apply default image tag "Nginx": couldn\'t parse image reference "Nginx"').code,
    ).toBe('InvalidImageName');
  });
  test('the spec image stands in when the message quotes none', () => {
    expect(parseImagePull('Back-off pulling image', 'quay.io/a/b:1')).toMatchObject({ registry: 'quay.io' });
  });
});

describe('container config and start', () => {
  test('missing key in a ConfigMap / Secret', () => {
    expect(parseConfigError("couldn't find key DB_HOST in ConfigMap shop/app-config")).toEqual({
      code: 'MissingConfigMapKey',
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'app-config',
      key: 'DB_HOST',
      detail: "couldn't find key DB_HOST in ConfigMap shop/app-config",
    });
    expect(parseConfigError("couldn't find key password in Secret shop/db")).toMatchObject({
      code: 'MissingSecretKey',
      name: 'db',
      key: 'password',
    });
  });
  test('missing objects and runAsNonRoot', () => {
    expect(parseConfigError('secret "db" not found')).toMatchObject({ code: 'SecretNotFound', name: 'db' });
    expect(parseConfigError('configmap "app-config" not found')).toMatchObject({
      code: 'ConfigMapNotFound',
      name: 'app-config',
    });
    expect(parseConfigError('container has runAsNonRoot and image will run as root').code).toBe(
      'RunAsNonRootViolation',
    );
  });
  test('runc start failures', () => {
    expect(
      parseStartFailure(
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "gunicorn": executable file not found in $PATH: unknown',
      ),
    ).toMatchObject({ code: 'ExecutableNotFound', executable: 'gunicorn' });
    expect(parseStartFailure('exec /usr/local/bin/server: exec format error')).toMatchObject({
      code: 'ExecFormatError',
      executable: '/usr/local/bin/server',
    });
    // the command path itself is missing: runc stats it
    expect(parseStartFailure('exec: "/app/run.sh": stat /app/run.sh: no such file or directory')).toMatchObject({
      code: 'ExecutableNotFound',
      executable: '/app/run.sh',
    });
    // the script exists but its #! interpreter does not: no stat of the command
    expect(parseStartFailure('exec: "/app/run.sh": no such file or directory')).toMatchObject({
      code: 'NoSuchFile',
      executable: '/app/run.sh',
    });
    // through a shell: busybox, dash, bash
    expect(parseStartFailure('sh: wge: not found')).toMatchObject({ code: 'ExecutableNotFound', executable: 'wge' });
    expect(parseStartFailure('/bin/sh: 1: gunicorn: not found')).toMatchObject({
      code: 'ExecutableNotFound',
      executable: 'gunicorn',
    });
    expect(parseStartFailure('bash: line 1: gunicron: command not found')).toMatchObject({
      code: 'ExecutableNotFound',
      executable: 'gunicron',
    });
    expect(parseStartFailure('sh: /data/seed.sql: not found').executable).toBe('/data/seed.sql');
    // an entrypoint script that execs the command: dash's exec builtin, bash's line number
    expect(parseStartFailure('/docker-entrypoint.sh: 12: exec: gunicorn: not found')).toMatchObject({
      code: 'ExecutableNotFound',
      executable: 'gunicorn',
    });
    expect(parseStartFailure('/entrypoint.sh: line 5: uvicorn: command not found').executable).toBe('uvicorn');
    expect(parseStartFailure('exec: "/app/run.sh": permission denied').code).toBe('PermissionDenied');
    expect(parseStartFailure('something else').code).toBe('StartFailed');
  });
});

describe('probes', () => {
  test.each([
    [
      'Liveness probe failed: HTTP probe failed with statuscode: 500',
      { probe: 'liveness', code: 'ProbeHTTPStatus', statusCode: 500 },
    ],
    [
      'Readiness probe failed: Get "http://10.1.2.3:8080/healthz": dial tcp 10.1.2.3:8080: connect: connection refused',
      { probe: 'readiness', code: 'ProbeConnectionRefused', target: '10.1.2.3:8080' },
    ],
    [
      'Startup probe failed: Get "http://10.1.2.3:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      { probe: 'startup', code: 'ProbeTimeout', target: '10.1.2.3:8080' },
    ],
    ['Liveness probe failed: cat: /tmp/healthy: No such file or directory', { code: 'ProbeExecFailed' }],
    ['Liveness probe failed: dial tcp 10.0.0.9:5432: i/o timeout', { code: 'ProbeTimeout', target: '10.0.0.9:5432' }],
  ])('%s', (msg, want) => {
    expect(parseProbeFailure(msg)).toMatchObject(want);
  });
  test('other event text is not a probe failure', () => {
    expect(parseProbeFailure('Container api failed liveness probe, will be restarted')).toBeUndefined();
  });
  test('property: parsers never throw on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        parseImagePull(s);
        parseConfigError(s);
        parseStartFailure(s);
        parseProbeFailure(s);
        parseImageRef(s);
      }),
    );
  });
});
