/** The conversation as the fake model sees it, whichever OpenAI API the client used. */

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments */
  parameters: Record<string, unknown>;
}

export interface ToolCall {
  id: string;
  name: string;
  /** parsed arguments */
  arguments: Record<string, unknown>;
}

export type TurnMessage =
  | { role: 'system' | 'developer'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls: ToolCall[] }
  | { role: 'tool'; content: string; toolCallId: string; toolName?: string };

export interface ModelTurn {
  api: 'chat.completions' | 'responses';
  model: string;
  /** system (and developer) messages joined */
  system: string;
  messages: TurnMessage[];
  tools: ToolSpec[];
  stream: boolean;
}

/** What the model answers: call tools, or say something. */
export type ModelReply = { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> } | { text: string };

export type Brain = (turn: ModelTurn) => ModelReply;

/** One request the fake received, with what it answered. */
export interface ModelRequest {
  api: ModelTurn['api'] | 'models';
  path: string;
  status: number;
  authorization?: string;
  body: unknown;
  turn?: ModelTurn;
  reply?: ModelReply;
  error?: string;
}
