/** The Kubernetes Diagnose node's parameters: what to diagnose, then how to report it. */
import type { INodeProperties } from 'n8n-workflow';
import { outputProperties } from './output';
import { scopeProperties } from './scope';

export const properties: INodeProperties[] = [...scopeProperties, ...outputProperties];
