import { z } from 'zod';
import { discover, renderTable } from '../../lib/kube';
import { READ_ONLY, defineTool } from './types';

export const getApiResources = defineTool({
  name: 'get_api_resources',
  title: 'API resources',
  description:
    'List the resource kinds this cluster serves (built-in and CRDs) with short names, API group and whether they are namespaced. Call it when you do not know the exact kind name to pass to other tools.',
  input: {
    group: z
      .string()
      .max(253)
      .optional()
      .describe('only this API group, e.g. apps or monitoring.coreos.com (empty string = core)'),
  },
  annotations: READ_ONLY,
  async run({ group }, { kube }) {
    const types = (await discover(kube)).filter(
      (t) => t.preferred && !t.plural.includes('/') && (group === undefined || t.group === group),
    );
    const rows = types.map((t) => ({
      name: t.plural,
      shortnames: t.shortNames.join(','),
      apiversion: t.apiVersion,
      namespaced: String(t.namespaced),
      kind: t.kind,
    }));
    return { text: renderTable(rows), data: { resources: rows } };
  },
});
