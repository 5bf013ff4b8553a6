import { KubeError, toKubeError } from '../../lib/kube';

/** client-node's ApiException shape: code, body (Status JSON text), headers */
function apiException(code: number, status: object, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`HTTP-Code: ${code}`), { code, body: JSON.stringify(status), headers });
}

describe('toKubeError', () => {
  it('turns a 403 into an RBAC sentence naming the user, verb, resource and namespace', () => {
    const e = toKubeError(
      apiException(403, {
        kind: 'Status',
        reason: 'Forbidden',
        message:
          'pods is forbidden: User "system:serviceaccount:ops:bot" cannot list resource "pods" in API group "" in the namespace "shop"',
      }),
      { verb: 'list', kind: 'Pod', resource: 'pods', namespace: 'shop' },
    );
    expect(e).toBeInstanceOf(KubeError);
    expect(e.status).toBe(403);
    expect(e.message).toBe(
      'forbidden: user "system:serviceaccount:ops:bot" cannot list pods in namespace "shop"; grant the permission with a Role and RoleBinding (RBAC), or use credentials that have it',
    );
  });

  it('maps 404, 409, 422 and 429 to sentences', () => {
    expect(
      toKubeError(apiException(404, { reason: 'NotFound' }), {
        verb: 'get',
        kind: 'Deployment',
        resource: 'deployments',
        namespace: 'shop',
        name: 'web',
      }).message,
    ).toBe(
      'Deployment "web" not found in namespace "shop"; check the name and namespace (list deployments to see what exists)',
    );
    expect(
      toKubeError(apiException(409, { reason: 'AlreadyExists' }), {
        verb: 'create',
        kind: 'ConfigMap',
        namespace: 'a',
        name: 'c',
      }).message,
    ).toMatch(/^ConfigMap "c" already exists in namespace "a"/);
    expect(
      toKubeError(
        apiException(422, {
          reason: 'Invalid',
          details: {
            causes: [{ field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' }],
          },
        }),
        { verb: 'patch', kind: 'Deployment', name: 'web' },
      ).message,
    ).toBe('Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    const throttled = toKubeError(apiException(429, { reason: 'TooManyRequests' }, { 'retry-after': '3' }), {
      verb: 'list',
      kind: 'Pod',
    });
    expect(throttled.retryAfterSeconds).toBe(3);
    expect(throttled.message).toContain('retry after 3s');
  });

  it('maps socket and TLS errors', () => {
    const refused = toKubeError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      { verb: 'list', server: 'https://127.0.0.1:1' },
    );
    expect(refused.message).toBe(
      'cannot reach the Kubernetes API at https://127.0.0.1:1: connection refused; check the server address and that the API server is running',
    );
    const tls = toKubeError(
      Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      { server: 'https://k' },
    );
    expect(tls.reason).toBe('TLS');
    expect(tls.message).toMatch(
      /^TLS verification failed for the Kubernetes API at https:\/\/k: self-signed certificate; provide the cluster CA/,
    );
  });
});

describe('write conflicts', () => {
  it('tells an apply conflict to use force, and a stale write to re-read', () => {
    const ssa = toKubeError(
      apiException(409, {
        reason: 'Conflict',
        message: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
      }),
      { verb: 'apply', kind: 'Deployment', name: 'web', namespace: 'shop' },
    );
    expect(ssa.message).toBe(
      'apply conflict on Deployment "web": fields are owned by another manager: Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas; re-run with force to take ownership',
    );
    const stale = toKubeError(
      apiException(409, {
        reason: 'Conflict',
        message: 'the object has been modified; please apply your changes to the latest version and try again',
      }),
      { verb: 'set-image', kind: 'Deployment', name: 'web' },
    );
    expect(stale.message).toMatch(
      /^conflict writing Deployment "web": the object has been modified.*; the object changed since it was read — read it again and retry$/,
    );
  });
});
