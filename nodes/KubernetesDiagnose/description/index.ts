/** The Kubernetes Diagnose node's parameters: the operation, then what to diagnose or size, then how to report it. */
import type { INodeProperties } from 'n8n-workflow';
import { capacityProperties } from './capacity';
import { forOperation, operationProperty } from './operation';
import { outputProperties } from './output';
import { scopeProperties } from './scope';

export const properties: INodeProperties[] = [
  operationProperty,
  ...forOperation('diagnose', [...scopeProperties, ...outputProperties]),
  ...capacityProperties,
];
