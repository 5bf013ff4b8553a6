/**
 * Admission webhooks whose backend cannot answer. With failurePolicy Fail (the v1 default) every API write the
 * webhook matches is rejected, so a crashed webhook pod blocks deployments cluster-wide; the finding follows the
 * webhook to its Service and on to the Service's own root cause.
 */
import type { CoreV1Event, V1MutatingWebhook, V1ValidatingWebhook } from '@kubernetes/client-node';
import { mentioning } from './ref-finding';
import { closestName, listRead, namespaceRead, refCause, webhookService } from './ref-check';
import { findService } from './service-health';
import type { AnalyzerContext, Evidence, Finding, ObjectRef, RootCause } from './types';
import { clip, nsFlag, refText } from './util';

type WebhookKind = 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration';

interface WebhookConfig {
  metadata?: { name?: string };
  webhooks?: (V1ValidatingWebhook | V1MutatingWebhook)[];
}

function scopeText(w: V1ValidatingWebhook | V1MutatingWebhook): string {
  const parts = (w.rules ?? []).map((r) => `${(r.operations ?? ['*']).join(',')} ${(r.resources ?? ['*']).join(',')}`);
  return parts.length ? parts.join('; ') : 'all requests';
}

/** Events anywhere that say the API server could not call this webhook. */
function callFailures(events: CoreV1Event[], webhook: string): Evidence[] {
  const needle = `failed calling webhook "${webhook}"`;
  const hits = events.filter((e) => (e.message ?? '').includes(needle));
  return mentioning(hits, webhook, 2);
}

/** Why a webhook's backend cannot answer, worded the same for the webhook's finding and for the writes it blocks. */
export interface WebhookBackendProblem {
  reason: 'WebhookServiceMissing' | 'WebhookServicePortMissing' | 'WebhookServiceUnavailable';
  service: ObjectRef;
  /** what is wrong with the Service, to follow "calls Service x": ", which does not exist" */
  what: string;
  /** a Service in that namespace with a similar name */
  didYouMean?: string;
  rootCause: RootCause;
  evidence: Evidence[];
  suggestion: string;
  commands: string[];
}

/**
 * The backend problem of one webhook, or undefined when its Service serves (or it calls a URL, or its Service's
 * namespace was not read). Shared with explain/create-failure.ts so a ReplicaSet refused with "failed calling
 * webhook" ends at the same Service fact as the webhook configuration's finding.
 */
export function webhookBackendProblem(
  ctx: AnalyzerContext,
  w: V1ValidatingWebhook | V1MutatingWebhook,
): WebhookBackendProblem | undefined {
  const s = ctx.snapshot;
  if (!listRead(s, 'services')) return undefined;
  const svcRef = webhookService(w);
  if (!svcRef || !namespaceRead(s, svcRef.namespace)) return undefined;
  const svc = findService(ctx, svcRef);
  if (!svc) {
    const guess = closestName(
      svcRef.name,
      s.services.filter((x) => x.metadata?.namespace === svcRef.namespace).map((x) => x.metadata?.name ?? ''),
    );
    return {
      reason: 'WebhookServiceMissing',
      service: svcRef,
      what: ', which does not exist',
      ...(guess ? { didYouMean: guess } : {}),
      rootCause: refCause({ target: svcRef }),
      evidence: [],
      suggestion: `Reinstall the webhook's backend (Service ${svcRef.name} in ${svcRef.namespace})`,
      commands: [`kubectl${nsFlag(svcRef.namespace)} get services`],
    };
  }
  const port = w.clientConfig?.service?.port ?? 443;
  if (!(svc.spec?.ports ?? []).some((p) => p.port === port)) {
    return {
      reason: 'WebhookServicePortMissing',
      service: svcRef,
      what: ` on port ${port}, which the Service does not expose (${(svc.spec?.ports ?? []).map((p) => p.port).join(', ') || 'no ports'})`,
      rootCause: refCause({ target: svcRef, key: `port ${port}` }),
      evidence: [],
      suggestion: `Set clientConfig.service.port to a port of ${svcRef.name}, or add port ${port} to the Service.`,
      commands: [`kubectl${nsFlag(svcRef.namespace)} get service ${svcRef.name} -o jsonpath='{.spec.ports}'`],
    };
  }
  const problems = ctx.ask.serviceProblems(svc);
  const p = problems.find((x) => x.blocking && x.severity !== 'info') ?? problems.find((x) => x.blocking);
  if (!p) return undefined;
  return {
    reason: 'WebhookServiceUnavailable',
    service: svcRef,
    what: `, which has no ready endpoint (${clip(p.rootCause.fact, 160)})`,
    rootCause: p.rootCause,
    evidence: p.evidence,
    suggestion: p.suggestion,
    commands: p.commands,
  };
}

