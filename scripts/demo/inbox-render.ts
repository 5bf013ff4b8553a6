/**
 * What the demo inbox shows for a bot message, drawn the way the clients draw it: a Feishu card as a card (coloured
 * header by its template, Markdown elements, field columns, buttons, grey note), a Feishu post as rich text, and a
 * WeCom Markdown message with WeCom's three font colours and quote bars. Markdown goes through `marked`; raw HTML
 * in the message is escaped first (only the <font color> the vendors support survives), and links keep http(s) only.
 */
import { Marked, type Tokens } from 'marked';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);

/** Feishu header templates and <font color> names → colours close to the Feishu client's. */
const FEISHU_COLOURS: Record<string, string> = {
  red: '#d83931',
  orange: '#de7802',
  yellow: '#dc9b04',
  green: '#2ea121',
  blue: '#245bdb',
  wathet: '#3370ff',
  turquoise: '#04b49c',
  purple: '#7f3bf5',
  indigo: '#4954e6',
  grey: '#646a73',
  carmine: '#c71e6d',
  violet: '#b33bd1',
  default: '#1f2329',
};

/** WeCom Markdown knows three font colours. */
const WECOM_COLOURS: Record<string, string> = { info: '#06ad56', comment: '#999999', warning: '#ff6600' };

/** The colour placeholders markdown() leaves in the text must not reach an attribute, where they would become tags. */
const PLACEHOLDERS = /\u0001\d+\u0002|[\u0001-\u0003]/g;
const safeHref = (href: string): string => {
  const h = href.replace(PLACEHOLDERS, '');
  return /^https?:\/\//i.test(h) ? h : '#';
};

const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    // the message's own HTML never reaches the page as HTML
    html: ({ text }: Tokens.HTML | Tokens.Tag) => esc(text),
    link({ href, tokens }: Tokens.Link) {
      return `<a href="${esc(safeHref(href))}" target="_blank" rel="noopener">${this.parser.parseInline(tokens)}</a>`;
    },
    image: ({ href, text }: Tokens.Image) =>
      `<a href="${esc(safeHref(href))}" target="_blank" rel="noopener">${esc(text || href)}</a>`,
  },
});

