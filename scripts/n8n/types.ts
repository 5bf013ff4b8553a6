/** The shapes the harness reads and writes; only the fields it needs, as n8n 2.40 sends them. */

export interface WorkflowNode {
  id?: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
  webhookId?: string;
  [key: string]: unknown;
}

export interface WorkflowJson {
  id?: string;
  name: string;
  active?: boolean;
  nodes: WorkflowNode[];
  connections: Record<string, Record<string, { node: string; type: string; index: number }[][]>>;
  settings?: Record<string, unknown>;
  pinData?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface NodeItem {
  json: Record<string, unknown>;
  pairedItem?: unknown;
  [key: string]: unknown;
}

/** One run of one node: its items per output (`data.main[output]`) or its error. */
export interface NodeRun {
  executionStatus?: string;
  data?: Record<string, (NodeItem[] | null)[]>;
  error?: { message: string; description?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface Execution {
  id: string;
  workflowId: string;
  status: 'new' | 'running' | 'success' | 'error' | 'canceled' | 'crashed' | 'waiting' | 'unknown';
  mode: string;
  finished: boolean;
  startedAt: string;
  stoppedAt: string | null;
  data?: {
    resultData: {
      runData: Record<string, NodeRun[]>;
      lastNodeExecuted?: string;
      error?: { message: string; description?: string; node?: { name: string }; [key: string]: unknown };
    };
  };
}
