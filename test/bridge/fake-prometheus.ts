/** A loopback stand-in for Prometheus's query API: enough for query_prometheus to run end to end. */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startFakePrometheus(): Promise<{ url: string; queries: string[]; close(): Promise<void> }> {
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = url.searchParams.get('query') ?? '';
    queries.push(query);
    res.setHeader('content-type', 'application/json');
    if (url.pathname !== '/api/v1/query') {
      res.statusCode = 404;
      res.end(JSON.stringify({ status: 'error', errorType: 'not_found', error: url.pathname }));
      return;
    }
    const result = [
      { metric: { namespace: 'shop', pod: 'app-xyz-5969b7fffc-7ndjr' }, value: [1795586400, '262144000'] },
      { metric: { namespace: 'shop', pod: 'redis-0' }, value: [1795586400, '101500928'] },
    ];
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
