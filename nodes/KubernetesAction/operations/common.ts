/** What every Kubernetes Action operation shares: its dependencies, write options and result items. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { BatchResult, KubeConnection, ManifestInput, WriteOptions, WriteResult } from '../../../lib/kube';
import type { WritePolicy } from '../../../lib/guard';
import { toJson } from '../../shared/json';
import { locatorValue } from '../../shared/locators';
import { nameOf } from '../../shared/operation';

export interface ActionDeps {
  conn: KubeConnection;
  /** from the credential only: the node has no parameter that widens it */
  policy: WritePolicy;
  /** who the audit record names */
  actor: string;
}

export function writeOptions(ctx: IExecuteFunctions, deps: ActionDeps, i: number): WriteOptions {
  return { policy: deps.policy, actor: deps.actor, dryRun: ctx.getNodeParameter('dryRun', i, false) as boolean };
}

/** kind + name + namespace parameters as lib/kube's ObjectRef. */
export function objectRef(
  ctx: IExecuteFunctions,
  i: number,
  kind = locatorValue(ctx, 'kind', i),
): { kind: string; name: string; namespace?: string } {
  return { kind, name: nameOf(ctx, i), namespace: locatorValue(ctx, 'namespace', i) || undefined };
}

/** One write: what it did, the changed fields before and after, and its audit record. */
export function resultJson(r: WriteResult): IDataObject {
  return toJson({
    message: r.message,
    verb: r.verb,
    kind: r.kind,
    apiVersion: r.apiVersion,
    namespace: r.namespace,
    name: r.name,
    dryRun: r.dryRun,
    changed: r.changed,
    before: r.before,
    after: r.after,
    warnings: r.warnings,
    audit: r.audit,
  });
}

/** One item per document of an apply or create. */
export function batchJson(b: BatchResult): IDataObject[] {
  return b.results.map((r, index) => ({ document: index + 1, ...resultJson(r) }));
}

/** A manifest parameter: YAML/JSON text, or an object or array an expression produced. */
export function manifestInput(value: unknown): ManifestInput {
  if (typeof value === 'string') return value;
  return value as ManifestInput;
}
