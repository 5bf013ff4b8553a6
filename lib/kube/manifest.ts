/** Reads manifests as people paste them: YAML or JSON, one or many documents, `kind: List` wrappers. */
import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeError } from './errors';
import { checkPlainJson, checkTextNesting } from './plain-json';

export type ManifestInput = string | KubernetesObject | KubernetesObject[];

/** A manifest no one pastes by hand is larger; parsing YAML costs time in proportion, so it is refused first. */
export const MAX_MANIFEST_BYTES = 512 * 1024;
export const MAX_DOCUMENTS = 200;
/** what the parsed documents may hold, as JSON: the text's cap with room for YAML's terser syntax, not for aliases */
const MAX_EXPANDED_BYTES = 2 * MAX_MANIFEST_BYTES;

export function parseManifests(input: ManifestInput): KubernetesObject[] {
  if (typeof input === 'string' && input.length > MAX_MANIFEST_BYTES)
    throw new KubeError(`the manifest is over ${MAX_MANIFEST_BYTES} bytes; apply it in parts`, { reason: 'BadInput' });
  if (typeof input === 'string') checkTextNesting(input, 'the manifest');
  const docs = typeof input === 'string' ? parseText(input) : Array.isArray(input) ? input : [input];
  if (typeof input !== 'string') checkPlainJson(docs, 'the manifest', MAX_EXPANDED_BYTES);
  const objects = docs.flatMap(flattenList);
  if (objects.length > MAX_DOCUMENTS)
    throw new KubeError(`the manifest holds ${objects.length} objects; at most ${MAX_DOCUMENTS} per call`, {
      reason: 'BadInput',
    });
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
  // loaded on first use: only the write tools parse YAML, and a read-only bridge need not hold the parser
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  const parsed = parseAllDocuments(text);
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  const out: KubernetesObject[] = [];
  let expanded = 0;
  for (const [i, doc] of docs.entries()) {
    if (doc.errors.length > 0) {
      throw new KubeError(
        `the manifest is not valid YAML (document ${i + 1}): ${doc.errors[0].message.split('\n')[0]}`,
        { reason: 'BadInput' },
      );
    }
    // an unknown tag (`kind: !Secret ConfigMap`) is dropped by the parser: what was meant is not what would be sent
    const tag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (tag)
      throw new KubeError(
        `the manifest uses a YAML tag Kubernetes does not know (document ${i + 1}): ${tag.message.split('\n')[0]}`,
        { reason: 'BadInput' },
      );
    let value: unknown;
    try {
      // aliases are expanded here, at most 100 of them: a "billion laughs" document stops with an error
      value = doc.toJS();
    } catch (err) {
      throw new KubeError(
        `the manifest is not valid YAML (document ${i + 1}): ${err instanceof Error ? err.message : String(err)}`,
        { reason: 'BadInput' },
      );
    }
    if (value === null || value === undefined) continue;
    checkPlainJson(value, docs.length > 1 ? `document ${i + 1}` : 'the manifest', MAX_EXPANDED_BYTES - expanded);
    expanded += JSON.stringify(value).length;
    out.push(value);
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
