import { z } from 'zod';
import { renderTable, topNodes, topPods } from '../../lib/kube';
import { namespaceArg, selectorArg } from './shared';
import { READ_ONLY, defineTool } from './types';

export const top = defineTool({
  name: 'top',
  title: 'CPU and memory usage',
  description:
    'Current CPU/memory usage from metrics.k8s.io for pods (with limits, to spot OOM risk) or nodes. Needs metrics-server.',
  input: {
    target: z.enum(['pods', 'nodes']).describe('pods or nodes'),
    namespace: namespaceArg,
    allNamespaces: z.boolean().optional(),
    labelSelector: selectorArg.optional(),
    sortBy: z.enum(['cpu', 'memory']).optional(),
  },
  annotations: READ_ONLY,
  async run(a, { kube }) {
    const rows =
      a.target === 'nodes'
        ? await topNodes(kube, { labelSelector: a.labelSelector, sortBy: a.sortBy })
        : await topPods(kube, {
            namespace: a.namespace,
            allNamespaces: a.allNamespaces,
            labelSelector: a.labelSelector,
            sortBy: a.sortBy,
          });
    const flat = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => typeof v !== 'object')));
    return { text: flat.length ? renderTable(flat) : `no ${a.target} metrics`, data: { [a.target]: rows } };
  },
});
