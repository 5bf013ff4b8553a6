/**
 * Secret values never leave lib/kube. `redact` returns a deep copy in which Secret `data`/`stringData`, secrets
 * inside last-applied-configuration annotations, literal env values (and ConfigMap entries) whose name looks like a
 * credential are replaced by `<redacted: N bytes>`, and every other string passes `redactText`: credentials inside
 * text (URL userinfo, `password=…`, `"token":"…"`, `Bearer …`). Every object lib/kube returns passes here; text
 * that never was an object (logs, messages, log lines of our own) passes `redactText` at the edge that emits it.
 */

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SENSITIVE_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PW',
  'PASS',
  'PASSPHRASE',
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
// bounded quantifiers: a hostile line costs linear time
// and every pattern starts only where a word starts, so a long run of letters is scanned once
const URL_CREDENTIALS = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/[^:/@\s]{0,256}:)([^@\s/]{1,1024})(@)/gi;
const AUTH_SCHEME = /(?<![A-Za-z0-9])(Bearer|Basic|Token)([ \t]+)([A-Za-z0-9\-._~+/]{6,4096}=*)/g;
/** `key=value`, `key: value`, `"key":"value"`, `'key': 'value'`; the key decides (see isCredentialKey) */
const PAIR_KEY = /(["']?)([A-Za-z_\-][A-Za-z0-9_.\-]{0,127})\1([ \t]{0,3}[=:][ \t]{0,3})/y;
const PAIR_VALUE = /"[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s"',;&(){}[\]<]{1,4096}/y;
const PAIR_START = /(?<![A-Za-z0-9_.\-])["']?[A-Za-z_\-]/g;
/** components of a key that name a credential (`MYSQL_ROOT_PW`, `db.password`, `apiKey`, `x-auth-token`) */
const CREDENTIAL_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pw',
  'pass',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'auth',
  'authorization',
  'bearer',
  'dsn',
]);
const CREDENTIAL_PAIRS = new Set([
  'api key',
  'access key',
  'private key',
  'secret key',
  'client secret',
  'session key',
]);
/** a cheap first look: every credential key holds one of these */
const MAYBE_CREDENTIAL = /pw|pass|secret|token|key|cred|auth|bearer|dsn/i;
const CREDENTIAL_SUBSTRING = /password|passwd|secret|apikey|credential|privatekey|accesskey/;
/**
 * Everything redactText hides needs one of these in the text (a URL's `://`, an auth scheme, a word that
 * MAYBE_CREDENTIAL accepts in a key), so text without any is returned at the cost of one scan: most strings of a
 * listed object are names, labels and timestamps, and a 10k-pod diagnosis reads about a million of them.
 */
const MAYBE_SECRET_TEXT =
  /:\/\/|pw|pass|secret|token|key|cred|auth|bearer|basic|dsn|eyJ|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox|_live_|_test_|AIza|sk-|[密口秘私令凭授：]/i;
/*
 * Pairs that redactPairs does not parse but logs and alert text written in China often hold: Chinese keys and the
 * full-width colon (密码：…, password：…), and a `--password value` flag with a blank instead of `=`. Bounded
 * quantifiers keep them linear.
 */
const CJK_PAIR =
  /(密码|口令|密钥|秘钥|私钥|令牌|凭证|凭据|授权码)([ \t]{0,3}[:：=][ \t]{0,3})([^\s，,。；;、）)"'<]{1,4096})/g;
const FULLWIDTH_PAIR =
  /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]{0,127})([ \t]{0,3}：[ \t]{0,3})([^\s，,。；;、）)"'<]{1,4096})/g;
const FLAG_VALUE = /(?<!\S)(--?[A-Za-z][A-Za-z0-9-]{0,63})([ \t]{1,3})([^\s"'<-][^\s"'<]{0,4095})/g;
const MAYBE_LOOSE_PAIR = /[密口秘私令凭授：]|(?<!\S)--?[A-Za-z]/;
/**
 * Tokens that say what they are by their prefix, printed bare (an env dump, a config echoed at start, a CI log):
 * AWS access key ids, GitHub, GitLab and Slack tokens, Stripe and Google API keys, OpenAI/Anthropic-style `sk-` keys.
 * Bounded classes that start at a fixed prefix: linear on hostile input.
 */
const PREFIXED_TOKEN =
  /(?<![A-Za-z0-9_-])(?:(?:AKIA|ASIA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255}|glpat-[A-Za-z0-9_-]{20,255}|xox[abposr]-[A-Za-z0-9-]{10,255}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,255}|AIza[0-9A-Za-z_-]{35}|sk-[A-Za-z0-9_-]{32,255})/g;
/** a short word that is one of the tokens above, or a JWT, is not a plain word */
const TOKEN_START = /^(?:eyJ|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|[sr]k_(?:live|test)_|AIza|sk-)/;
/**
 * A JSON Web Token — what a ServiceAccount token, an OIDC id_token and most API tokens are — printed bare (a pod
 * that cats its token, an event quoting a header): three base64url parts, the first a JSON header (`{"` is `eyJ`).
 * No character class holds ".", so a hostile line costs linear time.
 */
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,16384}\.[A-Za-z0-9_-]{0,8192}/g;
/** The markers of a PEM private key block (RSA, EC, OPENSSH, ENCRYPTED, PKCS#8): the markers stay, the key goes. */
const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/g;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----/y;

export function redacted(bytes: number): string {
  return `<redacted: ${bytes} bytes>`;
}

export function redact<T>(value: T): T {
  return walk(value, false) as T;
}

/**
 * `redact` without the copy, for objects nobody else holds (a page just parsed from the wire): a 10k-pod list then
 * costs no second tree to collect. Returns its argument.
 */
export function redactInPlace<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) redactArrayInPlace(value, false);
  else if (isRecord(value)) redactRecordInPlace(value, false);
  return value;
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

