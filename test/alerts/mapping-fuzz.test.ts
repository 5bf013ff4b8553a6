/**
 * The label mapping and the alert-text redaction over random label sets built from the names and values they react
 * to: never a throw, never an empty or invalid name in a reference, redaction idempotent.
 */
import fc from 'fast-check';
import { mapAlertToResource, refProblem } from '../../lib/alerts';
import { redactAlertText, redactAlertURL } from '../../lib/alerts/redact';

const KEYS = [
  'pod',
  'namespace',
  'exported_pod',
  'exported_namespace',
  'container',
  'job',
  'uid',
  'instance',
  'host',
  'nodename',
  'node',
  'deployment',
  'replicaset',
  'owner_kind',
  'owner_name',
  'workload',
  'workload_type',
  'job_name',
  'target',
  'controller_pod',
  'service',
  'ingress',
  'k8s_pod_name',
  'alertname',
];
const VALUES = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    'kube-state-metrics',
    'node-exporter',
    '10.0.0.1:9100',
    'http://a.b.svc/x',
    '[fd00::1]:9100',
    'ReplicaSet',
    'deployment',
    'api-7d9f8b6c5',
    'nightly-29400120',
    'a/b',
    '..',
    'API-0',
    'web.shop.svc.cluster.local',
    'password：x',
    '密码=abc',
    '--token abc',
  ),
);

test('random label sets: no throw, every reference a valid name, redaction idempotent (3000 runs)', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom(...KEYS), VALUES), (labels) => {
      const m = mapAlertToResource(labels);
      if (m) {
        expect(refProblem(m)).toBeUndefined();
        for (const r of m.related) expect(refProblem(r)).toBeUndefined();
      }
      const text = Object.values(labels).join(' ');
      const once = redactAlertText(text);
      expect(redactAlertText(once)).toBe(once);
      expect(() => redactAlertURL(`http://x/?${Object.values(labels).join('&')}`)).not.toThrow();
    }),
    { numRuns: 3000 },
  );
});
