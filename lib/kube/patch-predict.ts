/**
 * What a JSON patch (RFC 6902) or a JSON merge patch (RFC 7386) makes of the object as reads show it (hidden values
 * already replaced by placeholders). Compared with the server's dry-run answer, it tells a value the caller wrote
 * from a value the server carried over from a hidden field — at the exact place it lands, `-` appends included.
 * Undefined when the patch does not apply (the server refuses it too).
 */
import { applyPatch, type Operation } from 'fast-json-patch';

type Json = unknown;

export function predictMergePatch(target: Json, patch: Json): Json {
  if (!isRecord(patch)) return patch;
  const out: Record<string, Json> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = predictMergePatch(out[k], v);
  }
  return out;
}

/** Through fast-json-patch (the simulator's implementation too), validating each operation as the apiserver does. */
export function predictJsonPatch(doc: Json, ops: unknown[]): Json {
  try {
    const result = applyPatch(structuredClone(doc), ops as Operation[], true, true, true).newDocument;
    // an apiserver object is a JSON object: a patch that replaces or removes the root does not apply
    return isRecord(result) ? result : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