/** Markdown → HTML with the vendor's <font color="x"> kept as coloured spans. */
function markdown(source: string, colours: Record<string, string>): string {
  const FONT = /<font\s+color=['"]?([a-z]+)['"]?\s*>([\s\S]*?)<\/font>/gi;
  const spans: string[] = [];
  // the message's own control characters would pass for placeholders
  const marked_ = source.replace(/[\u0001-\u0003]/g, '').replace(FONT, (_m, colour: string, inner: string) => {
    spans.push(colours[colour.toLowerCase()] ?? colours.default ?? 'inherit');
    return `\u0001${spans.length - 1}\u0002${inner}\u0003`;
  });
  const html = marked.parse(marked_, { async: false });
  return html
    .replace(/\u0001(\d+)\u0002/g, (_m, i: string) => `<span style="color:${spans[Number(i)]}">`)
    .replace(/\u0003/g, '</span>');
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function feishuElement(e: Json): string {
  switch (e.tag) {
    case 'markdown':
      return `<div class="md">${markdown(str(e.content), FEISHU_COLOURS)}</div>`;
    case 'div': {
      const fields = arr(e.fields);
      if (fields.length)
        return `<div class="fields">${fields
          .map(
            (f) =>
              `<div class="${f.is_short ? 'short' : 'long'}">${markdown(str(obj(f.text).content), FEISHU_COLOURS)}</div>`,
          )
          .join('')}</div>`;
      return `<div class="md">${markdown(str(obj(e.text).content), FEISHU_COLOURS)}</div>`;
    }
    case 'hr':
      return '<hr>';
    case 'action':
      return `<div class="actions">${arr(e.actions)
        .map(
          (a) =>
            `<a class="btn ${a.type === 'primary' ? 'primary' : ''}" href="${esc(safeHref(str(a.url)))}" target="_blank" rel="noopener">${esc(str(obj(a.text).content))}</a>`,
        )
        .join('')}</div>`;
    case 'note':
      return `<div class="note">${arr(e.elements)
        .map((n) => esc(str(n.content)))
        .join(' ')}</div>`;
    default:
      return '';
  }
}

function feishuCard(card: Json): string {
  const header = obj(card.header);
  const colour = FEISHU_COLOURS[str(header.template)] ?? FEISHU_COLOURS.blue;
  const title = str(obj(header.title).content);
  const subtitle = str(obj(header.subtitle).content);
  const elements = arr(obj(card.body).elements).length ? arr(obj(card.body).elements) : arr(card.elements);
  return `<div class="card feishu-card"><div class="card-head" style="background:${colour}"><div class="card-title">${esc(title)}</div>${subtitle ? `<div class="card-sub">${esc(subtitle)}</div>` : ''}</div><div class="card-body">${elements.map(feishuElement).join('')}</div></div>`;
}

function feishuPost(post: Json): string {
  const lang = obj(post.zh_cn).content ? obj(post.zh_cn) : obj(post.en_us);
  const paragraphs = (Array.isArray(lang.content) ? lang.content : []) as unknown[];
  const body = paragraphs
    .map(
      (p) =>
        `<p>${arr(p)
          .map((t) =>
            t.tag === 'a'
              ? `<a href="${esc(safeHref(str(t.href)))}" target="_blank" rel="noopener">${esc(str(t.text))}</a>`
              : t.tag === 'at'
                ? `<span class="at">@${esc(str(t.user_name) || str(t.user_id))}</span>`
                : esc(str(t.text)),
          )
          .join('')}</p>`,
    )
    .join('');
  return `<div class="card feishu-post"><div class="post-title">${esc(str(lang.title))}</div>${body}</div>`;
}

function wecom(body: Json): string {
  const md = obj(body.markdown).content ?? obj(body.markdown_v2).content;
  if (typeof md === 'string') return `<div class="card wecom-md">${markdown(md, WECOM_COLOURS)}</div>`;
  const text = str(obj(body.text).content);
  return `<div class="card wecom-md"><p>${esc(text).replace(/\n/g, '<br>')}</p></div>`;
}

/** The HTML the inbox shows for one received bot message. */
export function renderImMessage(channel: 'feishu' | 'wecom', body: unknown): string {
  const b = obj(body);
  if (channel === 'feishu') {
    if (b.card) return feishuCard(obj(b.card));
    const post = obj(obj(b.content).post);
    if (Object.keys(post).length) return feishuPost(post);
    return `<div class="card"><p>${esc(str(obj(b.content).text))}</p></div>`;
  }
  return wecom(b);
}

/** Styles for the rendered messages (the inbox page includes them). */
export const MESSAGE_CSS = `
.card{background:#fff;border:1px solid #dee0e3;border-radius:8px;overflow:hidden;max-width:620px}
.card p{margin:6px 0}.card ul,.card ol{margin:6px 0;padding-left:20px}
.card code{font:12px ui-monospace,monospace;background:#f2f3f5;border-radius:3px;padding:0 3px}
.card pre{background:#f2f3f5;border-radius:4px;padding:8px;white-space:pre-wrap;word-break:break-word}
.card-head{color:#fff;padding:10px 14px}.card-title{font-weight:600;font-size:15px}.card-sub{font-size:12px;opacity:.9}
.card-body{padding:8px 14px 12px}.card-body hr{border:0;border-top:1px solid #dee0e3;margin:10px 0}
.fields{display:flex;flex-wrap:wrap;gap:4px 0}.fields .short{width:50%}.fields .long{width:100%}
.actions{display:flex;gap:8px;flex-wrap:wrap}.btn{border:1px solid #d0d3d6;border-radius:6px;padding:4px 12px;color:#1f2329;text-decoration:none}
.btn.primary{background:#3370ff;border-color:#3370ff;color:#fff}
.note{color:#646a73;font-size:12px;margin-top:8px}
.feishu-post{padding:10px 14px}.post-title{font-weight:600;font-size:15px;margin-bottom:4px}.at{color:#3370ff}
.wecom-md{padding:10px 14px;border-left:0}.wecom-md h1,.wecom-md h2,.wecom-md h3{font-size:15px;margin:4px 0}
.wecom-md blockquote{margin:4px 0;padding:0 0 0 8px;border-left:3px solid #dcdcdc;color:#555}
`;