/** Whether a key in `key=value` text names a credential: `DB_PASSWORD`, `mysqlRootPw`, `api_key`, `x-auth-token`. */
export function isCredentialKey(raw: string): boolean {
  if (!MAYBE_CREDENTIAL.test(raw)) return false;
  // `-Dkey=value` is a JVM system property, `--key=value` a flag
  const key = raw.replace(/^-D(?=[A-Za-z])/, '').replace(/^-+/, '');
  const lower = key.toLowerCase();
  if (CREDENTIAL_SUBSTRING.test(lower.replace(/[_.\-]/g, ''))) return true;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((w) => CREDENTIAL_WORDS.has(w))) return true;
  return words.some((w, i) => i > 0 && CREDENTIAL_PAIRS.has(`${words[i - 1]} ${w}`));
}

/**
 * A short string without `:`, `=`, space or tab (a name, uid, label value, quantity) holds none of the shapes
 * redactText hides: a URL needs `:`, a pair `=` or `:`, an auth scheme a blank before its token. A big cluster's
 * lists hold about a million such strings; one character-class search (65306, U+FF1A, is the full-width colon of
 * 密码：…) costs less on them than a loop over their characters in JavaScript (measured: 25 vs 34 ms per million).
 */
const NOT_PLAIN = /[:= \t\uFF1A]/;
function plainWord(text: string): boolean {
  return text.length <= 64 && !NOT_PLAIN.test(text);
}

/**
 * Credentials inside free text — log lines, event and status messages, annotations, env literals, alert text —
 * replaced by `<redacted: N bytes>`, keeping the rest of the line ("password authentication failed for user admin"
 * has no value to hide and stays as it is). Idempotent, and linear in the length of the text.
 */
/**
 * An RFC 3339 time (`2026-11-24T05:20:00Z`, with fraction or offset) holds nothing to hide; it has `:`, so plainWord
 * lets it through, and a big cluster's lists hold one for every condition, container state and event.
 */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;
function isTimestamp(text: string): boolean {
  return text.length >= 20 && text.length <= 35 && text.charCodeAt(10) === 84 && TIMESTAMP.test(text);
}

export function redactText(text: string): string {
  if (typeof text !== 'string' || text.length === 0 || isTimestamp(text)) return text;
  if ((plainWord(text) && !(text.length >= 20 && TOKEN_START.test(text))) || !MAYBE_SECRET_TEXT.test(text)) return text;
  let out = text.includes('@') ? redactUrlCredentials(text) : text;
  out = out.replace(PREFIXED_TOKEN, (token: string) => redacted(Buffer.byteLength(token)));
  if (out.includes('eyJ')) out = out.replace(JWT, (token: string) => redacted(Buffer.byteLength(token)));
  if (out.includes('PRIVATE KEY-----')) out = redactPrivateKeys(out);
  if (/bearer|basic|token/i.test(out))
    out = out.replace(
      AUTH_SCHEME,
      (_m, scheme: string, space: string, value: string) => `${scheme}${space}${redacted(Buffer.byteLength(value))}`,
    );
  if (MAYBE_LOOSE_PAIR.test(out)) out = redactLoosePairs(out);
  if (!/[=:]/.test(out)) return out;
  return redactPairs(out);
}

