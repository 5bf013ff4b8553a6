/** Create: new objects from YAML/JSON; fails if one exists. */
import { create } from '../../../lib/kube';
import { locatorValue } from '../../shared/locators';
import type { NodeOperation } from '../../shared/operation';
import { manifestNamespace, manifestProperty } from './apply';
import { batchJson, manifestInput, writeOptions, type ActionDeps } from './common';

const OP = 'create';

export const createOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Create',
    value: OP,
    action: 'Create objects from YAML or JSON',
    description:
      'Create new objects from YAML/JSON; fails if one already exists (use Apply to create or update). Several documents are all dry-run first.',
  },
  properties: [manifestProperty(OP), manifestNamespace(OP)],
  async run(ctx, deps, i) {
    const result = await create(deps.conn, manifestInput(ctx.getNodeParameter('manifest', i)), {
      ...writeOptions(ctx, deps, i),
      namespace: locatorValue(ctx, 'namespace', i) || undefined,
    });
    return batchJson(result);
  },
};
