import { z } from 'zod';
import { describe, get, list, renderTable, summarizeAll } from '../../lib/kube';
import { toYaml } from '../../lib/kube/yaml-text';
import { kindArg, nameArg, namespaceArg, ref, selectorArg } from './shared';
import { READ_ONLY, defineTool } from './types';

export const listResources = defineTool({
  name: 'list_resources',
  title: 'List resources',
  description:
    'List objects of one kind as compact rows (name, status, ready, restarts, age, node, image…), not raw YAML. Narrow with namespace, labelSelector or fieldSelector (e.g. status.phase!=Running). Use get_resource for one full object.',
  input: {
    kind: kindArg,
    namespace: namespaceArg,
    allNamespaces: z.boolean().optional().describe('list across all namespaces'),
    labelSelector: selectorArg.optional().describe('e.g. app=web,tier!=db'),
    fieldSelector: selectorArg.optional().describe('e.g. status.phase=Pending or spec.nodeName=node-1'),
    limit: z.number().int().min(1).max(5000).optional().describe('at most this many objects (default 200)'),
    full: z.boolean().optional().describe('return full objects (YAML) instead of summary rows; use sparingly'),
  },
  annotations: READ_ONLY,
  async run(a, { kube }) {
    const res = await list(kube, {
      kind: a.kind,
      namespace: a.namespace,
      allNamespaces: a.allNamespaces,
      labelSelector: a.labelSelector,
      fieldSelector: a.fieldSelector,
      allPages: true,
      maxItems: a.limit ?? 200,
    });
    const more = res.truncated ? `\n(more objects exist; narrow the selector or raise limit)` : '';
    if (a.full)
      return {
        text: toYaml(res.items) + more,
        data: { kind: res.kind, items: res.items, truncated: res.truncated },
        redacted: true,
      };
    const rows = summarizeAll(res.items);
    const text =
      rows.length === 0
        ? `no ${res.kind} found${res.namespace ? ` in namespace ${res.namespace}` : ''}`
        : renderTable(rows) + more;
    return { text, data: { kind: res.kind, count: rows.length, rows, truncated: res.truncated } };
  },
});

export const getResource = defineTool({
  name: 'get_resource',
  title: 'Get one object',
  description: 'Get one object as YAML (managedFields and last-applied noise removed, Secret values redacted).',
  input: { kind: kindArg, name: nameArg, namespace: namespaceArg },
  annotations: READ_ONLY,
  async run(a, { kube }) {
    const obj = await get(kube, ref(a));
    return { text: toYaml(obj), data: { object: obj }, redacted: true };
  },
});

export const describeResource = defineTool({
  name: 'describe_resource',
  title: 'Describe an object',
  description:
    'Like kubectl describe: the object summary, its recent events, its owner chain, and for workloads/services/nodes the pods behind it with their status. Use after diagnose when you need more context on one object.',
  input: { kind: kindArg, name: nameArg, namespace: namespaceArg },
  annotations: READ_ONLY,
  async run(a, { kube }) {
    const d = await describe(kube, ref(a));
    return { text: d.text, data: { summary: d.summary, owners: d.owners, events: d.events, pods: d.pods } };
  },
});
