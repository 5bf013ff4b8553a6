/** MutatingWebhookConfiguration: webhooks whose Service is missing or has no ready pods. */
import { webhookFindings } from '../webhook-check';
import type { Analyzer } from '../types';

export const mutatingWebhookAnalyzer: Analyzer = {
  name: 'MutatingWebhookConfiguration',
  default: true,
  analyze: (ctx) => webhookFindings(ctx, 'MutatingWebhookConfiguration', ctx.snapshot.mutatingWebhooks),
};
