/**
 * A loopback HTTP proxy in front of the simulator that records every request as it reaches the API server
 * (method and the path exactly as sent, after any client-side URL normalisation). Tests point a kubeconfig at it
 * to assert what did — and did not — reach the cluster.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** path and query as received */
  url: string;
  path: string;
  query: URLSearchParams;
}

export interface CountingProxy {
  url: string;
  seen: SeenRequest[];
  /** requests that change something (not GET) */
  writes(): SeenRequest[];
  /** the kubeconfig text with its server replaced by the proxy */
  kubeconfig(original: string, simUrl: string): string;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://proxy');
    seen.push({ method: req.method ?? '', url: req.url ?? '', path: parsed.pathname, query: parsed.searchParams });
    const out = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    seen,
    writes: () => seen.filter((r) => r.method !== 'GET'),
    kubeconfig: (original, simUrl) => original.split(simUrl).join(url),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
