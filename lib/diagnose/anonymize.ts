/**
 * Reversible masking of a DiagnosisResult before it goes to a model: namespaces, object and container names,
 * images, hosts and IPs become `ns-1`, `deploy-3`, `image-2`, `host-1`, `ip-4` — consistently, in every field and
 * inside event, log and message text (k8sgpt leaves event text unmasked). Kinds, reasons, numbers and well-known
 * system names stay, so the model can still reason about the problem. `unmask` turns the model's answer back.
 *
 * Matching is whole-token: an original is replaced only where it is not glued to letters or digits, so "web"
 * masks "web", "web-7d9f" and "web.shop.svc" but not "webhook". Masks are chosen so that none occurs as a token in
 * the original text, which makes the replacement exactly reversible: replacing tokens never glues characters
 * together, so every mask token in the output came from a replacement.
 */
import type { DiagnosisResult } from './types';

export interface MaskEntry {
  original: string;
  masked: string;
  /** what it stood for: namespace, a kind's prefix (deploy, svc, …), container, image, host, ip */
  type: string;
}

/** JSON-serialisable, so it can travel between workflow steps next to the masked result. */
export interface AnonymizeMapping {
  entries: MaskEntry[];
}

export interface AnonymizeOptions {
  /** names never masked in addition to the built-in well-known ones */
  keep?: string[];
}

const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'default'];
const WELL_KNOWN = new Set([
  ...SYSTEM_NAMESPACES,
  'kubernetes',
  'kube-dns',
  'coredns',
  'kube-proxy',
  'kube-root-ca.crt',
  'metrics-server',
  'localhost',
  'cluster.local',
]);
/** Public registries and Kubernetes domains say nothing about the user. */
const WELL_KNOWN_DOMAINS =
  /(^|\.)(kube-aiops\.io|kubernetes\.io|k8s\.io|x-k8s\.io|cluster\.local|docker\.io|docker\.com|gcr\.io|ghcr\.io|quay\.io|googleapis\.com|amazonaws\.com|azurecr\.io)$/;
const KEEP_IPS = new Set(['0.0.0.0', '127.0.0.1']);

const PREFIX: Record<string, string> = {
  Namespace: 'ns',
  Deployment: 'deploy',
  ReplicaSet: 'rs',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  Job: 'job',
  CronJob: 'cronjob',
  Pod: 'pod',
  Service: 'svc',
  Endpoints: 'svc',
  Ingress: 'ing',
  IngressClass: 'ingclass',
  NetworkPolicy: 'netpol',
  PersistentVolumeClaim: 'pvc',
  PersistentVolume: 'pv',
  StorageClass: 'sc',
  ConfigMap: 'cm',
  Secret: 'secret',
  ServiceAccount: 'sa',
  HorizontalPodAutoscaler: 'hpa',
  PodDisruptionBudget: 'pdb',
  ResourceQuota: 'quota',
  Node: 'node',
  ValidatingWebhookConfiguration: 'webhook',
  MutatingWebhookConfiguration: 'webhook',
};

/** Every mask prefix. An object literally named like one ("ns", "pod") still shows up inside masks as a word. */
export const MASK_TYPES: readonly string[] = [
  ...new Set([...Object.values(PREFIX), 'obj', 'container', 'image', 'host', 'ip']),
];

/** Fields whose values are vocabulary, not user data. */
const STRUCTURAL_KEYS = new Set(['severity', 'analyzer', 'kind', 'reason', 'source', 'generatedAt', 'code']);

