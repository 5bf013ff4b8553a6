/** Pods: NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES, with kubectl's status logic. */
import { arr, getPath, obj, str, type KubeObject, scalar } from '../../model';
import { ageOf } from '../age';
import { col, type Printer, type RowCondition } from '../types';

const SUCCEEDED: RowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: RowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

type Status = Record<string, unknown>;

function terminated(s: Status): Status | undefined {
  const t = obj(s.state).terminated;
  return t && typeof t === 'object' ? (t as Status) : undefined;
}

function waiting(s: Status): Status | undefined {
  const w = obj(s.state).waiting;
  return w && typeof w === 'object' ? (w as Status) : undefined;
}

function lastFinished(s: Status): number | undefined {
  const at = str(obj(obj(s.lastState).terminated).finishedAt);
  return at ? Date.parse(at) : undefined;
}

export function podStatusCells(
  pod: KubeObject,
  now = Date.now(),
): { ready: string; reason: string; restarts: string; conditions?: RowCondition[] } {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const totalContainers = arr(spec.containers).length;
  let readyContainers = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  const noteRestart = (s: Status) => {
    restarts += Number(s.restartCount ?? 0);
    const t = lastFinished(s);
    if (t !== undefined && !Number.isNaN(t) && (lastRestart === undefined || t > lastRestart)) lastRestart = t;
  };
  let reason = str(status.reason) || str(status.phase) || '';
  const phase = str(status.phase);
  const conditions = phase === 'Succeeded' ? SUCCEEDED : phase === 'Failed' ? FAILED : undefined;

  let initializing = false;
  const inits = arr(status.initContainerStatuses).map(obj);
  const initSpecs = arr(spec.initContainers);
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    noteRestart(c);
    const t = terminated(c);
    const w = waiting(c);
    if (t && Number(t.exitCode ?? 0) === 0) continue;
    if (t) {
      const r = str(t.reason);
      if (!r)
        reason = Number(t.signal ?? 0) ? `Init:Signal:${scalar(t.signal)}` : `Init:ExitCode:${scalar(t.exitCode ?? 0)}`;
      else reason = `Init:${r}`;
    } else if (w && str(w.reason) && w.reason !== 'PodInitializing') reason = `Init:${scalar(w.reason)}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }
  if (!initializing) {
    restarts = 0;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses).map(obj);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      noteRestart(c);
      const w = waiting(c);
      const t = terminated(c);
      if (w && str(w.reason)) reason = str(w.reason) ?? reason;
      else if (t && str(t.reason)) reason = str(t.reason) ?? reason;
      else if (t) reason = Number(t.signal ?? 0) ? `Signal:${scalar(t.signal)}` : `ExitCode:${scalar(t.exitCode ?? 0)}`;
      else if (c.ready === true && obj(c.state).running) {
        hasRunning = true;
        readyContainers += 1;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = arr(status.conditions)
        .map(obj)
        .some((c) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  const restartText =
    lastRestart !== undefined
      ? `${restarts} (${ageOf(new Date(lastRestart).toISOString(), now)} ago)`
      : String(restarts);
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartText, conditions };
}

export const podPrinter: Printer = {
  columns: [
    col('Name'),
    col('Ready', 0, 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 0, 'string', 'The aggregate status of the containers in this pod.'),
    col(
      'Restarts',
      0,
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    col('Age'),
    col(
      'IP',
      1,
      'string',
      'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
    ),
    col('Node', 1, 'string', 'NodeName indicates in which node this pod is scheduled.'),
    col('Nominated Node', 1, 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node.'),
    col('Readiness Gates', 1, 'string', 'If specified, all readiness gates will be evaluated for pod readiness.'),
  ],
  row(pod) {
    const s = podStatusCells(pod);
    const status = obj(pod.status);
    const podIPs = arr(status.podIPs).map(obj);
    const ip = str(podIPs[0]?.ip) || '<none>';
    const node = str(getPath(pod, ['spec', 'nodeName'])) || '<none>';
    const nominated = str(status.nominatedNodeName) || '<none>';
    const gates = arr(getPath(pod, ['spec', 'readinessGates'])).map(obj);
    let readiness = '<none>';
    if (gates.length) {
      const conds = arr(status.conditions).map(obj);
      const ok = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
      readiness = `${ok}/${gates.length}`;
    }
    return {
      cells: [
        pod.metadata.name ?? '',
        s.ready,
        s.reason,
        s.restarts,
        ageOf(pod.metadata.creationTimestamp),
        ip,
        node,
        nominated,
        readiness,
      ],
      conditions: s.conditions,
    };
  },
};
