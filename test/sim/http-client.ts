/** Plain HTTP calls to a simulator for tests that check status codes, headers and bodies exactly. */

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export interface CallOptions {
  body?: unknown;
  contentType?: string;
  accept?: string;
  token?: string;
}

export function client(baseUrl: string) {
  return async function call(method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (opts.body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
    if (opts.accept) headers.Accept = opts.accept;
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // plain-text answers (logs, healthz) have no JSON
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

export type Call = ReturnType<typeof client>;

export const pod = (name: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
  ...extra,
});
