/**
 * Secret values never leave lib/kube. `redact` returns a deep copy in which Secret `data`/`stringData`, secrets
 * inside last-applied-configuration annotations, literal env values whose name looks like a credential, and
 * passwords embedded in URLs are replaced by `<redacted: N bytes>`. Every object lib/kube returns passes here.
 */

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SENSITIVE_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASS',
  'SECRET',
  'TOKEN',
  'KEY',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'AUTH',
  'PRIVATE',
  'SALT',
  'DSN',
]);
const SENSITIVE_SUBSTRING = /PASSWORD|PASSWD|SECRET|TOKEN|APIKEY|API_KEY|ACCESSKEY|PRIVATEKEY|CREDENTIAL/;
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)([^@\s]+)(@)/gi;

export function redacted(bytes: number): string {
  return `<redacted: ${bytes} bytes>`;
}

export function redact<T>(value: T): T {
  return walk(value, false) as T;
}

/** Whether an environment variable name looks like it holds a credential. */
export function isSensitiveName(name: string): boolean {
  const upper = name.toUpperCase();
  if (SENSITIVE_SUBSTRING.test(upper)) return true;
  return upper.split(/[^A-Z0-9]+/).some((word) => SENSITIVE_WORDS.has(word));
}

/** Hides the password of `scheme://user:password@host` inside free text. */
export function redactUrlCredentials(text: string): string {
  return text.replace(
    URL_CREDENTIALS,
    (_m, head: string, secret: string, at: string) => `${head}${redacted(Buffer.byteLength(secret))}${at}`,
  );
}

function walk(value: unknown, parentIsSecretList: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, parentIsSecretList));
  if (!isRecord(value)) return value;
  const isSecret = value.kind === 'Secret' || (parentIsSecretList && value.kind === undefined && 'data' in value);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (isSecret && key === 'data' && isRecord(child)) {
      out[key] = mapValues(child, (v) => redacted(typeof v === 'string' ? Buffer.from(v, 'base64').length : 0));
    } else if (isSecret && key === 'stringData' && isRecord(child)) {
      out[key] = mapValues(child, (v) => redacted(typeof v === 'string' ? Buffer.byteLength(v) : 0));
    } else if (key === 'env' && Array.isArray(child)) {
      out[key] = child.map(redactEnvVar);
    } else if (key === 'annotations' && isRecord(child)) {
      out[key] = mapValues(child, (v, k) => (k === LAST_APPLIED && typeof v === 'string' ? redactLastApplied(v) : v));
    } else if (key === 'items' && Array.isArray(child)) {
      out[key] = child.map((item) => walk(item, value.kind === 'SecretList' || parentIsSecretList));
    } else {
      out[key] = walk(child, false);
    }
  }
  return out;
}

function redactEnvVar(item: unknown): unknown {
  if (!isRecord(item)) return item;
  const copy = walk(item, false) as Record<string, unknown>;
  if (typeof copy.value === 'string' && copy.value !== '') {
    copy.value =
      typeof copy.name === 'string' && isSensitiveName(copy.name)
        ? redacted(Buffer.byteLength(copy.value))
        : redactUrlCredentials(copy.value);
  }
  return copy;
}

/** The annotation is a JSON copy of what was applied: redact it like any object, keep it readable if we can. */
function redactLastApplied(text: string): string {
  try {
    return JSON.stringify(walk(JSON.parse(text), false));
  } catch {
    return redacted(Buffer.byteLength(text));
  }
}

function mapValues(obj: Record<string, unknown>, fn: (v: unknown, k: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = fn(v, k);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The plain values a manifest would write into a Secret, to scrub from error messages that echo them. */
export function secretValuesOf(obj: unknown): string[] {
  if (!isRecord(obj) || obj.kind !== 'Secret') return [];
  const values: string[] = [];
  for (const [key, decode] of [
    ['data', true],
    ['stringData', false],
  ] as const) {
    const map = obj[key];
    if (!isRecord(map)) continue;
    for (const v of Object.values(map)) {
      if (typeof v !== 'string' || v.length < 3) continue;
      values.push(v);
      if (decode) {
        const plain = Buffer.from(v, 'base64').toString('utf8');
        if (plain.length >= 3) values.push(plain);
      }
    }
  }
  return values.sort((a, b) => b.length - a.length);
}

export function scrubText(text: string, values: string[]): string {
  let out = text;
  for (const v of values) out = out.split(v).join(redacted(Buffer.byteLength(v)));
  return out;
}
