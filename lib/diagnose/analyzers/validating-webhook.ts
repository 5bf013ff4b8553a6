/** ValidatingWebhookConfiguration: webhooks whose Service is missing or has no ready pods. */
import { webhookFindings } from '../webhook-check';
import type { Analyzer } from '../types';

export const validatingWebhookAnalyzer: Analyzer = {
  name: 'ValidatingWebhookConfiguration',
  default: true,
  analyze: (ctx) => webhookFindings(ctx, 'ValidatingWebhookConfiguration', ctx.snapshot.validatingWebhooks),
};
