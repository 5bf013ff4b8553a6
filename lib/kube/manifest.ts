/** Reads manifests as people paste them: YAML or JSON, one or many documents, `kind: List` wrappers. */
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { KubeError } from './errors';

export type ManifestInput = string | KubernetesObject | KubernetesObject[];

export function parseManifests(input: ManifestInput): KubernetesObject[] {
  const docs = typeof input === 'string' ? parseText(input) : Array.isArray(input) ? input : [input];
  const objects = docs.flatMap(flattenList);
  if (objects.length === 0) throw new KubeError('the manifest holds no Kubernetes object', { reason: 'BadInput' });
  objects.forEach((obj, i) => {
    const where = objects.length > 1 ? `document ${i + 1}` : 'the manifest';
    if (!obj || typeof obj !== 'object') throw new KubeError(`${where} is not an object`, { reason: 'BadInput' });
    if (!obj.apiVersion) throw new KubeError(`${where} has no apiVersion`, { reason: 'BadInput' });
    if (!obj.kind) throw new KubeError(`${where} has no kind`, { reason: 'BadInput' });
    if (!obj.metadata?.name && !obj.metadata?.generateName) {
      throw new KubeError(`${where} (${obj.kind}) has no metadata.name`, { reason: 'BadInput' });
    }
  });
  return objects;
}

function parseText(text: string): KubernetesObject[] {
  const docs = parseAllDocuments(text);
  const out: KubernetesObject[] = [];
  for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
    if (doc.errors.length > 0) {
      throw new KubeError(
        `the manifest is not valid YAML (document ${i + 1}): ${doc.errors[0].message.split('\n')[0]}`,
        { reason: 'BadInput' },
      );
    }
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function flattenList(obj: KubernetesObject): KubernetesObject[] {
  const items = (obj as { items?: unknown }).items;
  if (obj && typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(items)) {
    return (items as KubernetesObject[]).flatMap(flattenList);
  }
  return [obj];
}
