/**
 * A write's own payload may come back inside an error (422 validation messages quote values). When the payload
 * carries secret values, errors of that write are scrubbed of them before they reach the caller or the audit.
 */
import { KubeError, toKubeError, type KubeErrorContext } from './errors';
import { scrubText } from './redact';
import type { Perform } from './write-pipeline';

export function scrubbingErrors(perform: Perform, values: string[], context: KubeErrorContext): Perform {
  if (values.length === 0) return perform;
  return async (dryRun) => {
    try {
      return await perform(dryRun);
    } catch (err) {
      const error = toKubeError(err, context);
      const clean = new KubeError(scrubText(error.message, values), { ...error, context: error.context });
      if (clean.apiMessage) clean.apiMessage = scrubText(clean.apiMessage, values);
      clean.causes = clean.causes?.map((c) => ({ ...c, message: c.message && scrubText(c.message, values) }));
      throw clean;
    }
  };
}

/** String leaves of a value (a Secret patch body), long enough to be worth scrubbing, decoded too when base64. */
export function stringLeaves(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length >= 3) {
      out.push(v);
      const decoded = Buffer.from(v, 'base64').toString('utf8');
      if (decoded.length >= 3 && Buffer.from(decoded).toString('base64') === v) out.push(decoded);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out.sort((a, b) => b.length - a.length);
}
