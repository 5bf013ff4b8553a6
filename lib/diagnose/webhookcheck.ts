/**
 * Admission webhooks whose backend cannot answer. With failurePolicy Fail (the v1 default) every API write the
 * webhook matches is rejected, so a crashed webhook pod blocks deployments cluster-wide; the finding follows the
 * webhook to its Service and on to the Service's own root cause.
 */
import type { CoreV1Event, V1MutatingWebhook, V1ValidatingWebhook } from '@kubernetes/client-node';
import { mentioning } from './reffinding';
import { closestName, listRead, namespaceRead, refFact, webhookService } from './refcheck';
import { findService, serviceProblems } from './servicehealth';
import type { AnalyzerContext, Evidence, Finding, ObjectRef } from './types';
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

export function webhookFindings(ctx: AnalyzerContext, kind: WebhookKind, configs: WebhookConfig[]): Finding[] {
  const s = ctx.snapshot;
  if (!listRead(s, 'services')) return [];
  const out: Finding[] = [];
  const analyzer = kind;
  const short = kind === 'ValidatingWebhookConfiguration' ? 'validating' : 'mutating';
  for (const cfg of configs) {
    const cfgName = cfg.metadata?.name ?? '';
    const cfgRef: ObjectRef = { kind, name: cfgName };
    for (const w of cfg.webhooks ?? []) {
      const svcRef = webhookService(w);
      if (!svcRef || !namespaceRead(s, svcRef.namespace)) continue;
      const fail = (w.failurePolicy ?? 'Fail') === 'Fail';
      const effect = fail ? `the API server rejects every request it matches (${scopeText(w)}): those writes are blocked` : `calls fail and are skipped (failurePolicy Ignore), so its ${short} policy is silently not applied`;
      const severity = fail ? 'critical' : 'warning';
      const failures = callFailures(s.events, w.name);
      const base = { analyzer, kind, name: cfgName };
      const cmdCfg = `kubectl get ${kind.toLowerCase()} ${cfgName} -o yaml`;
      const svc = findService(ctx, svcRef);
      if (!svc) {
        const guess = closestName(svcRef.name, s.services.filter((x) => x.metadata?.namespace === svcRef.namespace).map((x) => x.metadata?.name ?? ''));
        out.push({
          ...base, severity, reason: 'WebhookServiceMissing',
          message: `Webhook ${w.name} of ${kind} ${cfgName} calls Service ${svcRef.namespace}/${svcRef.name}, which does not exist; ${effect}.${guess ? ` Did you mean "${guess}"?` : ''}`,
          evidence: [{ source: 'field', object: cfgRef, text: `webhooks[${w.name}].clientConfig.service: ${svcRef.namespace}/${svcRef.name}; failurePolicy: ${w.failurePolicy ?? 'Fail (default)'}` }, ...failures],
          rootCause: { object: svcRef, fact: refFact({ target: svcRef }) },
          suggestion: `Reinstall the webhook's backend (Service ${svcRef.name} in ${svcRef.namespace}), or delete the stale ${kind} ${cfgName} if its owner was uninstalled.`,
          commands: [`kubectl${nsFlag(svcRef.namespace)} get services`, cmdCfg, ...(fail ? [`kubectl delete ${kind.toLowerCase()} ${cfgName}`] : [])],
        });
        continue;
      }
      const port = w.clientConfig?.service?.port ?? 443;
      if (!(svc.spec?.ports ?? []).some((p) => p.port === port)) {
        out.push({
          ...base, severity, reason: 'WebhookServicePortMissing',
          message: `Webhook ${w.name} of ${kind} ${cfgName} calls Service ${svcRef.namespace}/${svcRef.name} on port ${port}, which the Service does not expose (${(svc.spec?.ports ?? []).map((p) => p.port).join(', ') || 'no ports'}); ${effect}.`,
          evidence: [{ source: 'field', object: cfgRef, text: `clientConfig.service.port: ${port}` }, ...failures],
          rootCause: { object: svcRef, fact: refFact({ target: svcRef, key: `port ${port}` }) },
          suggestion: `Set clientConfig.service.port to a port of ${svcRef.name}, or add port ${port} to the Service.`,
          commands: [`kubectl${nsFlag(svcRef.namespace)} get service ${svcRef.name} -o jsonpath='{.spec.ports}'`, cmdCfg],
        });
        continue;
      }
      const p = serviceProblems(ctx, svc).find((x) => x.blocking && x.severity !== 'info') ?? serviceProblems(ctx, svc).find((x) => x.blocking);
      if (!p) continue;
      out.push({
        ...base, severity, reason: 'WebhookServiceUnavailable',
        message: `Webhook ${w.name} of ${kind} ${cfgName} calls ${refText(svcRef)}, which has no ready endpoint (${clip(p.rootCause.fact, 160)}); ${effect}.`,
        evidence: [...failures, ...p.evidence].slice(0, 3),
        rootCause: p.rootCause,
        suggestion: `${p.suggestion}${fail ? ` Until it is back, writes matched by ${w.name} fail; as a last resort set failurePolicy: Ignore.` : ''}`,
        commands: [...p.commands, cmdCfg],
      });
    }
  }
  return out;
}
