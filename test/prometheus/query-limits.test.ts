/**
 * The PromQL length cap lives in lib/prometheus, so every face (node query overrides, bridge tool, CLI) refuses an
 * oversized query before anything reaches Prometheus.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_PROMQL_LENGTH, queryPrometheus } from '../../lib/prometheus/query';

let server: Server;
let url: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('a query at the cap is sent; one character more and an empty one are refused without a request', async () => {
  const atCap = `vector(1)${' '.repeat(MAX_PROMQL_LENGTH - 'vector(1)'.length)}`;
  await expect(queryPrometheus(url, { query: atCap })).resolves.toEqual({ resultType: 'vector', series: [] });
  expect(requests).toBe(1);
  await expect(queryPrometheus(url, { query: `${atCap} ` })).rejects.toThrow(
    `PromQL must be 1 to ${MAX_PROMQL_LENGTH} characters long; this one has ${MAX_PROMQL_LENGTH + 1}`,
  );
  await expect(queryPrometheus(url, { query: '' })).rejects.toThrow(/PromQL must be 1 to/);
  expect(requests).toBe(1);
});
