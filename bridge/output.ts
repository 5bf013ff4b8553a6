/** Caps what one tool result may put into a model's context, and says how to narrow the request. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolOutput } from './tools/types';

const NARROW_HINT =
  'narrow the request: give a namespace, a labelSelector or fieldSelector, a smaller limit, tailLines/grep for logs, or a budget for diagnose';

export function toToolResult(out: ToolOutput, maxChars: number): CallToolResult {
  let text = out.text;
  if (text.length > maxChars) {
    text = `${text.slice(0, maxChars)}\n… output cut at ${maxChars} of ${out.text.length} characters; ${NARROW_HINT}.`;
  }
  const json = JSON.stringify(out.data);
  const structuredContent =
    json.length <= maxChars * 2
      ? out.data
      : { truncated: true, note: `structured result of ${json.length} characters exceeds the cap; ${NARROW_HINT}` };
  return { content: [{ type: 'text', text }], structuredContent };
}

export function toErrorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
