/**
 * Resolves what a person or a model types — `Deployment`, `deployments`, `deploy`, `apps/v1/Deployment`,
 * `deployment.apps`, `deployments.v1.apps`, a CRD's kind, plural or short name — to one served resource type.
 * A miss refreshes discovery once (a CRD may be new) and then fails with the closest names.
 */
import { discover, type ResourceType } from './discovery';
import { KubeError } from './errors';
import { MAX_LABEL, validateApiVersion, validateKindText } from './names';
import type { KubeConnection } from './connect';

/** A kind as typed, or an apiVersion + kind pair as manifests carry it. */
export type KindInput = string | { apiVersion?: string; kind: string };

interface ParsedKind {
  name: string;
  group?: string;
  version?: string;
}

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

export async function resolveKind(conn: KubeConnection, input: KindInput): Promise<ResourceType> {
  const parsed = parseKind(input);
  const found = known(await discover(conn), parsed) ?? known(await discover(conn, { refresh: true }), parsed);
  if (found) return found;
  throw unknownKindError(await discover(conn), input, parsed);
}

export function parseKind(input: KindInput): ParsedKind {
  if (typeof input !== 'string') {
    const kind = typeof input.kind === 'string' ? input.kind.trim() : '';
    if (!kind) throw new KubeError('no resource kind given', { reason: 'BadInput' });
    validateKindText(kind);
    if (kind.includes('/') || kind.includes('.'))
      throw new KubeError(`kind ${JSON.stringify(kind.slice(0, 80))} in a manifest is a bare Kind such as Deployment`, {
        reason: 'BadInput',
      });
    if (!input.apiVersion) return { name: kind };
    validateApiVersion(String(input.apiVersion));
    const [a, b] = input.apiVersion.split('/');
    return b === undefined ? { name: kind, group: '', version: a } : { name: kind, group: a, version: b };
  }
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text)
    throw new KubeError('no resource kind given; name a kind such as pods or deployments', { reason: 'BadInput' });
  validateKindText(text);
  const slash = text.split('/');
  if (slash.length === 3) return { name: slash[2], group: slash[0] === 'core' ? '' : slash[0], version: slash[1] };
  if (slash.length === 2) {
    return VERSION.test(slash[0])
      ? { name: slash[1], group: '', version: slash[0] }
      : { name: slash[1], group: slash[0] === 'core' ? '' : slash[0] };
  }
  const dot = text.split('.');
  if (dot.length > 1) {
    const [name, second, ...rest] = dot;
    if (VERSION.test(second) && rest.length > 0) return { name, version: second, group: rest.join('.') };
    return { name, group: [second, ...rest].join('.') };
  }
  return { name: text };
}

/**
 * pick's answers per discovered list: a bridge resolves the same few kinds on every call, and each pick filters
 * every served type. Discovery replaces its list when it refreshes, so the answers go with the list they came from.
 */
const picked = new WeakMap<ResourceType[], Map<string, ResourceType | undefined>>();
const MAX_PICKED = 1000;

function known(types: ResourceType[], p: ParsedKind): ResourceType | undefined {
  let answers = picked.get(types);
  if (!answers) picked.set(types, (answers = new Map<string, ResourceType | undefined>()));
  const key = `${p.group ?? '*'}\0${p.version ?? '*'}\0${p.name.toLowerCase()}`;
  if (answers.has(key)) return answers.get(key);
  const found = pick(types, p);
  if (answers.size < MAX_PICKED) answers.set(key, found);
  return found;
}

function pick(types: ResourceType[], p: ParsedKind): ResourceType | undefined {
  const name = p.name.toLowerCase();
  const inScope = types.filter(
    (t) => (p.group === undefined || t.group === p.group) && (p.version === undefined || t.version === p.version),
  );
  // a full name (kind, plural, singular) beats a short name: a CRD's short name must not shadow a built-in kind
  const full = inScope.filter((t) => t.kind.toLowerCase() === name || t.plural === name || t.singular === name);
  const candidates = full.length > 0 ? full : inScope.filter((t) => t.shortNames.some((s) => s.toLowerCase() === name));
  return candidates.find((t) => t.preferred || p.version !== undefined) ?? candidates[0];
}

function namesOf(t: ResourceType): string[] {
  return [t.kind.toLowerCase(), t.plural, t.singular, ...t.shortNames.map((s) => s.toLowerCase())];
}

/** "deployments (Deployment, apps/v1)" */
export function describeType(t: ResourceType): string {
  return `${t.plural} (${t.kind}, ${t.apiVersion})`;
}

function unknownKindError(types: ResourceType[], input: KindInput, p: ParsedKind): KubeError {
  const typed = typeof input === 'string' ? input : `${input.apiVersion ? `${input.apiVersion}/` : ''}${input.kind}`;
  // a right name in a wrong group/version deserves its own sentence
  const sameName = types.filter((t) => namesOf(t).includes(p.name.toLowerCase()));
  if (sameName.length > 0) {
    const served = unique(sameName.map((t) => t.apiVersion));
    return new KubeError(
      `unknown resource kind "${typed}": ${sameName[0].kind} is served only as ${served.join(', ')}; use one of those API versions`,
      { reason: 'UnknownKind' },
    );
  }
  // suggestions cost |typed| × |names|: only for what could be a typo of a real name
  const suggestions = p.name.length <= MAX_LABEL ? closeMatches(types, p.name.toLowerCase()) : [];
  const tail = suggestions.length
    ? `; did you mean: ${suggestions.map(describeType).join(', ')}?`
    : '; the cluster serves no resource with that kind, plural or short name (list the served kinds with api-resources)';
  return new KubeError(`unknown resource kind "${typed}"${tail}`, { reason: 'UnknownKind' });
}

function closeMatches(types: ResourceType[], typed: string): ResourceType[] {
  const scored: { t: ResourceType; score: number }[] = [];
  const seen = new Set<string>();
  for (const t of types) {
    const key = `${t.group}/${t.kind}`;
    if (!t.preferred || seen.has(key)) continue;
    seen.add(key);
    let best = Infinity;
    for (const n of namesOf(t)) {
      const d = editDistance(typed, n);
      const budget = n.length >= 8 ? 3 : n.length >= 4 ? 2 : 1;
      if (d <= budget) best = Math.min(best, d);
      else if (typed.length >= 3 && (n.startsWith(typed) || typed.startsWith(n))) best = Math.min(best, budget + 1);
    }
    if (best !== Infinity) scored.push({ t, score: best });
  }
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((s) => s.t);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
