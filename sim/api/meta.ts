/** Metadata rules shared by every write: hidden annotations, timestamps, uid, generation. */
import { randomUUID } from 'node:crypto';
import { stableStringify, type KubeObject } from '../model';

/** Annotations under this prefix feed the simulator (logs…) and are never served. */
export const HIDDEN_PREFIX = 'sim.kube-aiops.io/';

/** Moves `sim.kube-aiops.io/*` annotations out of the object; returns them. */
export function extractHidden(obj: KubeObject): Record<string, string> {
  const annotations = obj.metadata.annotations;
  const hidden: Record<string, string> = {};
  if (!annotations) return hidden;
  for (const key of Object.keys(annotations)) {
    if (key.startsWith(HIDDEN_PREFIX)) {
      hidden[key] = String(annotations[key]);
      delete annotations[key];
    }
  }
  if (Object.keys(annotations).length === 0) delete obj.metadata.annotations;
  return hidden;
}

export function nowTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newUid(): string {
  return randomUUID();
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` + 5 random characters, from the alphabet the apiserver uses. */
export function generatedName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  return `${prefix.slice(0, 58)}${suffix}`;
}

/** Everything except metadata (and status when it has its own subresource): a change here bumps generation. */
export function specFingerprint(obj: KubeObject, statusSeparate: boolean): string {
  const { metadata: _m, status, ...rest } = obj;
  return stableStringify(statusSeparate ? rest : { ...rest, status });
}

/** Key order the apiserver writes: apiVersion, kind, metadata, then the rest. */
export function canonicalOrder(obj: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = obj;
  return { apiVersion, kind, metadata: orderMetadata(metadata), ...rest };
}

const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

function orderMetadata(meta: KubeObject['metadata']): KubeObject['metadata'] {
  const out: KubeObject['metadata'] = {};
  for (const k of META_ORDER) if (meta[k] !== undefined) out[k] = meta[k];
  for (const k of Object.keys(meta)) if (!(k in out) && meta[k] !== undefined) out[k] = meta[k];
  return out;
}
