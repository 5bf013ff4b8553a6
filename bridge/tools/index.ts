/** Every tool the bridge knows; server.ts registers those the configuration enables. */
import type { ZodRawShape } from 'zod';
import { capacityReportTool } from './capacity';
import { diagnoseTool } from './diagnose';
import { getApiResources } from './discovery';
import { listEvents } from './events';
import { getPodLogs } from './logs';
import { queryPrometheusTool } from './prometheus';
import { describeResource, getResource, listResources } from './read';
import { top } from './top';
import { triageAlert } from './triage';
import type { ToolDefinition } from './types';
import {
  applyResource,
  createResource,
  deleteResource,
  patchResource,
  rolloutRestartTool,
  rolloutUndoTool,
  scaleTool,
  setImageTool,
  setResourcesTool,
} from './write';

// Each definition keeps its own argument types; the registry only needs the common shape.
const erase = <S extends ZodRawShape>(t: ToolDefinition<S>) => t as unknown as ToolDefinition;

export const allTools: ToolDefinition[] = [
  erase(diagnoseTool),
  erase(triageAlert),
  erase(getApiResources),
  erase(listResources),
  erase(getResource),
  erase(describeResource),
  erase(listEvents),
  erase(getPodLogs),
  erase(top),
  erase(queryPrometheusTool),
  erase(capacityReportTool),
  erase(applyResource),
  erase(createResource),
  erase(patchResource),
  erase(deleteResource),
  erase(scaleTool),
  erase(rolloutRestartTool),
  erase(rolloutUndoTool),
  erase(setImageTool),
  erase(setResourcesTool),
];