const IPV4 = /(?<![\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d]|\.\d)/g;
const URL_HOST = /\b[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s"']*@)?([a-z0-9][a-z0-9.-]*[a-z0-9])/gi;
const FQDN =
  /(?<![\w.-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|io|dev|app|cloud|cn|local|internal|corp|lan|example|info|biz|co|us|eu|de|uk|jp|ai|tech|site|online))(?![\w-])/gi;
const SVC_HOST = /(?<![\w.-])([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.svc\b/g;
const IMAGE_QUOTED = /\bimage[:=]?\s+"([^"\s]+)"/gi;
const IMAGE_BARE = /\bimage[:=]\s*([a-z0-9][\w./-]*(?::[\w.-]+)?(?:@sha256:[a-f0-9]{64})?)/gi;
const IMAGE_REF =
  /(?<![\w./:-])((?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9._-]+(?:\/[a-z0-9._-]+)+(?::[\w.-]+|@sha256:[a-f0-9]{64}))(?![\w/])/gi;
/** "container web:", "container=web", 'container "web"', "container web exits|is|logs…" — not "container often". */
const CONTAINER_REFS = [
  /\bcontainer[= ]"?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)"?(?=[,:;)}\]"]|$|\s(?:is|was|has|exits|exited|logs|fails|failed|ready|may|runs|uses|adds|allows|checks|keeps|cannot|last|restarted|terminated|in pod)\b)/g,
  /\{([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\}/g,
  /unready status: \[([^\]]+)\]/g,
];
/** English words that follow "container " in messages and are not names. */
const NOT_CONTAINER = new Set([
  'is',
  'in',
  'of',
  'and',
  'the',
  'has',
  'was',
  'with',
  'exits',
  'exited',
  'cannot',
  'can',
  'logs',
  'runtime',
  'image',
  'failed',
  'restarts',
  'started',
  'may',
  'runs',
  'adds',
  'allows',
  'uses',
  'checks',
  'never',
  'will',
  'to',
  'that',
  'which',
  'ports',
  'port',
  'name',
  'names',
  'state',
  'status',
  'killed',
  'creating',
  'crashed',
  'keeps',
  'a',
  'an',
]);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regex over many literals, longest first, matched only as whole tokens. */
function tokenRegex(words: string[]): RegExp | undefined {
  if (!words.length) return undefined;
  const alt = [...words]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(escapeRe)
    .join('|');
  return new RegExp(`(?<![A-Za-z0-9_])(?:${alt})(?![A-Za-z0-9_])`, 'g');
}

function apply(text: string, re: RegExp | undefined, table: Map<string, string>): string {
  if (!re) return text;
  return text.replace(re, (m) => table.get(m) ?? m);
}

/** Every string in a value, for collision checks. */
function allStrings(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => allStrings(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      allStrings(x, out);
    }
}

/** Strings from free text (messages, facts, evidence, commands, warnings), where hosts and images hide. */
function freeTexts(v: unknown, out: string[], key = ''): void {
  if (typeof v === 'string') {
    if (!STRUCTURAL_KEYS.has(key)) out.push(v);
  } else if (Array.isArray(v)) v.forEach((x) => freeTexts(x, out, key));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) freeTexts(x, out, k);
}

/** Everything in the original that looks like a mask ("ns-1") as a whole token; a mask must be none of these. */
function maskLikeTokens(corpus: string): Set<string> {
  return new Set([...corpus.matchAll(/(?<![A-Za-z0-9_])[a-z]+-\d+(?![A-Za-z0-9_])/g)].map((m) => m[0]));
}

class Masker {
  readonly table = new Map<string, string>();
  readonly entries: MaskEntry[] = [];
  private readonly counters = new Map<string, number>();
  private readonly taken: Set<string>;

  constructor(
    corpus: string,
    private readonly keep: Set<string>,
  ) {
    this.taken = maskLikeTokens(corpus);
  }

  add(original: string | undefined, type: string): void {
    if (!original || original.length < 2 || this.table.has(original) || this.keep.has(original)) return;
    // Numbers stay numbers; a name that is only digits would also clobber counts and ports.
    if (/^[\d.]+$/.test(original) && type !== 'ip') return;
    let n = this.counters.get(type) ?? 0;
    let masked: string;
    do {
      n++;
      masked = `${type}-${n}`;
    } while (this.taken.has(masked));
    this.counters.set(type, n);
    this.table.set(original, masked);
    this.entries.push({ original, masked, type });
  }
}

