/** Reading what each node produced out of an execution fetched with its data. */
import type { Execution, NodeItem, NodeRun } from './types';

/** The JSON of every item one node emitted on one output (`main` connection), in its first run by default. */
export function nodeOutput(
  execution: Execution,
  nodeName: string,
  opts: { run?: number; output?: number } = {},
): Record<string, unknown>[] {
  const run = nodeRun(execution, nodeName, opts.run);
  if (run.error)
    throw new Error(
      `node "${nodeName}" failed: ${run.error.message}${run.error.description ? ` (${run.error.description})` : ''}`,
    );
  const items: NodeItem[] = run.data?.main?.[opts.output ?? 0] ?? [];
  return items.map((item) => item.json);
}

/** The raw run record of a node (items, error, timing); throws naming the nodes that did run. */
export function nodeRun(execution: Execution, nodeName: string, run = 0): NodeRun {
  const runData = execution.data?.resultData.runData;
  if (!runData) throw new Error(`execution ${execution.id} was fetched without data`);
  const runs = runData[nodeName];
  if (!runs || !runs[run]) {
    throw new Error(
      `node "${nodeName}" has no run ${run} in execution ${execution.id}; nodes that ran: ${Object.keys(runData).join(', ') || 'none'}`,
    );
  }
  return runs[run];
}

/** Names of the nodes that ran, in the order n8n recorded them. */
export function nodesThatRan(execution: Execution): string[] {
  return Object.keys(execution.data?.resultData.runData ?? {});
}

/** The workflow-level error message of a failed execution, if any. */
export function executionError(execution: Execution): string | undefined {
  const err = execution.data?.resultData.error;
  if (!err) return undefined;
  return `${err.node ? `${err.node.name}: ` : ''}${err.message}${err.description ? ` (${err.description})` : ''}`;
}
