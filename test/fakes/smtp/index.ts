/**
 * An SMTP sink on loopback: accepts mail (AUTH PLAIN/LOGIN with the configured account, no TLS), parses each
 * message with mailparser and keeps it for assertions. For the n8n e2e suite (Send Email node) and the demo inbox.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  at: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments: Array<{ filename?: string; contentType: string; size: number; content: Buffer }>;
  raw: string;
}

export interface SmtpSink {
  host: string;
  port: number;
  user: string;
  password: string;
  messages: ReceivedMail[];
  /** resolves when at least `count` messages arrived (rejects after timeoutMs) */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** called for every message (the demo inbox) */
  onMessage(listener: (mail: ReceivedMail) => void): void;
  reset(): void;
  close(): Promise<void>;
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((x) => x.value.map((v) => v.address ?? '')).filter(Boolean);
}

export async function startSmtpSink(opts: { user?: string; password?: string } = {}): Promise<SmtpSink> {
  const user = opts.user ?? 'kube-aiops';
  const password = opts.password ?? 'smtp-sink-password';
  const messages: ReceivedMail[] = [];
  const listeners: Array<(mail: ReceivedMail) => void> = [];
  const waiters: Array<() => void> = [];

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: false,
    size: 10 * 1024 * 1024,
    logger: false,
    banner: 'kube-aiops SMTP sink',
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user: auth.username });
      else callback(new Error('535 5.7.8 Authentication credentials invalid'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const mail: ReceivedMail = {
              at: new Date(),
              from: addresses(parsed.from)[0] ?? '',
              to: addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
              attachments: parsed.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                size: a.size,
                content: a.content,
              })),
              raw: raw.toString('utf8'),
            };
            messages.push(mail);
            for (const l of listeners) l(mail);
            for (const w of waiters.splice(0)) w();
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    messages,
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`SMTP sink: expected ${count} message(s), got ${messages.length} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.min(left, 500));
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return messages;
    },
    onMessage(listener) {
      listeners.push(listener);
    },
    reset() {
      messages.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
