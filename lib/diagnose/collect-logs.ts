/**
 * The tail of current and previous logs of a bounded number of failing pods, one per owner first (pods of one owner
 * usually fail alike and fold into one finding). Pods are offered page by page as the pod list comes in, so the
 * logs of the first failing pods are read while the rest of the list is still on its way; what is picked, and the
 * order of the result, are what one pass over the whole list picks.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { redactText } from '../kube/redact';
import { failureKind, slots, type Reader } from './collect-read';
import type { Snapshot } from './types';
import { controllerOf } from './util';

export interface LogOptions {
  /** logs of failing pods only (default), also of running pods (for the Logs analyzer), or none */
  logs?: 'failing' | 'all' | 'none';
  /** pods whose logs are fetched, at most (default 20 failing + 30 running) */
  maxLogPods?: number;
  maxRunningLogPods?: number;
  /** lines from the end of each log (default 50) and bytes per log (default 16 KiB) */
  tailLines?: number;
  logBytes?: number;
}

type Logs = Snapshot['logs'];

interface LogJob {
  pod: V1Pod;
  container: string;
  previous: boolean;
}

/**
 * Log reads in flight at once, of the collector's bound: the pod list's next page, which everything else waits
 * for, keeps a slot.
 */
const LOG_READS = 2;

/**
 * Containers worth reading logs of: crashing, terminated with an error, restarting while not ready, or running and
 * never ready (its log says why the readiness probe fails: a dependency it cannot reach, a certificate it rejects).
 */
function failingContainers(pod: V1Pod): string[] {
  const out: string[] = [];
  // two loops, not one combined array: this looks at every pod of the cluster
  for (const list of [pod.status?.initContainerStatuses, pod.status?.containerStatuses]) {
    if (!list) continue;
    for (const cs of list) {
      const waiting = cs.state?.waiting?.reason;
      const term = cs.state?.terminated;
      const last = cs.lastState?.terminated;
      if (
        waiting === 'CrashLoopBackOff' ||
        (term && term.exitCode !== 0) ||
        (last && (last.reason === 'OOMKilled' || last.reason === 'Error')) ||
        (!cs.ready && (cs.restartCount ?? 0) > 0) ||
        (!cs.ready && !!cs.state?.running && cs.started !== false)
      )
        out.push(cs.name);
    }
  }
  return out;
}

const logKey = (j: LogJob): string => `${j.pod.metadata?.namespace ?? ''}/${j.pod.metadata?.name ?? ''}/${j.container}`;

export class LogCollector {
  private readonly jobs: LogJob[] = [];
  private readonly reads: Promise<void>[] = [];
  private readonly got: Logs = {};
  private readonly seenOwners = new Set<string>();
  /** failing pods of an owner already seen: read only if fewer than maxFailing owners fail */
  private readonly rest: { pod: V1Pod; containers: string[] }[] = [];
  private picked = 0;
  private failure: Error | undefined;
  private readonly limit = slots(LOG_READS);

  constructor(
    private readonly get: Reader,
    private readonly opts: LogOptions,
    private readonly stats: Record<string, number>,
  ) {}

  private get maxFailing(): number {
    return this.opts.maxLogPods ?? 20;
  }

  /** A page of the pod list, in list order. */
  offer(pods: readonly V1Pod[]): void {
    if (this.opts.logs === 'none') return;
    for (const pod of pods) {
      const containers = failingContainers(pod);
      if (!containers.length) continue;
      const owner = controllerOf(pod)?.uid ?? pod.metadata?.uid ?? '';
      // an owner's first failing pod is read at once while there is room; once there is none, none is ever read
      if (!this.seenOwners.has(owner)) {
        this.seenOwners.add(owner);
        if (this.picked < this.maxFailing) this.pick(pod, containers);
      } else this.rest.push({ pod, containers });
    }
  }

  /** Once the whole pod list is in: the rest of the picks, then every read done; the logs in the order picked. */
  async finish(allPods: readonly V1Pod[]): Promise<Logs> {
    if (this.opts.logs === 'none') return {};
    for (const r of this.rest) if (this.picked < this.maxFailing) this.pick(r.pod, r.containers);
    if (this.opts.logs === 'all') this.pickRunning(allPods);
    await Promise.all(this.reads);
    if (this.failure !== undefined) throw this.failure;
    const ordered: Logs = {};
    for (const j of this.jobs) {
      const key = logKey(j);
      if (this.got[key] && !ordered[key]) ordered[key] = this.got[key];
    }
    return ordered;
  }

  private pick(pod: V1Pod, containers: string[]): void {
    this.picked++;
    for (const c of containers) {
      const cs = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find(
        (s) => s.name === c,
      );
      this.start({ pod, container: c, previous: false });
      if ((cs?.restartCount ?? 0) > 0 || cs?.lastState?.terminated) this.start({ pod, container: c, previous: true });
    }
  }

  private pickRunning(pods: readonly V1Pod[]): void {
    const max = this.opts.maxRunningLogPods ?? 30;
    let n = 0;
    for (const pod of pods) {
      if (n >= max) break;
      if (pod.status?.phase !== 'Running' || failingContainers(pod).length) continue;
      n++;
      for (const cs of pod.status?.containerStatuses ?? [])
        if (cs.state?.running) this.start({ pod, container: cs.name, previous: false });
    }
  }

  private start(j: LogJob): void {
    this.jobs.push(j);
    this.reads.push(
      this.limit(() => this.read(j)).catch((err: unknown) => {
        this.failure ??= err instanceof Error ? err : new Error(String(err));
      }),
    );
  }

  private async read(j: LogJob): Promise<void> {
    if (this.failure !== undefined) return;
    const ns = j.pod.metadata?.namespace ?? '';
    const name = j.pod.metadata?.name ?? '';
    const key = logKey(j);
    try {
      const res = await this.get<string>({
        path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}/log`,
        query: {
          container: j.container,
          tailLines: this.opts.tailLines ?? 50,
          limitBytes: this.opts.logBytes ?? 16384,
          previous: j.previous ? 'true' : undefined,
        },
        text: true,
        context: { verb: 'logs', kind: 'Pod', namespace: ns, name },
      });
      const entry = (this.got[key] ??= {});
      if (j.previous) entry.previous = redactText(res.body);
      else entry.current = redactText(res.body);
      this.stats['logs.fetched'] = (this.stats['logs.fetched'] ?? 0) + 1;
    } catch (err) {
      if (failureKind(err) === 'fatal') throw err;
      // No previous container yet is normal; current logs that cannot be read (forbidden, kubelet down) are said
      this.stats['logs.missing'] = (this.stats['logs.missing'] ?? 0) + 1;
      const status = (err as { status?: number }).status;
      if (!j.previous || status === 403) {
        const entry = (this.got[key] ??= {});
        entry.unreadable = redactText(err instanceof Error ? err.message.split('\n')[0].slice(0, 200) : String(err));
      }
    }
  }
}
