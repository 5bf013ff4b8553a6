/**
 * pods/log from the `sim.kube-aiops.io/logs-<container>` and `previous-logs-<container>` annotations, with the
 * kubelet's options: container, previous, tailLines, sinceSeconds, sinceTime, timestamps, limitBytes, follow.
 */
import type { Cluster } from '../api/cluster';
import { HIDDEN_PREFIX } from '../api/meta';
import { badRequest } from '../errors';
import { arr, getPath, obj, str, type KubeObject } from '../model';
import type { ResourceDef } from '../registry/resource';
import { queryFlag, queryInt, type RequestContext } from './context';

export interface LogLine {
  time: Date;
  /** the timestamp as written in the fixture, kept verbatim for `timestamps=true` */
  stamp: string;
  text: string;
}

const LEADING_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))\s?(.*)$/;

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.000Z$/, 'Z');
}

/** Lines with their timestamps; lines without one are spaced a second apart, the last one `now`. */
export function parseLogText(text: string, now = new Date()): LogLine[] {
  const raw = text.split('\n');
  if (raw.length && raw[raw.length - 1] === '') raw.pop();
  const n = raw.length;
  return raw.map((line, i) => {
    const m = LEADING_TIMESTAMP.exec(line);
    if (m && !Number.isNaN(Date.parse(m[1]))) return { time: new Date(m[1]), stamp: m[1], text: m[2] };
    const time = new Date(now.getTime() - (n - 1 - i) * 1000);
    return { time, stamp: rfc3339(time), text: line };
  });
}

function containerNames(pod: KubeObject, field: string): string[] {
  return arr(getPath(pod, ['spec', field])).map((c) => str(obj(c).name) ?? '');
}

/** Which container the request means, failing with the apiserver's messages. */
export function resolveContainer(pod: KubeObject, requested: string | null): string {
  const podName = pod.metadata.name ?? '';
  const containers = containerNames(pod, 'containers');
  const inits = containerNames(pod, 'initContainers');
  const ephemeral = containerNames(pod, 'ephemeralContainers');
  if (requested) {
    if (![...containers, ...inits, ...ephemeral].includes(requested)) {
      throw badRequest(`container ${requested} is not valid for pod ${podName}`);
    }
    return requested;
  }
  // the apiserver ignores kubectl.kubernetes.io/default-container; kubectl applies it before asking
  if (containers.length === 1) return containers[0];
  throw badRequest(
    `a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]${inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''}`,
  );
}

function containerStatus(pod: KubeObject, container: string): Record<string, unknown> | undefined {
  const all = [
    ...arr(getPath(pod, ['status', 'containerStatuses'])),
    ...arr(getPath(pod, ['status', 'initContainerStatuses'])),
  ];
  return all.map(obj).find((s) => s.name === container);
}

export interface LogOptions {
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: Date;
  timestamps: boolean;
  limitBytes?: number;
}

export function selectLines(lines: LogLine[], opts: LogOptions, now = new Date()): LogLine[] {
  let out = lines;
  const since = opts.sinceSeconds !== undefined ? new Date(now.getTime() - opts.sinceSeconds * 1000) : opts.sinceTime;
  if (since) out = out.filter((l) => l.time.getTime() >= since.getTime());
  if (opts.tailLines !== undefined) out = opts.tailLines <= 0 ? [] : out.slice(-opts.tailLines);
  return out;
}

export function formatLines(lines: LogLine[], timestamps: boolean): string {
  return lines.map((l) => `${timestamps ? `${l.stamp} ` : ''}${l.text}\n`).join('');
}

function logOptionsOf(q: URLSearchParams): LogOptions {
  const tailLines = queryInt(q, 'tailLines');
  const sinceSeconds = queryInt(q, 'sinceSeconds');
  const limitBytes = queryInt(q, 'limitBytes');
  const sinceTimeRaw = q.get('sinceTime');
  if (sinceSeconds !== undefined && sinceSeconds < 1)
    throw badRequest('PodLogOptions "" is invalid: sinceSeconds: Invalid value: must be greater than 0');
  if (limitBytes !== undefined && limitBytes < 1)
    throw badRequest('PodLogOptions "" is invalid: limitBytes: Invalid value: must be greater than 0');
  if (tailLines !== undefined && tailLines < 0)
    throw badRequest('PodLogOptions "" is invalid: tailLines: Invalid value: must be greater than or equal to 0');
  if (sinceSeconds !== undefined && sinceTimeRaw)
    throw badRequest(
      'PodLogOptions "" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    );
  const sinceTime = sinceTimeRaw ? new Date(sinceTimeRaw) : undefined;
  if (sinceTime && Number.isNaN(sinceTime.getTime())) throw badRequest(`invalid sinceTime: ${sinceTimeRaw}`);
  return { tailLines, sinceSeconds, sinceTime, limitBytes, timestamps: queryFlag(q, 'timestamps') };
}

export function handleLogs(
  cluster: Cluster,
  ctx: RequestContext,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
): void {
  const stored = cluster.get(def, ns, name);
  const pod = stored.object;
  const container = resolveContainer(pod, ctx.query.get('container'));
  const previous = queryFlag(ctx.query, 'previous');
  const opts = logOptionsOf(ctx.query);
  const key = `${HIDDEN_PREFIX}${previous ? 'previous-logs' : 'logs'}-${container}`;
  const text = stored.hidden[key];
  if (text === undefined) {
    if (previous) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    const waiting = obj(obj(containerStatus(pod, container)?.state).waiting);
    if (containerStatus(pod, container) && Object.keys(waiting).length) {
      throw badRequest(
        `container "${container}" in pod "${name}" is waiting to start: ${str(waiting.reason) ?? 'ContainerCreating'}`,
      );
    }
  }
  let body = formatLines(selectLines(parseLogText(text ?? ''), opts), opts.timestamps);
  if (opts.limitBytes !== undefined) body = Buffer.from(body).subarray(0, opts.limitBytes).toString('utf8');
  const res = ctx.res;
  const follow = queryFlag(ctx.query, 'follow') && !previous;
  if (!follow) {
    const buf = Buffer.from(body);
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Content-Length': buf.length,
      'Cache-Control': 'no-cache, private',
    });
    res.end(buf);
    return;
  }
  // follow: keep streaming lines appended to the annotation until the client goes away or the pod is deleted
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache, private',
  });
  if (body) res.write(body);
  let seen = text ?? '';
  const stop = cluster.store.onWrite((e) => {
    if (
      e.def.storage !== def.storage ||
      e.object.metadata.namespace !== pod.metadata.namespace ||
      e.object.metadata.name !== name
    )
      return;
    if (e.type === 'DELETED') {
      stop();
      res.end();
      return;
    }
    const latest = cluster.find(def, ns, name)?.hidden[key] ?? '';
    if (latest.length > seen.length && latest.startsWith(seen)) {
      res.write(formatLines(parseLogText(latest.slice(seen.length)), opts.timestamps));
    }
    seen = latest;
  });
  ctx.req.on('close', stop);
  res.on('close', stop);
}
