/** Prompts that teach a model our order of work: deterministic diagnosis first, narrow reads after. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const user = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });

const RCA_SECTIONS = `Answer in four short sections:
1. Overview — what is broken and since when, in one or two sentences.
2. Evidence — the event texts, log lines and field values that prove it (quote them).
3. Root cause — the object and fact at the end of the chain.
4. Fix — numbered steps with the exact kubectl commands; say which ones change the cluster.`;

export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'alert-triage',
    {
      title: 'Alert root-cause analysis',
      description:
        'Root-cause a Prometheus/Alertmanager alert: triage_alert first, then targeted reads only if evidence is missing.',
      argsSchema: { alert: z.string().describe('the alert: Alertmanager JSON, or alertname plus labels') },
    },
    ({ alert }) =>
      user(
        `An alert fired:\n\n${alert}\n\nFirst call \`triage_alert\` with this alert (or \`diagnose\` with the resource its labels name). It maps the alert to its Kubernetes object and returns the root cause with evidence. Only if something is still unexplained, read narrowly: \`describe_resource\` of that object, \`list_events\` for it, \`get_pod_logs\` with tailLines and grep. Do not list whole namespaces.\n\n${RCA_SECTIONS}`,
      ),
  );
  server.registerPrompt(
    'daily-inspection',
    {
      title: 'Daily cluster inspection',
      description: 'Inspect the cluster (or one namespace): health score, top findings, and what to do today.',
      argsSchema: { namespace: z.string().optional().describe('limit to one namespace') },
    },
    ({ namespace }) =>
      user(
        `Run \`diagnose\`${namespace ? ` for namespace ${namespace}` : ' for the whole cluster'} with min severity warning. Report the health score, then the findings grouped by root cause (most impact first), each with its fix command. End with a three-item to-do list for today. Do not call other tools unless a root cause is unclear.`,
      ),
  );
  server.registerPrompt(
    'troubleshoot-workload',
    {
      title: 'Troubleshoot a workload',
      description: 'Find out why a Deployment, StatefulSet, DaemonSet, Job or Pod is not healthy.',
      argsSchema: { kind: z.string().describe('e.g. Deployment'), name: z.string(), namespace: z.string().optional() },
    },
    ({ kind, name, namespace }) =>
      user(
        `Call \`diagnose\` with resource ${kind}/${name}${namespace ? ` in namespace ${namespace}` : ''}. It follows the chain (pods, ReplicaSets, PVCs, Services, events, logs) to the root cause. If it reports nothing, call \`describe_resource\` and \`get_pod_logs\` (previous: true when it restarts).\n\n${RCA_SECTIONS}`,
      ),
  );
}
