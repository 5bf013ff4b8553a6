/** Small workflows built only from n8n core nodes, to prove the harness' execution paths. */
import { randomUUID } from 'node:crypto';
import type { WorkflowJson } from '../../scripts/n8n';

export function manualSetWorkflow(name: string): WorkflowJson {
  return {
    name,
    nodes: [
      { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      {
        name: 'Set',
        type: 'n8n-nodes-base.set',
        typeVersion: 3.4,
        position: [220, 0],
        parameters: {
          assignments: {
            assignments: [
              { id: 'answer', name: 'answer', value: '={{ 6 * 7 }}', type: 'number' },
              { id: 'source', name: 'source', value: '={{ $workflow.name }}', type: 'string' },
            ],
          },
          options: {},
        },
      },
    ],
    connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
  };
}

export function webhookSetWorkflow(name: string, path: string): WorkflowJson {
  return {
    name,
    nodes: [
      {
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        // n8n registers production webhooks by this id; the editor fills it in, an import must bring it
        webhookId: randomUUID(),
        parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
      },
      {
        name: 'Set',
        type: 'n8n-nodes-base.set',
        typeVersion: 3.4,
        position: [220, 0],
        parameters: {
          assignments: {
            assignments: [
              { id: 'greeting', name: 'greeting', value: "={{ 'hello ' + $json.body.who }}", type: 'string' },
            ],
          },
          options: {},
        },
      },
    ],
    connections: { Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
  };
}
