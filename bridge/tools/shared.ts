/** Argument shapes several tools share, described for a model. */
import { z } from 'zod';

export const kindArg = z
  .string()
  .min(1)
  .describe('resource kind as you would type it to kubectl: Pod, pods, deploy, apps/v1/Deployment, or a CRD kind/plural');
export const nameArg = z.string().min(1).describe('object name');
export const namespaceArg = z.string().optional().describe("namespace (default: the connection's namespace); ignored for cluster-scoped kinds");

export const ref = (a: { kind: string; name: string; namespace?: string }) => ({ kind: a.kind, name: a.name, namespace: a.namespace });
