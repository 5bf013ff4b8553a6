/**
 * The demo's inbox: loopback Feishu and WeCom bots (the signature-checking fakes from test/fakes/im), an SMTP sink,
 * and a small web page that shows what they received — cards, Markdown, emails with their attachments — with the
 * approve/reject links clickable. The page can also fire the sample alerts at the n8n webhooks. It also answers
 * as an OpenAI-compatible endpoint with "no model configured", so the AI nodes fail fast and the workflows take
 * their no-AI paths when no key is set.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeFeishu, startFakeWecom, type FakeIm, type ReceivedMessage } from '../../test/fakes/im';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../test/fakes/smtp';
import { demoAlertPayload, type DemoAlert } from './alerts';
import { MESSAGE_CSS, renderImMessage } from './inbox-render';

export interface InboxEntry {
  id: number;
  channel: 'feishu' | 'wecom' | 'email';
  at: string;
  title: string;
  text: string;
  /** the message drawn as its client shows it (bot messages), or the URL of an email's HTML part */
  html?: string;
  htmlUrl?: string;
  attachments?: Array<{ name: string; size: number; url: string }>;
}

export interface Inbox {
  url: string;
  feishu: FakeIm<string> & { secret: string };
  wecom: FakeIm<string>;
  smtp: SmtpSink;
  /** base URL of the "no model configured" OpenAI-compatible endpoint */
  noModelUrl: string;
  entries: InboxEntry[];
  /** where the page's "fire" buttons post: alert kind → webhook URL */
  setTargets(targets: Partial<Record<DemoAlert, string>>): void;
  close(): Promise<void>;
}

