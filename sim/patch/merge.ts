/** JSON merge patch (RFC 7386): objects merge, null deletes, everything else replaces. */
import { isJsonObject, type Json } from '../model';

export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isJsonObject(patch)) return patch;
  const out: Record<string, Json> = isJsonObject(target) ? { ...(target as Record<string, Json>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
