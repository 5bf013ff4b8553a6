import { mutatingWebhookAnalyzer } from '../../lib/diagnose/analyzers/mutating-webhook';
import { validatingWebhookAnalyzer } from '../../lib/diagnose/analyzers/validating-webhook';
import { analyzeScenario, only } from './net-support';

describe('admission webhook analyzers', () => {
  test('failurePolicy Fail webhook whose Service is gone is critical, with the blocked write as evidence', async () => {
    const f = only(
      await analyzeScenario(validatingWebhookAnalyzer, 'webhook-backend', 'broken'),
      'WebhookServiceMissing',
    );
    expect(f).toMatchObject({ severity: 'critical', kind: 'ValidatingWebhookConfiguration', name: 'policy-check' });
    expect(f.namespace).toBeUndefined();
    expect(f.rootCause).toMatchObject({
      object: { kind: 'Service', namespace: 'policy', name: 'policy-webhook' },
      fact: 'Service policy-webhook does not exist',
    });
    expect(f.message).toContain('writes are blocked');
    expect(
      f.evidence.some(
        (e) => e.source === 'event' && e.text.includes('failed calling webhook "validate.policy.example.com"'),
      ),
    ).toBe(true);
  });

  test('failurePolicy Ignore webhook whose pod crash-loops is a warning that ends at the crash', async () => {
    const f = only(
      await analyzeScenario(mutatingWebhookAnalyzer, 'webhook-backend', 'broken'),
      'WebhookServiceUnavailable',
    );
    expect(f).toMatchObject({ severity: 'warning', kind: 'MutatingWebhookConfiguration', name: 'sidecar-injector' });
    expect(f.rootCause?.fact).toContain('failed to load certificate /etc/webhook/certs/tls.crt');
    expect(f.message).toContain('silently not applied');
  });

  test('healthy twin yields nothing from either analyzer', async () => {
    expect(await analyzeScenario(validatingWebhookAnalyzer, 'webhook-backend', 'healthy')).toEqual([]);
    expect(await analyzeScenario(mutatingWebhookAnalyzer, 'webhook-backend', 'healthy')).toEqual([]);
  });
});
