/** Diagnose (root causes now) or Capacity (rightsizing and pool size from Prometheus history). */
import type { INodeProperties } from 'n8n-workflow';

export const operationProperty: INodeProperties = {
  displayName: 'Operation',
  name: 'operation',
  type: 'options',
  noDataExpression: true,
  options: [
    {
      name: 'Capacity',
      value: 'capacity',
      action: 'Rightsize workloads and node pools',
      description:
        'Requests and limits per container from Prometheus usage history (CPU p95, memory p99, peak × 1.15), over- and under-provisioned workloads, OOM risk, node-pool size and monthly savings',
    },
    {
      name: 'Diagnose',
      value: 'diagnose',
      action: 'Find root causes',
      description: 'Root causes across objects and a 0–100 health score',
    },
  ],
  default: 'diagnose',
};

/** The diagnosis properties, shown only for the Diagnose operation (their own displayOptions kept). */
export function forOperation(operation: string, props: INodeProperties[]): INodeProperties[] {
  return props.map((p) => ({
    ...p,
    displayOptions: {
      ...p.displayOptions,
      show: { ...(p.displayOptions?.show ?? {}), operation: [operation] },
    },
  }));
}
