/**
 * Finds the object a kubelet or controller message complains about
 * ('secret "db" not found', "couldn't find key password in Secret ns/db", 'configmap "app" not found').
 */
import type { ObjectRef } from '../types';

const KINDS: Record<string, string> = {
  secret: 'Secret',
  secrets: 'Secret',
  configmap: 'ConfigMap',
  configmaps: 'ConfigMap',
  serviceaccount: 'ServiceAccount',
  serviceaccounts: 'ServiceAccount',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  persistentvolumeclaims: 'PersistentVolumeClaim',
};

export interface MissingRef {
  object: ObjectRef;
  /** the key when the object exists but lacks a key */
  key?: string;
}

export function missingRefIn(message: string, namespace: string | undefined): MissingRef | undefined {
  let m = /couldn't find key (\S+) in (Secret|ConfigMap) (?:([\w.-]+)\/)?([\w.-]+)/i.exec(message);
  if (m) return { object: { kind: m[2], namespace: m[3] ?? namespace, name: m[4] }, key: m[1] };
  m = /\b(secrets?|configmaps?|serviceaccounts?|persistentvolumeclaims?) "([\w.-]+)" not found/i.exec(message);
  if (m) return { object: { kind: KINDS[m[1].toLowerCase()], namespace, name: m[2] } };
  return undefined;
}
