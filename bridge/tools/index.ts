/** Every tool the bridge knows; server.ts registers those the configuration enables. */
import type { ToolDefinition } from './types';

export const allTools: ToolDefinition[] = [];
