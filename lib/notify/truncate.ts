/**
 * Cutting text to a vendor limit without breaking what the reader sees: never inside a multi-byte
 * character or surrogate pair, never inside a Markdown link, inline code, bold run or <tag>, and an open
 * code fence is closed again. The cut prefers a line end, then a space.
 */

/** 'bytes' = UTF-8 bytes (WeCom, DingTalk, Feishu body); 'chars' = UTF-16 code units (Slack, JS lengths). */
export type Measure = 'bytes' | 'chars';

export const TRUNCATION_MARKER = '…(truncated)';

export interface Truncation {
  text: string;
  truncated: boolean;
}

export function measure(text: string, unit: Measure): number {
  return unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length;
}

function codePointCost(cp: number, unit: Measure): number {
  if (unit === 'chars') return cp > 0xffff ? 2 : 1;
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/** Largest index p (on a code point boundary) such that text.slice(0, p) measures at most `limit`. */
function maxPrefix(text: string, limit: number, unit: Measure): number {
  let used = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    const cost = codePointCost(cp, unit);
    if (used + cost > limit) break;
    used += cost;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Spans a cut must not fall inside. */
const PROTECTED = [
  /!?\[[^\]\n]*\]\([^)\n]*\)/g, // [text](url) and images
  /`[^`\n]+`/g, // inline code
  /<(font|at)\b[^>]*>[^<]*<\/\1>/gi, // WeCom <font>, Feishu <at> with their content
  /<[^<>\n]{1,512}>/g, // any single tag: <@user>, <url|text>, </font>
  /\*\*[^*\n]+\*\*/g, // bold
];

/** Protected spans are short (a link, a tag), so looking this far past a cut is enough to see any it falls in. */
const SPAN_LOOKAHEAD = 4096;

function blockedPositions(text: string): Uint8Array {
  const blocked = new Uint8Array(text.length + 1);
  for (const pattern of PROTECTED) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      for (let p = start + 1; p < end; p += 1) blocked[p] = 1;
    }
  }
  return blocked;
}

function isCuttable(text: string, p: number, blocked: Uint8Array): boolean {
  if (blocked[p]) return false;
  const unit = text.charCodeAt(p);
  // p pointing at a low surrogate would split a pair
  return !(unit >= 0xdc00 && unit <= 0xdfff);
}

function chooseCut(text: string, maxP: number, blocked: Uint8Array): number {
  const lineWindow = Math.max(200, Math.floor(maxP * 0.25));
  for (let p = maxP; p >= Math.max(1, maxP - lineWindow); p -= 1) {
    if (text[p] === '\n' && isCuttable(text, p, blocked)) return p;
  }
  for (let p = maxP; p >= Math.max(1, maxP - 80); p -= 1) {
    if ((text[p] === ' ' || text[p] === '\t') && isCuttable(text, p, blocked)) return p;
  }
  for (let p = maxP; p > 0; p -= 1) {
    if (isCuttable(text, p, blocked)) return p;
  }
  return 0;
}

/** The fence (``` or ~~~ run) still open at the end of `head`, if any. */
function openFence(head: string): string | undefined {
  let open: string | undefined;
  for (const line of head.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (!m) continue;
    if (open === undefined) open = m[1];
    else if (m[1][0] === open[0] && m[1].length >= open.length) open = undefined;
  }
  return open;
}

/**
 * Fits Markdown into `limit` (measured in `unit`), marker included. Text that already fits is returned as is.
 */
export function truncateMarkdown(
  text: string,
  limit: number,
  unit: Measure = 'bytes',
  marker = TRUNCATION_MARKER,
): Truncation {
  if (measure(text, unit) <= limit) return { text, truncated: false };
  const blocked = blockedPositions(text.slice(0, maxPrefix(text, limit, unit) + SPAN_LOOKAHEAD));
  // first without, then (if the cut lands in a code fence) with room for closing the fence
  let reserve = measure(`\n${marker}`, unit);
  for (let pass = 0; pass < 2; pass += 1) {
    const room = limit - reserve;
    if (room <= 0) break;
    const cut = chooseCut(text, maxPrefix(text, room, unit), blocked);
    const head = text.slice(0, cut).replace(/[ \t]+$/, '');
    const fence = openFence(head);
    const closing = fence === undefined ? '' : `${head.endsWith('\n') ? '' : '\n'}${fence}`;
    const joined = head + closing;
    const result = joined + (joined.length === 0 || joined.endsWith('\n') ? '' : '\n') + marker;
    if (measure(result, unit) <= limit) return { text: result, truncated: true };
    reserve = measure(`\n${'`'.repeat(fence?.length ?? 3)}\n${marker}`, unit);
  }
  // too small for the marker: a bare cut on a character boundary
  return { text: truncatePlain(text, limit, unit, ''), truncated: true };
}

/** Plain text cut on a code point boundary with a short ellipsis; for titles and card fields. */
export function truncatePlain(text: string, limit: number, unit: Measure = 'chars', ellipsis = '…'): string {
  if (measure(text, unit) <= limit) return text;
  const room = limit - measure(ellipsis, unit);
  if (room < 0) return text.slice(0, maxPrefix(text, limit, unit));
  return text.slice(0, maxPrefix(text, room, unit)) + ellipsis;
}

/**
 * Renders with a shrinking body budget until the serialized request fits `limit` bytes.
 * `build(undefined)` renders untruncated; `build(n)` must keep the body within n bytes.
 */
export function fitWithin<T>(
  build: (bodyBudget: number | undefined) => T,
  size: (rendered: T) => number,
  limit: number,
  bodyBytes: number,
): { rendered: T; truncated: boolean } {
  let rendered = build(undefined);
  let over = size(rendered) - limit;
  if (over <= 0) return { rendered, truncated: false };
  let budget = bodyBytes - over - 16;
  for (let round = 0; round < 8 && budget > 0; round += 1) {
    rendered = build(budget);
    over = size(rendered) - limit;
    if (over <= 0) return { rendered, truncated: true };
    budget -= over + 16;
  }
  return { rendered: build(0), truncated: true };
}

/**
 * Splits Markdown into pieces of at most `limit` each, cutting where truncateMarkdown would;
 * a code fence open at a cut is closed in one piece and reopened in the next. With maxPieces, the last piece
 * holds whatever is left and may exceed the limit.
 */
export function splitMarkdown(
  text: string,
  limit: number,
  unit: Measure = 'chars',
  maxPieces = Number.POSITIVE_INFINITY,
): string[] {
  const pieces: string[] = [];
  const fenceRoom = measure('\n' + '`'.repeat(8), unit);
  let rest = text;
  // past maxPieces the caller truncates anyway, so the remainder stays one (oversized) piece
  while (pieces.length < maxPieces - 1 && measure(rest, unit) > limit) {
    const maxP = Math.max(1, maxPrefix(rest, limit - fenceRoom, unit));
    let cut = chooseCut(rest, maxP, blockedPositions(rest.slice(0, maxP + SPAN_LOOKAHEAD)));
    if (cut === 0) cut = maxP;
    let head = rest.slice(0, cut).replace(/[ \t]+$/, '');
    let tail = rest.slice(cut).replace(/^\n/, '');
    const fence = openFence(head);
    if (fence !== undefined) {
      head += `${head.endsWith('\n') ? '' : '\n'}${fence}`;
      tail = `${fence}\n${tail}`;
    }
    pieces.push(head);
    rest = tail;
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}
