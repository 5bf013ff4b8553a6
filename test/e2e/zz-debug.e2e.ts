import { e2eClient, e2eInstance } from './setup/instance';
import { startStack, waitUntil } from './setup/stack';
import { installWorkflows } from '../../scripts/demo/workflows';
import { startAlertmanager } from './setup/alertmanager';
test('dbg', async () => {
  const step = async <T>(n: string, f: () => Promise<T>): Promise<T> => { try { return await f(); } catch (e) { throw new Error(`${n}: ${(e as Error).message} ${(e as Error).stack} ${String((e as {cause?: unknown}).cause)}`); } };
  const client = await step('client', () => e2eClient());
  const stack = await step('stack', () => startStack(client, { label: 'dbg3' }));
  const wf = await step('install', () => installWorkflows(client, stack.credentials, { keys: ['triage'], activate: ['triage'], suffix: 'dbg4' }));
  const hook = `${e2eInstance().url}/webhook/kube-aiops-alerts-dbg4/alerts`;
  try {
    await step('probe', () => waitUntil('reg', async () => (await fetch(hook, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status !== 404, 20_000));
    const am = await step('am', () => startAlertmanager(hook));
    await am.close();
  } finally {
    await step('deact', () => client.deactivateWorkflow(wf.triage.id));
    await stack.close();
  }
});
