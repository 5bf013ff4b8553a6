/**
 * Container logs of a pod, or of a workload (its failing pod: CrashLoop and errors first, then not ready),
 * filtered by a regex and cut to a byte budget that keeps the newest lines.
 */
import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import { parseSince } from './age';
import { KubeError } from './errors';
import { objectPath } from './paths';
import { podsOf, pickReason, rankPods } from './pods-of';
import { getResolved } from './read';
import { resolveKind, type KindInput } from './resolve';
import { read } from './retry';
import { quote, validateContainerName, validateName } from './names';
import { redactPrivateKeys, redactText } from './redact';
import { namespaceFor } from './target';
import type { KubeConnection } from './connect';

export interface LogsRequest {
  /** Pod (default) or a workload/Service whose pods to read */
  kind?: KindInput;
  name: string;
  namespace?: string;
  /** default: kubectl.kubernetes.io/default-container, the only container, or the failing one */
  container?: string;
  /** logs of the previous (crashed) container instance */
  previous?: boolean;
  /** last N lines (default 500 when neither tail nor since is given) */
  tail?: number;
  since?: string | number | Date;
  /** keep only lines matching this regular expression */
  grep?: string;
  ignoreCase?: boolean;
  /** keep at most this many bytes, newest lines first kept (default 65536) */
  maxBytes?: number;
  timestamps?: boolean;
}

export interface LogsResult {
  namespace: string;
  pod: string;
  container: string;
  containers: string[];
  previous: boolean;
  /** for a workload: why this pod was chosen */
  picked?: string;
  text: string;
  lines: number;
  /** lines matching grep, when given */
  matched?: number;
  /** older lines were dropped to stay under maxBytes */
  truncated: boolean;
}

const DEFAULT_TAIL = 500;
const DEFAULT_MAX_BYTES = 64 * 1024;
const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

export async function logs(conn: KubeConnection, req: LogsRequest): Promise<LogsResult> {
  const grep = compileGrep(req);
  const type = await resolveKind(conn, req.kind ?? { apiVersion: 'v1', kind: 'Pod' });
  const namespace = namespaceFor(conn, type, req.namespace) ?? conn.namespace;
  const name = validateName(typeof req.name === 'string' ? req.name.trim() : '', type.kind);
  if (req.container !== undefined) validateContainerName(req.container);
  const target = await getResolved<KubernetesObject>(conn, { type, name, namespace });
  let pod: V1Pod;
  let picked: string | undefined;
  if (type.kind === 'Pod' && type.group === '') {
    pod = target;
  } else {
    const pods = await podsOf(conn, target);
    if (pods === undefined)
      throw new KubeError(`cannot find the pods of a ${type.kind}; ask for a pod, a workload or a service`, {
        reason: 'BadInput',
      });
    if (pods.length === 0)
      throw new KubeError(`${type.kind} ${namespace}/${req.name} has no pods right now`, { reason: 'NotFound' });
    pod = rankPods(pods)[0];
    picked = `${pod.metadata?.name}: ${pickReason(pod)} among ${pods.length} pod${pods.length === 1 ? '' : 's'}`;
  }
  const podName = pod.metadata?.name ?? req.name;
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  const container = req.container ?? pickContainer(pod);
  if (!containers.includes(container)) {
    throw new KubeError(
      `pod ${namespace}/${podName} has no container named "${container}"; containers: ${containers.join(', ')}`,
      { reason: 'BadInput' },
    );
  }

  const sinceSeconds =
    req.since !== undefined ? Math.max(1, Math.ceil((Date.now() - parseSince(req.since).getTime()) / 1000)) : undefined;
  const tail = req.tail ?? (sinceSeconds === undefined ? DEFAULT_TAIL : undefined);
  const res = await read<string>(conn, {
    path: objectPath(await resolveKind(conn, { apiVersion: 'v1', kind: 'Pod' }), podName, namespace, 'log'),
    query: {
      container,
      previous: req.previous ? true : undefined,
      tailLines: tail,
      sinceSeconds,
      timestamps: req.timestamps ? true : undefined,
    },
    text: true,
    context: { verb: 'read logs of', kind: 'Pod', resource: 'pods/log', namespace, name: podName },
  }).catch((err: unknown) => {
    throw explainLogError(err, namespace, podName, container, req.previous === true);
  });

  // redacted before grep, so a grep cannot test guesses of a hidden value
  let lines = redactPrivateKeys(res.body).split('\n').map(redactText);
  if (lines[lines.length - 1] === '') lines.pop();
  let matched: number | undefined;
  if (grep) {
    lines = lines.filter((l) => grep.test(l.length > 8192 ? l.slice(0, 8192) : l));
    matched = lines.length;
  }
  const { kept, truncated } = keepNewest(lines, req.maxBytes ?? DEFAULT_MAX_BYTES);
  return {
    namespace,
    pod: podName,
    container,
    containers,
    previous: req.previous === true,
    picked,
    text: kept.join('\n'),
    lines: kept.length,
    matched,
    truncated,
  };
}

/** The container kubectl would choose, except that among several a failing one wins over the first. */
function pickContainer(pod: V1Pod): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER];
  if (annotated && names.includes(annotated)) return annotated;
  if (names.length <= 1) return names[0] ?? '';
  const statuses = pod.status?.containerStatuses ?? [];
  const failing = statuses
    .filter((s) => s.state?.waiting?.reason || s.state?.terminated || !s.ready)
    .sort((a, b) => (b.restartCount ?? 0) - (a.restartCount ?? 0));
  return failing[0]?.name ?? names[0];
}

/** A quantified group that itself holds a quantifier, or a back-reference: the shapes that backtrack for ever. */
const CATASTROPHIC = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{?]|\\[1-9]/;

function compileGrep(req: LogsRequest): RegExp | undefined {
  if (!req.grep) return undefined;
  if (req.grep.length > 200) throw new KubeError('grep is at most 200 characters', { reason: 'BadInput' });
  if (CATASTROPHIC.test(req.grep))
    throw new KubeError(
      `grep ${quote(req.grep)} nests quantifiers or uses a back-reference, which can take exponential time; simplify it`,
      { reason: 'BadInput' },
    );
  try {
    return new RegExp(req.grep, req.ignoreCase ? 'i' : '');
  } catch (err) {
    throw new KubeError(
      `grep ${quote(req.grep)} is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}`,
      { reason: 'BadInput' },
    );
  }
}

function keepNewest(lines: string[], maxBytes: number): { kept: string[]; truncated: boolean } {
  let bytes = 0;
  let start = lines.length;
  while (start > 0) {
    const size = Buffer.byteLength(lines[start - 1]) + 1;
    if (bytes + size > maxBytes) break;
    bytes += size;
    start -= 1;
  }
  return { kept: lines.slice(start), truncated: start > 0 };
}

function explainLogError(err: unknown, namespace: string, pod: string, container: string, previous: boolean): unknown {
  if (!(err instanceof KubeError) || err.status !== 400) return err;
  const said = err.apiMessage ?? '';
  if (previous && /previous terminated container/i.test(said)) {
    return new KubeError(
      `container ${container} of pod ${namespace}/${pod} has not restarted, so it has no previous logs; read the current logs instead`,
      {
        ...err,
        context: err.context,
      },
    );
  }
  if (/waiting to start|ContainerCreating|PodInitializing/i.test(said)) {
    return new KubeError(
      `container ${container} of pod ${namespace}/${pod} has not started yet (${said}); check the pod's events for why`,
      { ...err, context: err.context },
    );
  }
  return err;
}