function redactLoosePairs(text: string): string {
  const hide = (key: string, sep: string, value: string): string => `${key}${sep}${redacted(Buffer.byteLength(value))}`;
  let out = text.replace(CJK_PAIR, (_m, key: string, sep: string, value: string) => hide(key, sep, value));
  out = out.replace(FULLWIDTH_PAIR, (m, key: string, sep: string, value: string) =>
    isCredentialKey(key) ? hide(key, sep, value) : m,
  );
  return out.replace(FLAG_VALUE, (m, flag: string, sep: string, value: string) =>
    isCredentialKey(flag) ? hide(flag, sep, value) : m,
  );
}

/**
 * PEM private keys inside text. Exported for logs, which are redacted line by line: a key's body spans many lines, so
 * the whole log passes here first.
 */
export function redactPrivateKeys(text: string): string {
  if (!text.includes('PRIVATE KEY-----')) return text;
  let out = '';
  let copied = 0;
  PEM_BEGIN.lastIndex = 0;
  // each marker is found by indexOf from where the last block ended, so the scan is linear whatever the text holds
  for (let begin = PEM_BEGIN.exec(text); begin; begin = PEM_BEGIN.exec(text)) {
    const bodyAt = begin.index + begin[0].length;
    let endAt = text.indexOf('-----END ', bodyAt);
    while (endAt !== -1) {
      PEM_END.lastIndex = endAt;
      if (PEM_END.test(text)) break;
      endAt = text.indexOf('-----END ', endAt + 1);
    }
    // a block cut short (a truncated log) hides everything after its marker
    const stop = endAt === -1 ? text.length : endAt;
    const body = text.slice(bodyAt, stop).trim();
    // already redacted: left as it is, so redaction stays idempotent
    out += `${text.slice(copied, bodyAt)}${body.startsWith('<redacted') ? body : redacted(Buffer.byteLength(body))}`;
    copied = stop;
    PEM_BEGIN.lastIndex = stop;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * One left-to-right pass: at each word start, a `key<sep>value` whose key names a credential has its value replaced;
 * any other key is stepped over up to its separator, so its value is still looked at as a possible key
 * ("loaded: password=x").
 */
function redactPairs(text: string): string {
  let out = '';
  let copied = 0;
  PAIR_START.lastIndex = 0;
  for (let start = PAIR_START.exec(text); start; start = PAIR_START.exec(text)) {
    PAIR_KEY.lastIndex = start.index;
    const m = PAIR_KEY.exec(text);
    if (!m) continue;
    const [head, quote, key] = m;
    const valueAt = start.index + head.length;
    PAIR_START.lastIndex = valueAt;
    if (!isCredentialKey(key)) continue;
    PAIR_VALUE.lastIndex = valueAt;
    const v = PAIR_VALUE.exec(text);
    if (!v) continue;
    const value = v[0];
    PAIR_START.lastIndex = valueAt + value.length;
    const quoted = value.length >= 2 && (value[0] === '"' || value[0] === "'") ? value[0] : '';
    // `"key": 3`, `"key": true`, `"key": {`: JSON text whose value is no string holds no credential text
    if (quote && !quoted) continue;
    const inner = quoted ? value.slice(1, -1) : value;
    if (inner === '' || inner.startsWith('<redacted') || quote === undefined) continue;
    out += `${text.slice(copied, valueAt)}${quoted}${redacted(Buffer.byteLength(inner))}${quoted}`;
    copied = valueAt + value.length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function walk(value: unknown, parentIsSecretList: boolean, inPlace = false): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) {
    if (!inPlace) return value.map((v) => walk(v, parentIsSecretList));
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as unknown;
      const next = walk(v, parentIsSecretList, true);
      if (next !== v) value[i] = next;
    }
    return value;
  }
  if (!isRecord(value)) return value;
  const isSecret = value.kind === 'Secret' || (parentIsSecretList && value.kind === undefined && 'data' in value);
  const out: Record<string, unknown> = inPlace ? value : {};
  for (const key in value) {
    // a page parsed from JSON has no inherited keys; objects handed in to copy might
    if (!inPlace && !Object.hasOwn(value, key)) continue;
    const child = value[key];
    let next: unknown;
    if (isSecret && key === 'data' && isRecord(child)) {
      next = mapValues(child, (v) => redacted(typeof v === 'string' ? Buffer.from(v, 'base64').length : 0));
    } else if (isSecret && key === 'stringData' && isRecord(child)) {
      next = mapValues(child, (v) => redacted(typeof v === 'string' ? Buffer.byteLength(v) : 0));
    } else if (value.kind === 'ConfigMap' && (key === 'data' || key === 'binaryData') && isRecord(child)) {
      next = mapValues(child, (v, k) =>
        typeof v === 'string' && isSensitiveName(k) && v !== '' ? redacted(Buffer.byteLength(v)) : walk(v, false),
      );
    } else if (typeof child === 'string' && child !== '' && isCredentialField(key)) {
      next = hideField(child);
    } else if (key === 'env' && Array.isArray(child)) {
      next = child.map(redactEnvVar);
    } else if ((key === 'args' || key === 'command') && Array.isArray(child)) {
      next = redactArgv(child.map((v) => walk(v, false)));
    } else if (key === 'annotations' && isRecord(child)) {
      next = mapValues(child, redactAnnotation);
    } else if (key === 'items' && Array.isArray(child)) {
      const secretList = value.kind === 'SecretList' || parentIsSecretList;
      next = inPlace ? walk(child, secretList, true) : child.map((item) => walk(item, secretList));
    } else {
      next = walk(child, false, inPlace);
    }
    // in place, an unchanged value is not written back: most are, and a store per key costs as much as the walk
    if (!inPlace || next !== child) out[key] = next;
  }
  return out;
}

/*
 * The in-place walk is `walk` specialised for parsed JSON: a diagnosis of a big cluster sends about a million
 * strings through it. Strings are tested where they are found, and only the few keys redaction treats specially
 * (data, stringData, env, annotations, items) are compared, and only when their value is an object or array.
 * `walk` stays the reference; test/kube/redact-in-place.test.ts checks that both agree.
 */
function redactRecordInPlace(value: Record<string, unknown>, parentIsSecretList: boolean): void {
  const kind = value.kind;
  const isSecret = kind === 'Secret' || (parentIsSecretList && kind === undefined && 'data' in value);
  for (const key in value) {
    const child = value[key];
    if (typeof child === 'string') {
      if (child.length === 0) continue;
      const next = isCredentialField(key) ? hideField(child) : redactText(child);
      if (next !== child) value[key] = next;
    } else if (typeof child !== 'object' || child === null) {
      continue;
    } else if (Array.isArray(child)) {
      if (key === 'env') redactEnvInPlace(child);
      else if (key === 'args' || key === 'command') {
        redactArrayInPlace(child, false);
        redactArgv(child, true);
      } else redactArrayInPlace(child, key === 'items' && (kind === 'SecretList' || parentIsSecretList));
    } else if (child instanceof Date) {
      continue;
    } else if (key === 'data' && isSecret) {
      value[key] = mapValues(child as Record<string, unknown>, (v) =>
        redacted(typeof v === 'string' ? Buffer.from(v, 'base64').length : 0),
      );
    } else if (key === 'stringData' && isSecret) {
      value[key] = mapValues(child as Record<string, unknown>, (v) =>
        redacted(typeof v === 'string' ? Buffer.byteLength(v) : 0),
      );
    } else if ((key === 'data' || key === 'binaryData') && kind === 'ConfigMap') {
      const data = child as Record<string, unknown>;
      for (const k in data) {
        const v = data[k];
        const next =
          typeof v === 'string' && v !== '' && isSensitiveName(k) ? redacted(Buffer.byteLength(v)) : walk(v, false);
        if (next !== v) data[k] = next;
      }
    } else if (key === 'annotations') {
      const annotations = child as Record<string, unknown>;
      for (const k in annotations) {
        const v = annotations[k];
        const next = redactAnnotation(v, k);
        if (next !== v) annotations[k] = next;
      }
    } else {
      redactRecordInPlace(child as Record<string, unknown>, false);
    }
  }
}

/**
 * A field of any object (a custom resource's `spec.rootPassword`, `auth.token`, `clientSecret`) whose name says it
 * holds a credential, as the text of a YAML dump judges it — but not the fields that only name or point at one
 * (`secretName`, `tokenSecretRef`, `passwordFile`, `authMode`): those are how diagnoses find a missing Secret.
 * Keys repeat across a big list, so each is judged once.
 */
const REFERENCE_SUFFIX =
  /(Name|Names|Namespace|Ref|Refs|File|Path|Mode|Type|Kind|Policy|Seconds|TTL|Ttl|Enabled|Version|Url|URL|Endpoint|Issuer|Audience|Audiences|Format|Provider|Method|Field|Header)$/;
const credentialFields = new Map<string, boolean>();

export function isCredentialField(key: string): boolean {
  let known = credentialFields.get(key);
  if (known === undefined) {
    known = key.length <= 128 && isCredentialKey(key) && !REFERENCE_SUFFIX.test(key);
    if (credentialFields.size < 10_000) credentialFields.set(key, known);
  }
  return known;
}

function hideField(value: string): string {
  return value.startsWith('<redacted') ? value : redacted(Buffer.byteLength(value));
}

/**
 * A command line split into words (`args: ["--db-password", "hunter2"]`): the word after a flag that names a
 * credential is its value, which no single word shows (`--password=x` in one word is redactText's).
 */
const FLAG_REFERENCE = /[-_.](name|names|namespace|ref|file|path|dir|mode|type|kind|url|ttl|duration|expiry)$/i;

function redactArgv(argv: unknown[], inPlace = false): unknown[] {
  const out = inPlace ? argv : [...argv];
  for (let i = 0; i + 1 < out.length; i++) {
    const flag = out[i];
    const value = out[i + 1];
    if (typeof flag !== 'string' || typeof value !== 'string' || value === '' || value.startsWith('-')) continue;
    if (!flag.startsWith('-') || flag.includes('=') || flag.length > 128 || !isCredentialKey(flag)) continue;
    // `--secret-name db`, `--token-file /t`: the flag points at a credential, its value is no secret
    if (FLAG_REFERENCE.test(flag)) continue;
    out[i + 1] = hideField(value);
    i += 1;
  }
  return out;
}

function redactArrayInPlace(arr: unknown[], parentIsSecretList: boolean): void {
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v === 'string') {
      const next = redactText(v);
      if (next !== v) arr[i] = next;
    } else if (Array.isArray(v)) redactArrayInPlace(v, parentIsSecretList);
    else if (isRecord(v)) redactRecordInPlace(v, parentIsSecretList);
  }
}

