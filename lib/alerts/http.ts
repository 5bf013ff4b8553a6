/**
 * A node:http request handler over receiveAlertWebhook. It has the (req, res) shape, so it mounts on express
 * (`app.post('/alerts', handler)`) or on http.createServer directly. If a body parser already ran (`req.body` set), that
 * body is used; otherwise the raw body is read here, up to `maxBodyBytes` (413 beyond).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { receiveAlertWebhook, type AlertsCallback, type WebhookResponse } from './receiver';
import type { AlertParseOptions } from './types';

export interface AlertWebhookHandlerOptions extends AlertParseOptions {
  onAlerts?: AlertsCallback;
  /** Default 10 MiB: a max_alerts-less Alertmanager group of thousands of alerts stays under it. */
  maxBodyBytes?: number;
  /** Called after each answer, e.g. for logging or tests. */
  onResponse?: (response: WebhookResponse) => void;
}

type RequestWithBody = IncomingMessage & { body?: unknown };

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too-large');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function createAlertWebhookHandler(
  options: AlertWebhookHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { onAlerts = () => undefined, maxBodyBytes = 10 * 1024 * 1024, onResponse, ...parseOptions } = options;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' && req.method !== 'PUT') {
      res.setHeader('allow', 'POST');
      send(res, 405, { status: 'rejected', message: 'send alerts with POST' });
      return;
    }
    const contentType = req.headers['content-type'];
    let body: unknown = (req as RequestWithBody).body;
    if (body === undefined) {
      let raw: Buffer | 'too-large';
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch {
        send(res, 400, { status: 'rejected', message: 'request body could not be read' });
        return;
      }
      if (raw === 'too-large') {
        send(res, 413, {
          status: 'rejected',
          message: `body larger than ${maxBodyBytes} bytes; lower max_alerts in the webhook config`,
        });
        return;
      }
      body = raw;
    }
    const response = await receiveAlertWebhook(body, contentType, onAlerts, parseOptions);
    onResponse?.(response);
    send(res, response.status, response.body);
  };
  // http.createServer ignores the returned promise, so nothing may reject: an unexpected failure answers 500
  // (Alertmanager retries it) instead of becoming an unhandled rejection.
  return async (req, res) => {
    try {
      await handle(req, res);
    } catch {
      if (!res.headersSent) send(res, 500, { status: 'error', message: 'alert webhook failed' });
      else res.end();
    }
  };
}
