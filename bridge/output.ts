/** Caps what one tool result may put into a model's context, and says how to narrow the request. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { redactStrings, redactText } from '../lib/kube/redact';
import type { ToolOutput } from './tools/types';

const NARROW_HINT =
  'narrow the request: give a namespace, a labelSelector or fieldSelector, a smaller limit, tailLines/grep for logs, or a budget for diagnose';

/** Results carry cluster text (logs, events, annotations): credentials inside it are redacted here whatever the tool. */
export function toToolResult(out: ToolOutput, maxChars: number): CallToolResult {
  const full = out.redacted ? out.text : redactText(out.text);
  let text = full;
  if (text.length > maxChars) {
    text = `${text.slice(0, maxChars)}\n… output cut at ${maxChars} of ${full.length} characters; ${NARROW_HINT}.`;
  }
  const json = JSON.stringify(out.data);
  const structuredContent =
    json.length <= maxChars * 2
      ? out.redacted
        ? out.data
        : redactStrings(out.data)
      : { truncated: true, note: `structured result of ${json.length} characters exceeds the cap; ${NARROW_HINT}` };
  return { content: [{ type: 'text', text }], structuredContent };
}

export function toErrorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: redactText(message) }], isError: true };
}
