import { z } from 'zod';
import { events, renderTable } from '../../lib/kube';
import { LIMITS, namespaceArg } from './shared';
import { READ_ONLY, defineTool } from './types';

export const listEvents = defineTool({
  name: 'list_events',
  title: 'Events',
  description:
    'Recent Kubernetes events, newest first, for one object (give kind and name) or a namespace. warningsOnly and since keep the answer short.',
  input: {
    namespace: namespaceArg,
    allNamespaces: z.boolean().optional(),
    kind: z.string().max(LIMITS.kind).optional().describe('with name: only events about this object'),
    name: z.string().max(LIMITS.name).optional(),
    warningsOnly: z.boolean().optional().describe('only type=Warning (default true)'),
    since: z.string().max(32).optional().describe('e.g. 15m, 2h'),
    limit: z.number().int().min(1).max(1000).optional().describe('newest N (default 50)'),
  },
  annotations: READ_ONLY,
  async run(a, { kube }) {
    if (Boolean(a.kind) !== Boolean(a.name)) throw new Error('give both kind and name to filter by object, or neither');
    const rows = await events(kube, {
      object: a.kind && a.name ? { kind: a.kind, name: a.name, namespace: a.namespace } : undefined,
      namespace: a.namespace,
      allNamespaces: a.allNamespaces,
      warningsOnly: a.warningsOnly ?? true,
      since: a.since,
      limit: a.limit ?? 50,
    });
    return { text: rows.length ? renderTable(rows) : 'no matching events', data: { events: rows } };
  },
});
