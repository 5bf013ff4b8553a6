/**
 * The compact before/after of a write: only changed fields, keyed by a readable path
 * (`spec.template.spec.containers[app].image`). A subtree that appears or disappears as a whole is one entry.
 * Bookkeeping the server changes on every write (resourceVersion, generation, managedFields, status) is ignored.
 */

export interface FieldChanges {
  /** values before the write, for changed paths that existed */
  before: Record<string, unknown>;
  /** values after the write, for changed paths that exist now */
  after: Record<string, unknown>;
}

const IGNORED_METADATA = new Set([
  'resourceVersion',
  'generation',
  'managedFields',
  'uid',
  'creationTimestamp',
  'selfLink',
]);
const IGNORED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const DEFAULT_MAX_PATHS = 40;

export function diffObjects(before: unknown, after: unknown, opts: { maxPaths?: number } = {}): FieldChanges {
  const changes: FieldChanges = { before: {}, after: {} };
  const paths: string[] = [];
  compare(stripNoise(before), stripNoise(after), '', changes, paths);
  const max = opts.maxPaths ?? DEFAULT_MAX_PATHS;
  if (paths.length > max) {
    for (const path of paths.slice(max)) {
      delete changes.before[path];
      delete changes.after[path];
    }
    changes.after['…'] = `${paths.length - max} more changed fields`;
  }
  return changes;
}

export function hasChanges(changes: FieldChanges): boolean {
  return Object.keys(changes.before).length > 0 || Object.keys(changes.after).length > 0;
}

function compare(a: unknown, b: unknown, path: string, out: FieldChanges, paths: string[]): void {
  if (deepEqual(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    for (const key of unionKeys(a, b)) compare(a[key], b[key], join(path, key), out, paths);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyed = namedKeys(a) && namedKeys(b);
    if (keyed) {
      const left = byName(a);
      const right = byName(b);
      for (const name of unionKeys(left, right)) compare(left[name], right[name], `${path}[${name}]`, out, paths);
      return;
    }
    if (a.length === b.length) {
      a.forEach((item, i) => compare(item, b[i], `${path}[${i}]`, out, paths));
      return;
    }
  }
  const at = path || '(object)';
  paths.push(at);
  if (a !== undefined) out.before[at] = a;
  if (b !== undefined) out.after[at] = b;
}

function stripNoise(obj: unknown): unknown {
  if (!isRecord(obj)) return obj;
  const copy: Record<string, unknown> = { ...obj };
  delete copy.status;
  if (isRecord(copy.metadata)) {
    const metadata: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(copy.metadata)) if (!IGNORED_METADATA.has(k)) metadata[k] = v;
    if (isRecord(metadata.annotations)) {
      const annotations: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(metadata.annotations)) if (!IGNORED_ANNOTATIONS.has(k)) annotations[k] = v;
      metadata.annotations = annotations;
    }
    copy.metadata = metadata;
  }
  return copy;
}

function join(path: string, key: string): string {
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (!path) return safe;
  return safe.startsWith('"') ? `${path}[${safe}]` : `${path}.${safe}`;
}

function namedKeys(items: unknown[]): boolean {
  if (items.length === 0) return true;
  const names = items.map((i) => (isRecord(i) && typeof i.name === 'string' ? i.name : undefined));
  return names.every((n) => n !== undefined) && new Set(names).size === names.length;
}

function byName(items: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) out[(item as { name: string }).name] = item;
  return out;
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
