/** Conversions from the common Markdown of NotifyMessage.markdown that more than one channel needs. */

export interface TextSegment {
  text: string;
  href?: string;
}

const LINK = /!?\[([^\]\n]*)\]\(([^)\s]*)\)/g;

/** Splits one line into plain runs and links, for formats that carry links as separate elements (Feishu post). */
export function splitLinks(line: string): TextSegment[] {
  const out: TextSegment[] = [];
  let last = 0;
  for (const m of line.matchAll(LINK)) {
    const start = m.index ?? 0;
    if (start > last) out.push({ text: line.slice(last, start) });
    out.push({ text: m[1] || m[2], href: m[2] });
    last = start + m[0].length;
  }
  if (last < line.length) out.push({ text: line.slice(last) });
  return out;
}

/** Markdown to readable plain text: links become "text (url)", emphasis and heading marks go. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(LINK, (_m, text: string, url: string) => (text && text !== url ? `${text} (${url})` : url))
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/__([^_\n]+)__/g, '$1')
    .replace(/^ {0,3}#{1,6}\s+/gm, '')
    .replace(/<\/?font[^>]*>/g, '');
}

/** Inline emphasis removed, for one-line plain strings (titles, card labels). */
export function stripInline(text: string): string {
  return markdownToPlain(text)
    .replace(/`/g, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
