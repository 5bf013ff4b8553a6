/** JSON patch (RFC 6902) through fast-json-patch, failing like the apiserver does. */
import { applyPatch, type Operation } from 'fast-json-patch';
import { badRequest, StatusError } from '../errors';
import { deepClone, type Json } from '../model';

export function applyJsonPatch(document: Json, patch: Json): Json {
  if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  try {
    return applyPatch(deepClone(document), patch as unknown as Operation[], true, true, true).newDocument;
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
      causes: [
        { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(JSON.stringify(patch))}: ${detail}` },
      ],
    });
  }
}