function redactEnvInPlace(env: unknown[]): void {
  for (const item of env) {
    if (!isRecord(item)) continue;
    const { name, value } = item;
    redactRecordInPlace(item, false);
    if (typeof value === 'string' && value !== '' && typeof name === 'string' && isSensitiveName(name))
      item.value = redacted(Buffer.byteLength(value));
  }
}

function redactEnvVar(item: unknown): unknown {
  if (!isRecord(item)) return item;
  const copy = walk(item, false) as Record<string, unknown>;
  if (
    typeof item.value === 'string' &&
    item.value !== '' &&
    typeof item.name === 'string' &&
    isSensitiveName(item.name)
  )
    copy.value = redacted(Buffer.byteLength(item.value));
  return copy;
}

/**
 * An annotation value: the last-applied copy redacted as an object; a value under a key whose name part names a
 * credential (`example.com/db-password`, `openshift.io/token-secret.value`) hidden whole, as the text of a YAML
 * dump would have it, since a bare or base64 value has no shape redactText could see; anything else as text.
 */
function redactAnnotation(v: unknown, k: string): unknown {
  if (typeof v !== 'string') return walk(v, false);
  if (k === LAST_APPLIED) return redactLastApplied(v);
  if (v !== '' && !v.startsWith('<redacted') && isCredentialKey(k.slice(k.lastIndexOf('/') + 1)))
    return redacted(Buffer.byteLength(v));
  return redactText(v);
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

/**
 * The values `redact` hides in an object (Secret data, decoded too; credential env values; the same inside a
 * last-applied annotation), to check that a write does not move one into a field reads show.
 */
export function hiddenValues(obj: unknown): string[] {
  const out = new Set<string>();
  collectHidden(obj, redact(obj), out);
  return [...out].filter((v) => v.length >= 4);
}

function collectHidden(original: unknown, shown: unknown, out: Set<string>): void {
  if (typeof original === 'string') {
    if (original === shown) return;
    try {
      const parsed: unknown = JSON.parse(original);
      if (isRecord(parsed) || Array.isArray(parsed)) {
        collectHidden(parsed, walk(parsed, false), out);
        return;
      }
    } catch {
      // not JSON: the string itself is what is hidden
    }
    out.add(original);
    const decoded = Buffer.from(original, 'base64').toString('utf8');
    if (Buffer.from(decoded).toString('base64').replace(/=+$/, '') === original.replace(/=+$/, '')) out.add(decoded);
    return;
  }
  if (Array.isArray(original)) {
    original.forEach((v, i) => collectHidden(v, Array.isArray(shown) ? shown[i] : undefined, out));
    return;
  }
  if (!isRecord(original)) return;
  for (const [k, v] of Object.entries(original)) collectHidden(v, isRecord(shown) ? shown[k] : undefined, out);
}

/**
 * Every string of a value through `redactText` (keys untouched), for the edges that emit data built from cluster
 * text: tool results, node items, messages, log and audit lines.
 */
export function redactStrings<T>(value: T): T {
  return mapStrings(value, 0) as T;
}

function mapStrings(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, depth + 1));
  if (!isRecord(value) || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, depth + 1);
  return out;
}
