/** Every operation of the Kubernetes Action node. */
import type { NodeOperation } from '../../shared/operation';
import { applyOperation } from './apply';
import type { ActionDeps } from './common';
import { cordonOperation, uncordonOperation } from './cordon';
import { createOperation } from './create';
import { deleteOperation } from './delete';
import { deletePodOperation } from './deletePod';
import { patchOperation } from './patch';
import { rolloutRestartOperation } from './rolloutRestart';
import { rolloutUndoOperation } from './rolloutUndo';
import { scaleOperation } from './scale';
import { setImageOperation } from './setImage';
import { setResourcesOperation } from './setResources';

export type { ActionDeps } from './common';

export const actionOperations: NodeOperation<ActionDeps>[] = [
  applyOperation,
  cordonOperation,
  createOperation,
  deleteOperation,
  deletePodOperation,
  patchOperation,
  rolloutRestartOperation,
  rolloutUndoOperation,
  scaleOperation,
  setImageOperation,
  setResourcesOperation,
  uncordonOperation,
];
