/**
 * The part of a Cluster that its controllers and the garbage collector use. cluster.ts implements it and starts
 * them; they depend on this interface rather than on cluster.ts, so neither imports the other back.
 */
import type { KubeObject } from '../model';
import type { ResourceRegistry } from '../registry/registry';
import type { ResourceDef } from '../registry/resource';
import type { ObjectStore, StoredObject } from '../store/store';

export interface ClusterView {
  readonly registry: ResourceRegistry;
  readonly store: ObjectStore;
  find(def: ResourceDef, namespace: string | undefined, name: string): StoredObject | undefined;
  defForStorage(storage: string): ResourceDef | undefined;
  /** Stores an object as a fixture describes it (status, uid and timestamps kept when given). */
  load(input: KubeObject, owned?: boolean): KubeObject;
}
