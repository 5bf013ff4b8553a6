/**
 * The diagnosis as a model should read it: one dense line per finding with the root cause right after the object,
 * within a character budget. Detail goes in this order when the budget is tight: info findings, then evidence, then
 * messages, then everything but the root cause, then the lowest findings. The text always ends with a line saying
 * what was left out, so the model knows to ask for more instead of assuming there is nothing.
 */
import type { DiagnosisResult, Evidence, Finding, Language, Severity } from '../types';
import {
  clipText,
  countText,
  counts,
  findingLabel,
  incompleteText,
  namespaceScores,
  oneLine,
  rootCauseText,
  topCommand,
} from './format';

export interface LlmOptions {
  /** maximum characters of the whole text (default 6000) */
  budget?: number;
  /** language of root causes and the first line (default en); the rest is vocabulary a model reads either way */
  language?: Language;
}

const SEV: Record<Severity, string> = { critical: 'C', warning: 'W', info: 'I' };

/**
 * 3 = full, 2 = no secondary evidence, 1 = no message, 0 = severity, object, root cause and its proof,
 * -1 = the root cause alone (the last step before a whole finding goes)
 */
type Level = -1 | 0 | 1 | 2 | 3;

/** The one event, log line or field that proves the root cause; it goes right after the cause and is cut last. */
function proofOf(f: Finding): Evidence | undefined {
  return f.rootCause?.evidence ?? f.evidence.find((e) => e.source === 'event' || e.source === 'log') ?? f.evidence[0];
}

function line(f: Finding, level: Level, lang?: Language): string {
  const root = rootCauseText(f, { short: true, language: lang });
  const head = `${SEV[f.severity]} ${findingLabel(f)}${countText(f)}`;
  const proof = proofOf(f);
  // The root cause and its one proof are never cut (both are bounded where they are made); a tight budget drops
  // the proof whole at level -1 and clips only the secondary message and evidence.
  const proofText = proof && level >= 0 ? `proof ${proof.source}: ${oneLine(proof.text)}` : '';
  if (level <= 0)
    return [`${head}: ${root ? oneLine(root) : clipText(`${f.reason}: ${f.message}`, 200)}`, proofText]
      .filter(Boolean)
      .join(' | ');
  const parts = [`${head} ${f.reason}`];
  if (root) parts.push(`root: ${oneLine(root)}`);
  if (proofText) parts.push(proofText);
  if (level >= 2 || !root) parts.push(clipText(f.message, 200));
  if (level >= 3)
    for (const e of f.evidence.filter((x) => x !== proof && x.text !== proof?.text).slice(0, 2))
      parts.push(`${e.source}: ${clipText(e.text, 160)}`);
  const cmd = topCommand(f);
  if (cmd) parts.push(`fix: ${clipText(cmd, 200)}`);
  return parts.join(' | ');
}

function header(result: DiagnosisResult, lang?: Language): string {
  const c = counts(result.findings);
  const ns = namespaceScores(result)
    .slice(0, 8)
    .map(([n, s]) => `${n}=${s}`)
    .join(' ');
  const r = result.scope.resource;
  const scope = result.scope.namespace
    ? ` namespace=${result.scope.namespace}`
    : r
      ? ` resource=${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`
      : '';
  const incomplete = incompleteText(result, lang);
  const score = result.score === null ? 'no score' : `score ${result.score}/100`;
  return `${incomplete ? `${incomplete}\n` : ''}Kubernetes diagnosis: ${score}, ${c.critical} critical, ${c.warning} warning, ${c.info} info${scope}${ns ? `; namespace scores ${ns}` : ''}`;
}

/** Read once by the model; the first thing to go when even bare root causes do not fit. */
const LEGEND =
  'One line per finding, worst first: severity(C/W/I) object reason | root: cause | proof: the evidence for it | message | more evidence | fix: command.';

interface Omitted {
  findings: Finding[];
  evidence: number;
  messages: number;
  detail: number;
  proofs: number;
}