function collectNames(result: DiagnosisResult, m: Masker): void {
  const ref = (r: { kind: string; namespace?: string; name: string } | undefined): void => {
    if (!r) return;
    m.add(r.namespace, 'ns');
    m.add(r.name, r.kind === 'Namespace' ? 'ns' : (PREFIX[r.kind] ?? 'obj'));
  };
  for (const ns of Object.keys(result.namespaces)) m.add(ns, 'ns');
  m.add(result.scope.namespace, 'ns');
  ref(result.scope.resource);
  for (const f of result.findings) {
    ref({ kind: f.kind, namespace: f.namespace, name: f.name });
    ref(f.owner);
    ref(f.rootCause?.object);
    for (const e of f.evidence) ref(e.object);
    for (const r of f.related ?? []) ref(r);
  }
  for (const u of result.usage ?? []) {
    m.add(u.namespace, 'ns');
    m.add(u.pod, 'pod');
    m.add(u.container, 'container');
  }
}

function collectFromText(texts: string[], m: Masker): void {
  for (const t of texts) {
    for (const x of t.matchAll(SVC_HOST)) {
      m.add(x[2], 'ns');
      m.add(x[1], 'svc');
    }
  }
  for (const t of texts) {
    for (const re of [IMAGE_QUOTED, IMAGE_BARE, IMAGE_REF])
      for (const x of t.matchAll(re)) if (!WELL_KNOWN_DOMAINS.test(x[1].split('/')[0])) m.add(x[1], 'image');
  }
  for (const t of texts) {
    for (const re of [URL_HOST, FQDN]) {
      for (const x of t.matchAll(re)) {
        const host = x[1];
        if (/\.svc(\.|$)/.test(host) || WELL_KNOWN_DOMAINS.test(host) || /^[\d.]+$/.test(host)) continue;
        m.add(host, 'host');
      }
    }
    for (const re of CONTAINER_REFS) {
      for (const x of t.matchAll(re)) {
        for (const name of x[1].split(/[\s,]+/)) if (name && !NOT_CONTAINER.has(name)) m.add(name, 'container');
      }
    }
  }
  for (const t of texts) for (const x of t.matchAll(IPV4)) if (!KEEP_IPS.has(x[0])) m.add(x[0], 'ip');
}

function mapStrings<T>(v: T, fn: (s: string) => string, key = ''): T {
  if (typeof v === 'string') return (STRUCTURAL_KEYS.has(key) ? v : fn(v)) as T;
  if (Array.isArray(v)) return (v as unknown[]).map((x) => mapStrings(x, fn, key)) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    // Keys of `namespaces` are namespace names; keys elsewhere (stats) are vocabulary.
    for (const [k, x] of Object.entries(v)) out[key === 'namespaces' ? fn(k) : k] = mapStrings(x, fn, k);
    return out as T;
  }
  return v;
}

/** Masks a result; returns the masked copy and the mapping that reverses it. The input is not modified. */
export function anonymize(
  result: DiagnosisResult,
  opts: AnonymizeOptions = {},
): { result: DiagnosisResult; mapping: AnonymizeMapping } {
  const corpus: string[] = [];
  allStrings(result, corpus);
  const m = new Masker(corpus.join('\n'), new Set([...WELL_KNOWN, ...(opts.keep ?? [])]));
  collectNames(result, m);
  const texts: string[] = [];
  freeTexts(result, texts);
  collectFromText(texts, m);
  const re = tokenRegex([...m.table.keys()]);
  const masked = mapStrings(result, (s) => apply(s, re, m.table));
  return { result: masked, mapping: { entries: m.entries } };
}

/** Masks more text (a follow-up question) with an existing mapping. */
export function maskText(text: string, mapping: AnonymizeMapping): string {
  const table = new Map(mapping.entries.map((e) => [e.original, e.masked]));
  return apply(text, tokenRegex([...table.keys()]), table);
}

/** Puts the originals back into text that uses the masks (the model's answer). */
export function unmask(text: string, mapping: AnonymizeMapping): string {
  const table = new Map(mapping.entries.map((e) => [e.masked, e.original]));
  return apply(text, tokenRegex([...table.keys()]), table);
}

/** The original result back from a masked one. */
export function unmaskResult(result: DiagnosisResult, mapping: AnonymizeMapping): DiagnosisResult {
  const table = new Map(mapping.entries.map((e) => [e.masked, e.original]));
  const re = tokenRegex([...table.keys()]);
  return mapStrings(result, (s) => apply(s, re, table));
}