/** Visible text of a bot message: card header and Markdown elements, or the Markdown / text content. */
function imText(m: ReceivedMessage): { title: string; text: string } {
  const body = (m.body ?? {}) as Record<string, unknown>;
  const card = body.card as
    | {
        header?: { title?: { content?: string } };
        body?: { elements?: Array<{ content?: string; text?: { content?: string } }> };
        elements?: Array<{ content?: string; text?: { content?: string } }>;
      }
    | undefined;
  if (card) {
    const elements = card.body?.elements ?? card.elements ?? [];
    return {
      title: card.header?.title?.content ?? '',
      text: elements
        .map((e) => e.content ?? e.text?.content ?? '')
        .filter(Boolean)
        .join('\n\n'),
    };
  }
  const md = (body.markdown ?? body.markdown_v2 ?? body.text) as { content?: string } | undefined;
  const content = md?.content ?? (body.content as { text?: string } | undefined)?.text ?? JSON.stringify(body);
  const firstLine = content.split('\n')[0] ?? '';
  return {
    title: firstLine
      .replace(/<[^>]*>/g, '')
      .replace(/^#+\s*/, '')
      .replace(/\*\*/g, '')
      .trim()
      .slice(0, 120),
    text: content,
  };
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kube-aiops demo inbox</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1f2328}
header{background:#1f2937;color:#fff;padding:12px 20px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:17px;margin:0 12px 0 0}
button{font:inherit;border:0;border-radius:6px;padding:6px 10px;background:#3b82f6;color:#fff;cursor:pointer}
button.alt{background:#6b7280}
#status{font-size:12px;opacity:.8}
main{max-width:980px;margin:16px auto;padding:0 12px}
.msg{background:#fff;border-radius:8px;box-shadow:0 1px 2px #0002;margin:0 0 12px;padding:12px 16px}
.meta{font-size:12px;color:#6b7280;display:flex;gap:10px;align-items:center}
.tag{border-radius:4px;padding:1px 6px;color:#fff;font-weight:600}
.feishu{background:#3370ff}.wecom{background:#07c160}.email{background:#8b5cf6}
h2{font-size:15px;margin:6px 0}
pre{white-space:pre-wrap;word-break:break-word;font:13px/1.45 ui-monospace,monospace;margin:0}
a{color:#2563eb}
.empty{color:#6b7280;text-align:center;padding:40px}
iframe.mail{width:100%;height:520px;border:1px solid #e5e7eb;border-radius:6px;background:#fff}
${MESSAGE_CSS}
</style></head>
<body><header><h1>kube-aiops demo inbox</h1>
<button data-fire="crashloop">Fire KubePodCrashLooping (triage)</button>
<button data-fire="crashloop-resolved" class="alt">…and resolve it</button>
<button data-fire="image">Fire ReplicasMismatch (nginx-test)</button>
<button data-fire="oom">Fire OOMKilled (self-heal)</button>
<span id="status"></span></header>
<main id="list"><div class="empty">Nothing yet. Fire an alert above, or wait for the daily inspection.</div></main>
<script>
const list = document.getElementById('list');
const status = document.getElementById('status');
let seen = 0;
function linkify(el, text) {
  const re = /\\[([^\\]]+)\\]\\((https?:[^)\\s]+)\\)|(https?:\\/\\/[^\\s)<>"]+)/g;
  let last = 0, m;
  while ((m = re.exec(text))) {
    el.appendChild(document.createTextNode(text.slice(last, m.index)));
    const a = document.createElement('a');
    a.href = m[2] || m[3]; a.textContent = m[1] || m[3]; a.target = '_blank'; a.rel = 'noopener';
    el.appendChild(a); last = re.lastIndex;
  }
  el.appendChild(document.createTextNode(text.slice(last)));
}
function render(e) {
  const div = document.createElement('div'); div.className = 'msg';
  const meta = document.createElement('div'); meta.className = 'meta';
  const tag = document.createElement('span'); tag.className = 'tag ' + e.channel; tag.textContent = e.channel === 'wecom' ? 'WeCom' : e.channel === 'feishu' ? 'Feishu' : 'Email';
  const at = document.createElement('span'); at.textContent = new Date(e.at).toLocaleTimeString();
  meta.append(tag, at); div.appendChild(meta);
  if (e.channel !== 'feishu' || !e.html) { const h = document.createElement('h2'); h.textContent = e.title; div.appendChild(h); }
  if (e.html) { const box = document.createElement('div'); box.innerHTML = e.html; div.appendChild(box); }
  else if (e.htmlUrl) { const f = document.createElement('iframe'); f.className = 'mail'; f.src = e.htmlUrl; f.setAttribute('sandbox', ''); div.appendChild(f); }
  else { const pre = document.createElement('pre'); linkify(pre, e.text); div.appendChild(pre); }
  for (const a of e.attachments || []) {
    const p = document.createElement('div'); const link = document.createElement('a');
    link.href = a.url; link.textContent = '📎 ' + a.name + ' (' + Math.round(a.size / 1024) + ' KB)'; link.target = '_blank';
    p.appendChild(link); div.appendChild(p);
  }
  return div;
}
async function poll() {
  try {
    const r = await fetch('/api/messages?since=' + seen); const items = await r.json();
    if (items.length && seen === 0) list.textContent = '';
    for (const e of items) { list.prepend(render(e)); seen = Math.max(seen, e.id); }
  } catch (err) { status.textContent = 'inbox unreachable: ' + err; }
  setTimeout(poll, 1500);
}
document.querySelectorAll('button[data-fire]').forEach((b) => b.addEventListener('click', async () => {
  status.textContent = 'sending…';
  const r = await fetch('/api/fire/' + b.dataset.fire, { method: 'POST' });
  status.textContent = (await r.json()).message;
}));
poll();
</script></body></html>`;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startInbox(opts: { port?: number; host?: string } = {}): Promise<Inbox> {
  const secret = randomBytes(12).toString('hex');
  const feishu = Object.assign(await startFakeFeishu({ secret }), { secret });
  const wecom = await startFakeWecom();
  const smtp = await startSmtpSink();
  const entries: InboxEntry[] = [];
  const mails = new Map<number, ReceivedMail>();
  let targets: Partial<Record<DemoAlert, string>> = {};
  let next = 1;

  // the fakes record into arrays; watch them
  const counts = { feishu: 0, wecom: 0 };
  const sweep = (): void => {
    for (const [channel, fake] of [
      ['feishu', feishu],
      ['wecom', wecom],
    ] as const) {
      while (counts[channel] < fake.received.length) {
        const m = fake.received[counts[channel]++];
        const { title, text } = imText(m);
        entries.push({
          id: next++,
          channel,
          at: m.at.toISOString(),
          title,
          text,
          html: renderImMessage(channel, m.body),
        });
      }
    }
  };
  const timer = setInterval(sweep, 300);
  smtp.onMessage((mail) => {
    const id = next++;
    mails.set(id, mail);
    entries.push({
      id,
      channel: 'email',
      at: mail.at.toISOString(),
      title: `${mail.subject}  →  ${mail.to.join(', ')}`,
      text: mail.text,
      ...(mail.html ? { htmlUrl: `/api/mails/${id}/html` } : {}),
      attachments: mail.attachments.map((a, i) => ({
        name: a.filename ?? `attachment-${i + 1}`,
        size: a.size,
        url: `/api/attachments/${id}/${i}`,
      })),
    });
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://inbox');
    const path = url.pathname;
    if (path.startsWith('/no-model/')) {
      req.resume();
      json(res, 401, {
        error: {
          message:
            'No model is configured for the kube-aiops demo. Set OPENAI_API_KEY (and OPENAI_BASE_URL, OPENAI_MODEL for Qwen, DeepSeek, GLM…) and restart npm start.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
      return;
    }
    if (req.method === 'GET' && path === '/') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
      });
      res.end(PAGE);
      return;
    }
    if (req.method === 'GET' && path === '/api/messages') {
      sweep();
      const since = Number(url.searchParams.get('since') ?? 0);
      json(
        res,
        200,
        entries.filter((e) => e.id > since),
      );
      return;
    }
    const mailHtml = /^\/api\/mails\/(\d+)\/html$/.exec(path);
    if (req.method === 'GET' && mailHtml) {
      const html = mails.get(Number(mailHtml[1]))?.html;
      if (!html) return json(res, 404, { message: 'no such email' });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': 'sandbox' });
      res.end(html);
      return;
    }
    const attachment = /^\/api\/attachments\/(\d+)\/(\d+)$/.exec(path);
    if (req.method === 'GET' && attachment) {
      const a = mails.get(Number(attachment[1]))?.attachments[Number(attachment[2])];
      if (!a) return json(res, 404, { message: 'no such attachment' });
      // the report is our own HTML; serve it as a download-free page, sandboxed
      res.writeHead(200, {
        'content-type': a.contentType.startsWith('text/') ? 'text/html; charset=utf-8' : a.contentType,
        'content-security-policy': 'sandbox',
      });
      res.end(a.content);
      return;
    }
    const fire = /^\/api\/fire\/([a-z-]+)$/.exec(path);
    if (req.method === 'POST' && fire) {
      req.resume();
      const which = fire[1] as DemoAlert;
      const target = targets[which];
      if (!target) return json(res, 404, { message: `no workflow webhook for "${which}"` });
      fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(demoAlertPayload(which)),
      })
        .then(async (r) =>
          json(res, 200, {
            message: `${which}: n8n answered ${r.status} ${((await r.json().catch(() => ({}))) as { message?: string }).message ?? ''}`,
          }),
        )
        .catch((err: Error) => json(res, 502, { message: `${which}: ${err.message}` }));
      return;
    }
    json(res, 404, { message: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    feishu,
    wecom,
    smtp,
    noModelUrl: `${url}/no-model/v1`,
    entries,
    setTargets(t) {
      targets = { ...targets, ...t };
    },
    async close() {
      clearInterval(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all([feishu.close(), wecom.close(), smtp.close()]);
    },
  };
}
