/** Server-side printing: column definitions and a row builder per kind. */
import type { KubeObject } from '../model';

export interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority?: number;
}

export type Cell = string | number | boolean | null;

export interface RowCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export interface Printer {
  columns: Column[];
  /** every cell, wide columns included (the apiserver always prints wide; kubectl hides priority > 0) */
  row(o: KubeObject): { cells: Cell[]; conditions?: RowCondition[] };
}

const DESCRIPTIONS: Record<string, string> = {
  Name: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  Age: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
};

/** `col('Age')`, `col('IP', 1)`, `col('Restarts', 0, 'integer')` */
export function col(name: string, priority = 0, type = 'string', description?: string): Column {
  const c: Column = { name, type, description: description ?? DESCRIPTIONS[name] ?? name };
  if (name === 'Name') c.format = 'name';
  if (priority) c.priority = priority;
  return c;
}
