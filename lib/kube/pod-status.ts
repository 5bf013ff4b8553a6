/** The STATUS, READY and RESTARTS columns of `kubectl get pods`, computed the way kubectl's printer does. */
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { toDate } from './age';

export interface PodStatusSummary {
  /** CrashLoopBackOff, ImagePullBackOff, Pending, Running, Completed, Init:0/1, Terminating… */
  status: string;
  /** "1/2" */
  ready: string;
  readyCount: number;
  total: number;
  restarts: number;
  /** when the most recent restart's container terminated */
  lastRestart?: Date;
}

export function podStatus(pod: V1Pod): PodStatusSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const total = spec?.containers?.length ?? 0;
  let reason: string = status.reason || status.phase || 'Unknown';
  let restarts = 0;
  let readyCount = 0;
  let lastRestart: Date | undefined;
  const noteRestart = (cs: V1ContainerStatus): void => {
    restarts += cs.restartCount ?? 0;
    const finished = toDate(cs.lastState?.terminated?.finishedAt);
    if (finished && (!lastRestart || finished > lastRestart)) lastRestart = finished;
  };

  // sidecars are init containers with restartPolicy Always: they count as regular containers once started
  const sidecars = new Set((spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const initCount = spec?.initContainers?.length ?? 0;
  let initializing = false;
  for (const [i, cs] of (status.initContainerStatuses ?? []).entries()) {
    noteRestart(cs);
    if (sidecars.has(cs.name)) {
      if (cs.started) continue;
    } else if (cs.state?.terminated && cs.state.terminated.exitCode === 0) {
      continue;
    }
    const t = cs.state?.terminated;
    const w = cs.state?.waiting;
    if (t)
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (w?.reason && w.reason !== 'PodInitializing') reason = `Init:${w.reason}`;
    else reason = `Init:${i}/${initCount}`;
    initializing = true;
    break;
  }

  const totalWithSidecars = total + sidecars.size;
  if (!initializing) {
    restarts = (status.initContainerStatuses ?? [])
      .filter((cs) => sidecars.has(cs.name))
      .reduce((n, cs) => n + (cs.restartCount ?? 0), 0);
    readyCount = (status.initContainerStatuses ?? []).filter((cs) => sidecars.has(cs.name) && cs.ready).length;
    let hasRunning = false;
    for (const cs of [...(status.containerStatuses ?? [])].reverse()) {
      noteRestart(cs);
      const w = cs.state?.waiting;
      const t = cs.state?.terminated;
      if (w?.reason) reason = w.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyCount += 1;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return {
    status: reason,
    ready: `${readyCount}/${totalWithSidecars}`,
    readyCount,
    total: totalWithSidecars,
    restarts,
    lastRestart,
  };
}

/** Statuses that mean a pod is failing (used to pick the pod whose logs matter). */
export function isFailingStatus(status: string): boolean {
  return /BackOff|Err|Error|OOMKilled|Failed|Unknown|Evicted|ContainerCannotRun|CreateContainer|InvalidImageName|Init:(?!\d)|Signal:|ExitCode:/.test(
    status,
  );
}
