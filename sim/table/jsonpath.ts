/**
 * The JSONPath subset CRD additionalPrinterColumns use: `.a.b`, `.a[0]`, `.a[*].b`, `.a[?(@.k=="v")].b`.
 */
import { scalar } from '../model';

type Step =
  | { field: string }
  | { index: number }
  | { all: true }
  | { filter: { path: string[]; value: string; negate: boolean } };

function parse(path: string): Step[] {
  const steps: Step[] = [];
  const re =
    /\.([A-Za-z0-9_\-$]+)|\[(\d+)\]|\[\*\]|\[\?\(@\.([A-Za-z0-9_.\-]+)\s*(==|!=)\s*["']([^"']*)["']\)\]|\['([^']+)'\]/g;
  let m: RegExpExecArray | null;
  const trimmed = path
    .trim()
    .replace(/^\{|\}$/g, '')
    .replace(/^\$/, '');
  while ((m = re.exec(trimmed))) {
    if (m[1] !== undefined) steps.push({ field: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ filter: { path: m[3].split('.'), value: m[5], negate: m[4] === '!=' } });
    else if (m[6] !== undefined) steps.push({ field: m[6] });
    else steps.push({ all: true });
  }
  return steps;
}

function dig(v: unknown, path: string[]): unknown {
  let cur = v;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

/** All values the path selects. */
export function evaluate(obj: unknown, path: string): unknown[] {
  let current: unknown[] = [obj];
  for (const step of parse(path)) {
    const next: unknown[] = [];
    for (const v of current) {
      if ('field' in step) {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const x = (v as Record<string, unknown>)[step.field];
          if (x !== undefined) next.push(x);
        }
      } else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if ('all' in step) {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
        else if (v && typeof v === 'object') next.push(...Object.values(v as Record<string, unknown>));
      } else if (Array.isArray(v)) {
        for (const item of v) {
          const actual = dig(item, step.filter.path);
          const eq = actual !== undefined && scalar(actual) === step.filter.value;
          if (eq !== step.filter.negate) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}
