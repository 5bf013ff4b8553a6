import { z } from 'zod';
import { parseAlertPayload } from '../../lib/alerts';
import { type TriagedAlert, triageAlerts, triageObject } from '../../lib/triage';
import { compactFinding } from './findings';
import { budgetArg, kindArg, LIMITS, nameArg, namespaceArg, textBudget } from './shared';
import { READ_ONLY, type ToolOutput, defineTool } from './types';

const resourceArg = z
  .object({ kind: kindArg, name: nameArg, namespace: namespaceArg })
  .describe(
    'instead of an alert: the object to triage, e.g. {"kind":"Deployment","name":"app-xyz","namespace":"shop"}',
  );

const summary = (t: TriagedAlert) => ({
  alertname: t.alertname,
  status: t.status,
  severity: t.severity,
  resource: t.resource,
  ...(t.target ? { target: t.target, targetFound: t.targetFound } : {}),
  enriched: t.enriched,
  ...(t.skipped ? { skipped: t.skipped } : {}),
  ...(t.error ? { error: t.error } : {}),
  ...(t.rootCause ? { rootCause: t.rootCause, rootCauseObject: t.rootCauseObject } : {}),
  ...(t.diagnosisSeverity ? { diagnosisSeverity: t.diagnosisSeverity } : {}),
  ...(t.suggestion ? { suggestion: t.suggestion } : {}),
  ...(t.commands?.length ? { commands: t.commands } : {}),
  ownerChain: t.ownerChain,
  findings: t.findings.map((f) => compactFinding(f)),
});

function output(
  alerts: TriagedAlert[],
  errors: { message: string; alertname?: string }[],
  extra: Record<string, unknown>,
): ToolOutput {
  const parts = alerts.map((t) => t.llmContext);
  if (errors.length)
    parts.push(`## ERRORS\n${errors.map((e) => `- ${e.alertname ? `${e.alertname}: ` : ''}${e.message}`).join('\n')}`);
  return { text: parts.join('\n\n---\n\n'), data: { ...extra, alerts: alerts.map(summary), errors } };
}

export const triageAlert = defineTool({
  name: 'triage_alert',
  title: 'Triage an alert',
  description:
    'Root-cause a Prometheus/Alertmanager alert in one call: maps its labels (pod, deployment, namespace, node…) to the Kubernetes object, diagnoses it and returns the root cause, evidence, events, error log lines and fix commands. Give the alert (an Alertmanager webhook body or one alert with labels, as JSON text or object), or a resource {kind,name,namespace} instead.',
  input: {
    alert: z
      .union([
        z.string().min(1).max(LIMITS.manifest),
        z.record(z.unknown()),
        z.array(z.record(z.unknown())).max(LIMITS.list),
      ])
      .optional()
      .describe(
        'Alertmanager/Grafana webhook body, or one alert {"labels":{...},"annotations":{...}}, as JSON text or object',
      ),
    resource: resourceArg.optional(),
    minSeverity: z.enum(['critical', 'warning', 'info']).optional().describe('skip alerts below this alert severity'),
    includeResolved: z.boolean().optional().describe('also triage resolved alerts (default false)'),
    maxAlerts: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('diagnose at most this many alerts, most severe first (default 5)'),
    budget: budgetArg,
  },
  annotations: READ_ONLY,
  async run(a, { kube, config }) {
    if ((a.alert === undefined) === (a.resource === undefined))
      throw new Error('arguments alert and resource: give exactly one of them');
    const budget = textBudget(a.budget, config.maxOutputChars);
    if (a.resource)
      return output([await triageObject(kube, a.resource, { llmBudget: budget })], [], { input: 'resource' });

    const maxEnrich = a.maxAlerts ?? 5;
    // the budget is shared: each alert's context gets its part
    const count = Math.max(1, Math.min(maxEnrich, parseAlertPayload(a.alert).alerts.length));
    const r = await triageAlerts(kube, a.alert, {
      minSeverity: a.minSeverity,
      includeResolved: a.includeResolved ?? false,
      maxEnrich,
      llmBudget: Math.max(500, Math.floor(budget / count) - 20),
    });
    if (r.alerts.length === 0 && r.received === 0)
      throw new Error(`argument alert: ${r.errors.map((e) => e.message).join('; ') || 'no alert in the payload'}`);
    // alerts beyond maxEnrich carry only their labels: list them in structured content, keep the text for the diagnosed
    const shown = r.alerts.filter((t) => t.enriched || t.error || !t.skipped?.startsWith('more than'));
    const out = output(shown, r.errors, {
      input: 'alert',
      format: r.format,
      received: r.received,
      kept: r.alerts.length,
    });
    if (r.alerts.length === 0)
      out.text = `no alert left after the filters (received ${r.received}; minSeverity ${a.minSeverity ?? 'none'}, includeResolved ${a.includeResolved ?? false})`;
    return out;
  },
});