function note(o: Omitted, unread: string): string {
  const parts: string[] = [];
  if (o.findings.length) {
    const c = counts(o.findings);
    parts.push(
      `findings ${(['critical', 'warning', 'info'] as Severity[])
        .filter((s) => c[s])
        .map((s) => `${c[s]} ${s}`)
        .join(', ')}`,
    );
  }
  if (o.evidence) parts.push(`evidence of ${o.evidence}`);
  if (o.messages) parts.push(`messages of ${o.messages}`);
  if (o.detail) parts.push(`commands of ${o.detail}`);
  if (o.proofs) parts.push(`proof of ${o.proofs}`);
  if (unread) parts.push(`everything in ${unread}, which could not be read`);
  return parts.length ? `Omitted: ${parts.join('; ')} (ask for the JSON report).` : 'Omitted: nothing.';
}

/** Logs and metrics the diagnosis wanted and could not read (see unread.ts), named in the closing note. */
function unreadSources(result: DiagnosisResult): string[] {
  const out: string[] = [];
  for (const w of result.warnings ?? []) {
    const logs = /^logs of (\S+) could not be read/.exec(w);
    if (logs) out.push(`the logs of ${logs[1]}`);
    else if (/^logs of \d+ more containers could not be read/.test(w)) out.push(w.replace(/ could not be read.*/, ''));
    else if (/^pod and node metrics could not be read/.test(w)) out.push('pod and node metrics');
  }
  return out;
}

export function renderForLLM(result: DiagnosisResult, opts: LlmOptions = {}): string {
  const budget = opts.budget ?? 6000;
  const unread = [...(result.failedReads ?? []).map((r) => r.list), ...unreadSources(result)].join(', ');
  const lang = opts.language;
  let head = `${header(result, lang)}\n${LEGEND}`;
  const kept = [...result.findings];
  const levels: Level[] = kept.map(() => 3);
  const dropped: Finding[] = [];
  const lines = kept.map((f) => line(f, 3, lang));
  const size = (): number =>
    head.length + lines.reduce((n, l) => n + l.length + 1, 0) + 1 + note(omitted(), unread).length;
  const omitted = (): Omitted => ({
    findings: dropped,
    evidence: levels.filter((l, i) => l < 3 && kept[i].evidence.length > 0).length,
    messages: levels.filter((l) => l < 2).length,
    detail: levels.filter((l) => l < 1).length,
    proofs: levels.filter((l) => l < 0).length,
  });
  const dropLast = (pred: (f: Finding) => boolean): boolean => {
    for (let i = kept.length - 1; i >= 0; i--) {
      if (!pred(kept[i])) continue;
      dropped.unshift(kept[i]);
      kept.splice(i, 1);
      levels.splice(i, 1);
      lines.splice(i, 1);
      return true;
    }
    return false;
  };
  const lower = (to: Level): boolean => {
    for (let i = kept.length - 1; i >= 0; i--) {
      if (levels[i] <= to) continue;
      levels[i] = to;
      lines[i] = line(kept[i], to, lang);
      return true;
    }
    return false;
  };
  // Each step removes one piece, lowest finding first, until the text fits.
  const dropLegend = (): boolean => {
    if (!head.endsWith(LEGEND)) return false;
    head = header(result, lang);
    return true;
  };
  const steps: (() => boolean)[] = [
    () => dropLast((f) => f.severity === 'info'),
    () => lower(2),
    () => lower(1),
    () => lower(0),
    dropLegend,
    () => lower(-1),
    () => kept.length > 1 && dropLast(() => true),
  ];
  for (const step of steps)
    while (size() > budget && step()) {
      /* keep reducing */
    }
  const body = [head, ...lines].join('\n');
  const tail = note(omitted(), unread);
  const text = `${body}\n${tail}`;
  if (text.length <= budget) return text;
  // Only a budget smaller than the header and one root cause gets here: cut the body, keep the closing note.
  const room = Math.max(0, budget - tail.length - 2);
  return `${body.slice(0, room)}…\n${tail}`.slice(0, Math.max(budget, 0));
}
