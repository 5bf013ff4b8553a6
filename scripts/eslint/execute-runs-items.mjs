/**
 * Local rule `kube-aiops/execute-runs-items`: the execute() of a node class goes through runItems
 * (nodes/shared/items.ts), which honours "On Error: Continue" and pairs every output item with its input. It
 * stands in for the community rule that looks for continueOnFail inside execute(): the loop that calls it is
 * written once, so the check is that each node uses it.
 */
const RUNNER = 'runItems';

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'execute() of a node class must run its items through runItems (nodes/shared/items.ts)' },
    messages: {
      missing:
        'execute() does not call runItems(): items would not honour "On Error: Continue" or keep pairedItem. Use runItems from nodes/shared/items.ts.',
    },
    schema: [],
  },
  create(context) {
    const stack = [];
    const isExecute = (node) =>
      node.key && node.key.type === 'Identifier' && node.key.name === 'execute' && node.parent?.type === 'ClassBody';
    return {
      MethodDefinition(node) {
        if (isExecute(node)) stack.push({ node, found: false });
      },
      CallExpression(node) {
        const top = stack[stack.length - 1];
        if (!top) return;
        const callee = node.callee;
        const name =
          callee.type === 'Identifier'
            ? callee.name
            : callee.type === 'MemberExpression' && callee.property.type === 'Identifier'
              ? callee.property.name
              : undefined;
        if (name === RUNNER || name === 'continueOnFail') top.found = true;
      },
      'MethodDefinition:exit'(node) {
        if (!isExecute(node)) return;
        const top = stack.pop();
        if (top && !top.found) context.report({ node: node.key, messageId: 'missing' });
      },
    };
  },
};
