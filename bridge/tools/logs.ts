import { z } from 'zod';
import { logs } from '../../lib/kube';
import { LIMITS, namespaceArg } from './shared';
import { READ_ONLY, defineTool } from './types';

export const getPodLogs = defineTool({
  name: 'get_pod_logs',
  title: 'Pod logs',
  description:
    'Logs of a pod, or of a workload (Deployment, StatefulSet…: the failing pod is picked). Keep them short: tailLines, since and grep (regex). previous=true reads the crashed instance of a restarting container.',
  input: {
    name: z.string().min(1).max(LIMITS.name).describe('pod name, or workload name with kind'),
    kind: z
      .string()
      .max(LIMITS.kind)
      .optional()
      .describe('Pod (default), Deployment, StatefulSet, DaemonSet, Job, Service'),
    namespace: namespaceArg,
    container: z.string().max(63).optional(),
    previous: z.boolean().optional(),
    tailLines: z.number().int().min(1).max(10000).optional().describe('last N lines (default 200)'),
    since: z.string().max(32).optional().describe('e.g. 10m'),
    grep: z.string().max(200).optional().describe('keep lines matching this regular expression (case-insensitive)'),
    maxBytes: z.number().int().min(256).max(1_000_000).optional(),
  },
  annotations: READ_ONLY,
  async run(a, { kube }) {
    const r = await logs(kube, {
      kind: a.kind,
      name: a.name,
      namespace: a.namespace,
      container: a.container,
      previous: a.previous,
      tail: a.tailLines ?? (a.since ? undefined : 200),
      since: a.since,
      grep: a.grep,
      ignoreCase: true,
      maxBytes: a.maxBytes,
    });
    const head = `pod ${r.namespace}/${r.pod} container ${r.container}${r.previous ? ' (previous instance)' : ''}${r.picked ? ` — ${r.picked}` : ''}: ${r.lines} lines${r.matched !== undefined ? `, ${r.matched} matching` : ''}${r.truncated ? ', older lines dropped' : ''}`;
    return { text: `${head}\n${r.text}`, data: { ...r } };
  },
});
