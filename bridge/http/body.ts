/**
 * Reads a JSON request body under a byte cap. A body whose Content-Type is not JSON is left unread (`undefined`):
 * the transport behind the route answers that with its own status (415 on /mcp).
 */
import type { IncomingMessage } from 'node:http';

export type Body = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string };

/** application/json and application/*+json, parameters ignored (what body-parser's json() accepted before). */
export function isJsonMedia(header: string | undefined): boolean {
  if (!header) return false;
  const type = header.split(';')[0].trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Body> {
  if (!isJsonMedia(req.headers['content-type'])) return Promise.resolve({ ok: true, value: undefined });
  const tooLarge: Body = { ok: false, status: 413, message: `request body over ${maxBytes} bytes` };
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity')
    return Promise.resolve({ ok: false, status: 415, message: `content encoding ${encoding} is not accepted` });
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    req.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (b: Body) => {
      if (done) return;
      done = true;
      resolve(b);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        finish(tooLarge);
        return;
      }
      if (!done) chunks.push(chunk);
    });
    req.on('error', () => finish({ ok: false, status: 400, message: 'request body could not be read' }));
    req.on('end', () => {
      if (done) return;
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
      // objects and arrays only, as body-parser's strict mode: a bare string or number is no JSON-RPC message
      const first = /^[\s]*(.)/.exec(text)?.[1];
      if (first !== '{' && first !== '[') return finish({ ok: false, status: 400, message: 'malformed JSON body' });
      try {
        finish({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        finish({ ok: false, status: 400, message: 'malformed JSON body' });
      }
    });
  });
}
