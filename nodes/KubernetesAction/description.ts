/** The Kubernetes Action node's parameters: the policy notice, the operation selector, each operation's, Dry Run. */
import type { INodeProperties } from 'n8n-workflow';
import { resourceAndOperation } from '../shared/operation';
import { actionOperations } from './operations';

export const properties: INodeProperties[] = [
  {
    displayName:
      'What this node may change is set in the credential (Allowed Actions, namespaces, protected namespaces, denied kinds); a refused change fails with the reason.',
    name: 'policyNotice',
    type: 'notice',
    default: '',
  },
  ...resourceAndOperation(actionOperations, 'scale'),
  ...actionOperations.flatMap((o) => o.properties),
  {
    displayName: 'Dry Run',
    name: 'dryRun',
    type: 'boolean',
    default: false,
    description:
      'Whether to only validate the change on the API server (dryRun=All) and report what would change, without saving it',
  },
];
