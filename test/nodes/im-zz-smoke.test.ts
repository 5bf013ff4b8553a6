import { NodeConnectionTypes, NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { runNode } from '../helpers/n8n-exec';

class Echo implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Echo', name: 'echo', group: ['transform'], version: 1, description: 'x', defaults: { name: 'Echo' },
    inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main],
    properties: [{ displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hi' }, { displayName: 'Fail', name: 'fail', type: 'boolean', default: false }],
  };
  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const out: INodeExecutionData[] = [];
    const items = this.getInputData();
    for (let i = 0; i < items.length; i++) {
      try {
        if (this.getNodeParameter('fail', i) as boolean) throw new NodeOperationError(this.getNode(), 'boom', { itemIndex: i });
        out.push({ json: { g: this.getNodeParameter('greeting', i), v: items[i].json.v }, pairedItem: { item: i } });
      } catch (e) {
        if (this.continueOnFail()) { out.push({ json: { error: (e as Error).message }, pairedItem: { item: i } }); continue; }
        throw e;
      }
    }
    return [out];
  }
}

test('smoke', async () => {
  const r = await runNode(Echo, { items: [{ json: { v: 1 } }, { json: { v: 2 } }] });
  expect(r.items.map((i) => i.json)).toEqual([{ g: 'hi', v: 1 }, { g: 'hi', v: 2 }]);
  const e = await runNode(Echo, { parameters: { fail: true, greeting: '={{ "x" + $json.v }}' } });
  expect(e.error?.message).toBe('boom');
  const c = await runNode(Echo, { parameters: { fail: true }, settings: { continueOnFail: true } });
  expect(c.items[0].json).toEqual({ error: 'boom' });
  const x = await runNode(Echo, { parameters: { greeting: '={{ "x" + $json.v }}' }, items: [{ json: { v: 5 } }] });
  expect(x.items[0].json.g).toBe('x5');
});
