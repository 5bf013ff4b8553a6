/** A bridge tool: its schema, annotations and handler over lib/. One definition per file or small group. */
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z, ZodRawShape } from 'zod';
import type { BridgeConfig, EnableFlag } from '../config';
import type { ToolDeps } from '../deps';

/** What a handler returns: text for the model and the same facts as structured data. */
export interface ToolOutput {
  text: string;
  data: Record<string, unknown>;
  /**
   * Text and data are objects exactly as lib/kube's reads return them (every string redacted there, credential fields
   * hidden by name), or their YAML: a second pass over the YAML text would only judge `secretName: db` a credential.
   */
  redacted?: true;
}

export interface ToolDefinition<Shape extends ZodRawShape = ZodRawShape> {
  name: string;
  title: string;
  /** written for a model: when to call it, what it returns, how to narrow it */
  description: string;
  input: Shape;
  annotations: ToolAnnotations;
  /** the enable flag a write tool needs (--enable-create / -update / -delete); reads have none */
  requires?: EnableFlag;
  /** registered only when this holds (e.g. query_prometheus needs --prometheus-url) */
  available?: (cfg: BridgeConfig) => boolean;
  run(args: z.infer<z.ZodObject<Shape>>, deps: ToolDeps): Promise<ToolOutput>;
}

/** Keeps each file's literal types while collecting definitions into one list. */
export const defineTool = <Shape extends ZodRawShape>(def: ToolDefinition<Shape>): ToolDefinition<Shape> => def;

export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
