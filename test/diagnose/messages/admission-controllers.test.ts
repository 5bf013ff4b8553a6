import fc from 'fast-check';
import {
  parseAdmissionRefusal,
  parseHpaCondition,
  parseJobFailure,
  parseResourceList,
} from '../../../lib/diagnose/messages';

describe('admission refusals', () => {
  test('quota on object counts', () => {
    const f = parseAdmissionRefusal(
      'Error creating: pods "worker-5c9f-x7" is forbidden: exceeded quota: object-counts, requested: pods=1, used: pods=10, limited: pods=10',
    );
    expect(f).toEqual({
      code: 'QuotaExceeded',
      quota: 'object-counts',
      requested: { pods: '1' },
      used: { pods: '10' },
      limited: { pods: '10' },
      resources: ['pods'],
      objectCount: true,
    });
  });
  test('quota on compute is not an object count', () => {
    const f = parseAdmissionRefusal(
      'pods "a" is forbidden: exceeded quota: compute, requested: limits.memory=2Gi,requests.cpu=500m, used: limits.memory=7Gi,requests.cpu=3500m, limited: limits.memory=8Gi,requests.cpu=4',
    );
    expect(f).toMatchObject({ quota: 'compute', objectCount: false, resources: ['limits.memory', 'requests.cpu'] });
  });
  test('quota that demands limits', () => {
    expect(
      parseAdmissionRefusal(
        'pods "a" is forbidden: failed quota: compute: must specify limits.cpu for: app; limits.memory for: app',
      ),
    ).toEqual({ code: 'QuotaRequiresLimits', quota: 'compute', resources: ['limits.cpu', 'limits.memory'] });
  });
  test('missing ServiceAccount', () => {
    expect(
      parseAdmissionRefusal(
        'Error creating: pods "builder-" is forbidden: error looking up service account ci/builder: serviceaccount "builder" not found',
      ),
    ).toEqual({ code: 'ServiceAccountNotFound', namespace: 'ci', serviceAccount: 'builder' });
  });
  test('PodSecurity level and each violated check', () => {
    const f = parseAdmissionRefusal(
      'Error creating: pods "web-1" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
    );
    expect(f).toMatchObject({ code: 'PodSecurityViolation', level: 'restricted', version: 'latest' });
    if (f.code !== 'PodSecurityViolation') throw new Error(f.code);
    expect(f.violations.map((v) => v.check)).toEqual([
      'allowPrivilegeEscalation != false',
      'unrestricted capabilities',
      'runAsNonRoot != true',
    ]);
    expect(f.violations[1].detail).toContain('capabilities.drop=["ALL"]');
  });
  test('LimitRange maximum, minimum and ratio, aggregated', () => {
    const f = parseAdmissionRefusal(
      'pods "api-1" is forbidden: [maximum cpu usage per Container is 500m, but limit is 2, minimum memory usage per Pod is 64Mi, but request is 32Mi, cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000]',
    );
    expect(f).toEqual({
      code: 'LimitRangeViolation',
      items: [
        { bound: 'maximum', resource: 'cpu', scope: 'Container', allowed: '500m', actual: '2' },
        { bound: 'minimum', resource: 'memory', scope: 'Pod', allowed: '64Mi', actual: '32Mi' },
        { bound: 'ratio', resource: 'cpu', scope: 'Container', allowed: '2', actual: '4.000000' },
      ],
    });
  });
  test('webhooks', () => {
    expect(
      parseAdmissionRefusal('admission webhook "validate.kyverno.svc" denied the request: image tag latest'),
    ).toEqual({ code: 'WebhookDenied', webhook: 'validate.kyverno.svc', detail: 'image tag latest' });
    expect(
      parseAdmissionRefusal('Internal error occurred: failed calling webhook "x.y": connection refused').code,
    ).toBe('WebhookUnreachable');
  });
  test('property: resource lists round-trip', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z][a-z./-]{0,15}$/), fc.stringMatching(/^[0-9]{1,4}(Mi|Gi|m)?$/), {
          minKeys: 1,
          maxKeys: 5,
        }),
        (d) => {
          const text = Object.entries(d)
            .map(([k, v]) => `${k}=${v}`)
            .join(',');
          expect(parseResourceList(text)).toEqual(d);
        },
      ),
    );
  });
  test('property: never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void parseAdmissionRefusal(s)));
  });
});

describe('controller conditions', () => {
  test('Job', () => {
    expect(parseJobFailure('DeadlineExceeded', 'Job was active longer than specified deadline').code).toBe(
      'DeadlineExceeded',
    );
    expect(parseJobFailure('BackoffLimitExceeded', 'Job has reached the specified backoff limit').code).toBe(
      'BackoffLimitExceeded',
    );
    expect(
      parseJobFailure(
        'PodFailurePolicy',
        'Container main for pod etl/etl-x7 failed with exit code 3 matching FailJob rule at index 0',
      ),
    ).toMatchObject({ container: 'main', pod: 'etl/etl-x7', exitCode: 3 });
  });
  test('HPA', () => {
    expect(
      parseHpaCondition({
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message:
          'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API',
      }),
    ).toMatchObject({ code: 'MetricUnavailable', metric: 'cpu' });
    expect(
      parseHpaCondition({
        type: 'ScalingActive',
        status: 'False',
        reason: 'FailedGetResourceMetric',
        message:
          'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container "app" of Pod "web-1"',
      }),
    ).toMatchObject({ code: 'MissingRequest', metric: 'cpu', container: 'app', pod: 'web-1' });
    expect(
      parseHpaCondition({
        type: 'ScalingLimited',
        status: 'True',
        reason: 'TooManyReplicas',
        message: 'the desired replica count is more than the maximum replica count',
      })?.code,
    ).toBe('AtMaxReplicas');
    expect(
      parseHpaCondition({ type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange' }),
    ).toBeUndefined();
    expect(parseHpaCondition({ type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' })).toBeUndefined();
  });
});
