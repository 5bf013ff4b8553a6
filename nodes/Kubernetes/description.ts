/** The Kubernetes node's parameters: the operation selector, then each operation's own parameters. */
import type { INodeProperties } from 'n8n-workflow';
import { resourceAndOperation } from '../shared/operation';
import { readOperations } from './operations';

export const properties: INodeProperties[] = [
  ...resourceAndOperation(readOperations, 'list'),
  ...readOperations.flatMap((o) => o.properties),
];
