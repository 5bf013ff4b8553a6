/** Rollout Undo: roll a Deployment back to an earlier revision, like kubectl rollout undo. */
import type { INodeProperties } from 'n8n-workflow';
import { rolloutUndo } from '../../../lib/kube';
import { namespaceLocator } from '../../shared/locators';
import { forOperations, nameProperty, optionalNumber, type NodeOperation } from '../../shared/operation';
import { objectRef, resultJson, writeOptions, type ActionDeps } from './common';

const OP = 'rolloutUndo';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  nameProperty(show, 'Name of the Deployment'),
  namespaceLocator(show),
  {
    displayName: 'To Revision',
    name: 'toRevision',
    type: 'number',
    typeOptions: { minValue: 0 },
    default: 0,
    description: 'Revision to go back to (deployment.kubernetes.io/revision); 0 means the one before the current',
    displayOptions: { show },
  },
];

export const rolloutUndoOperation: NodeOperation<ActionDeps> = {
  option: {
    name: 'Rollout Undo',
    value: OP,
    action: 'Roll back a deployment to an earlier revision',
    description:
      'Roll a Deployment back to its previous revision (or a given one), e.g. after a bad image or configuration change',
  },
  properties,
  async run(ctx, deps, i) {
    const toRevision = optionalNumber(ctx.getNodeParameter('toRevision', i, 0));
    return [
      resultJson(
        await rolloutUndo(
          deps.conn,
          { ...objectRef(ctx, i, 'deployments.apps'), toRevision },
          writeOptions(ctx, deps, i),
        ),
      ),
    ];
  },
};