export function webhookFindings(ctx: AnalyzerContext, kind: WebhookKind, configs: WebhookConfig[]): Finding[] {
  const s = ctx.snapshot;
  const out: Finding[] = [];
  const analyzer = kind;
  const short = kind === 'ValidatingWebhookConfiguration' ? 'validating' : 'mutating';
  for (const cfg of configs) {
    const cfgName = cfg.metadata?.name ?? '';
    const cfgRef: ObjectRef = { kind, name: cfgName };
    for (const w of cfg.webhooks ?? []) {
      const b = webhookBackendProblem(ctx, w);
      if (!b) continue;
      const fail = (w.failurePolicy ?? 'Fail') === 'Fail';
      const effect = fail
        ? `the API server rejects every request it matches (${scopeText(w)}): those writes are blocked`
        : `calls fail and are skipped (failurePolicy Ignore), so its ${short} policy is silently not applied`;
      const failures = callFailures(s.events, w.name);
      const cmdCfg = `kubectl get ${kind.toLowerCase()} ${cfgName} -o yaml`;
      const svcText =
        b.reason === 'WebhookServiceUnavailable'
          ? refText(b.service)
          : `Service ${b.service.namespace}/${b.service.name}`;
      const field: Evidence[] =
        b.reason === 'WebhookServiceMissing'
          ? [
              {
                source: 'field',
                object: cfgRef,
                text: `webhooks[${w.name}].clientConfig.service: ${b.service.namespace}/${b.service.name}; failurePolicy: ${w.failurePolicy ?? 'Fail (default)'}`,
              },
            ]
          : b.reason === 'WebhookServicePortMissing'
            ? [
                {
                  source: 'field',
                  object: cfgRef,
                  text: `clientConfig.service.port: ${w.clientConfig?.service?.port ?? 443}`,
                },
              ]
            : [];
      const suggestion =
        b.reason === 'WebhookServiceMissing'
          ? `${b.suggestion}, or delete the stale ${kind} ${cfgName} if its owner was uninstalled.`
          : b.reason === 'WebhookServiceUnavailable' && fail
            ? `${b.suggestion} Until it is back, writes matched by ${w.name} fail; as a last resort set failurePolicy: Ignore.`
            : b.suggestion;
      out.push({
        analyzer,
        kind,
        name: cfgName,
        severity: fail ? 'critical' : 'warning',
        reason: b.reason,
        message: `Webhook ${w.name} of ${kind} ${cfgName} calls ${svcText}${b.what}; ${effect}.${b.didYouMean ? ` Did you mean "${b.didYouMean}"?` : ''}`,
        evidence:
          b.reason === 'WebhookServiceUnavailable' ? [...failures, ...b.evidence].slice(0, 3) : [...field, ...failures],
        rootCause: b.rootCause,
        suggestion,
        commands: [
          ...b.commands,
          cmdCfg,
          ...(b.reason === 'WebhookServiceMissing' && fail ? [`kubectl delete ${kind.toLowerCase()} ${cfgName}`] : []),
        ],
      });
    }
  }
  return out;
}
