/**
 * Why a pod is not running and ready, followed to the root cause:
 * CrashLoopBackOff → last termination (OOMKilled at the memory limit, exit code, liveness/startup probe) → error log
 * lines; ImagePullBackOff → the pull error; Pending → scheduler message → unbound PVC → StorageClass / provisioner;
 * ContainerCreating → FailedMount (missing ConfigMap/Secret) or sandbox errors; not ready → probe text; evicted → node.
 * A failing probe aimed at a port the container does not declare ends there (probe.ts); a crash or failing probe
 * whose logs show connections failing ends at the NetworkPolicy that drops them or the Service that cannot serve
 * (connect.ts). Both reuse the fact the Probe / NetworkPolicy / Service finding names, so the findings merge.
 *
 * The root cause of a spec problem names the top owner (the Deployment, not the pod) because that is what to fix,
 * and because pods of one owner failing the same way then fold into one finding.
 */
import type {
  CoreV1Event,
  V1ContainerStatus,
  V1Job,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
} from '@kubernetes/client-node';
import { cause, missingCause } from '../cause';
import { indexes, lookup, memoised, podUsage } from '../context';
import { statusPlainlyHealthy } from '../pod-facts';
import { probePortClause, type ProbeKind } from '../probe-check';
import type { AnalyzerContext, Evidence, ObjectRef } from '../types';
import { bytesText, clip, containerSpec, controllerOf, quantity, ref } from '../util';
import { connectionCause, initWaitCause } from './connect';
import { exitMeaning } from './exit';
import { classifyPullError, PULL_CODE, pullDetail, pullFact, pullSuggestion, registryOf, tagOf } from './image';
import { errorLines, keyLine } from './logs';
import { admissionRejectCause } from '../families/kubelet-admit';
import { containerLostCause } from '../families/container-hook';
import { podTerminatingCause } from '../families/terminating';
import { preStopFailureCause, preStopSleepCause } from '../families/prestop-hook';
import { refinePodProblem } from '../families/pod-refine';
import { volumeAttachCause } from '../families/volume-attach';
import { parseStorageLimitEviction } from '../messages/eviction';
import { parseMountFailure, parseSandboxFailure } from '../messages/volume-mount';
import type { Explanation } from './explanation';
import { explainPvc } from './pvc';
import { probePortCause, type ProbePortCause } from './probe';
import { missingRefIn } from './refs';
import { explainUnschedulable } from './unschedulable';

export interface PodProblem extends Explanation {
  container?: string;
}

const PULL_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
  'ImageInspectError',
]);
const START_REASONS = new Set([
  'CreateContainerError',
  'RunContainerError',
  'PreStartHookError',
  'PreCreateHookError',
  'StartError',
  'ContainerCannotRun',
]);

export interface PodFacts {
  pod: V1Pod;
  ns: string;
  name: string;
  me: ObjectRef;
  /** the object whose spec to change: the top owner, or the pod itself */
  specRef: ObjectRef;
  events: CoreV1Event[];
  describe: string;
}

/**
 * The owner, events and command are worked out when first read: most pods of a big cluster are healthy, and their
 * explanation reads none of them. (A class, so that the getters live on its prototype and each pod costs one plain
 * object.)
 */
class LazyPodFacts implements PodFacts {
  readonly ns: string;
  readonly name: string;
  readonly me: ObjectRef;
  private owner?: ObjectRef;
  private podEvents?: CoreV1Event[];

  constructor(
    private readonly ctx: AnalyzerContext,
    readonly pod: V1Pod,
  ) {
    this.ns = pod.metadata?.namespace ?? '';
    this.name = pod.metadata?.name ?? '';
    this.me = ref('Pod', pod);
  }

  get specRef(): ObjectRef {
    return (this.owner ??= this.ctx.topOwner(this.pod) ?? this.me);
  }

  get events(): CoreV1Event[] {
    return (this.podEvents ??= this.ctx.eventsFor('Pod', this.ns, this.name));
  }

  get describe(): string {
    return `kubectl describe pod ${this.name} -n ${this.ns}`;
  }
}

function facts(ctx: AnalyzerContext, pod: V1Pod): PodFacts {
  return new LazyPodFacts(ctx, pod);
}

function containerLabel(name: string, init: boolean): string {
  return `${init ? 'init container' : 'container'} ${name}`;
}

function eventText(e: CoreV1Event): string {
  return `${e.reason ?? ''}: ${clip(e.message ?? '', 300)}`;
}

/** Pods of a Job that finished successfully are history, not problems. */
function inCompletedJob(ctx: AnalyzerContext, pod: V1Pod): boolean {
  const owner = controllerOf(pod);
  if (owner?.kind !== 'Job') return false;
  const job = lookup<V1Job>(ctx.snapshot, 'Job', pod.metadata?.namespace, owner.name);
  return !!job?.status?.conditions?.some(
    (c) => (c.type === 'Complete' || c.type === 'SuccessCriteriaMet') && c.status === 'True',
  );
}

/** Why a pod fails; worked out once per run (the Pod analyzer, workloads and Services all ask about the same pods). */
export function explainPod(ctx: AnalyzerContext, pod: V1Pod): PodProblem[] {
  if (plainlyHealthy(ctx, pod)) return [];
  const explain = ctx.memo('explain.pod', () =>
    memoised((p: V1Pod): readonly PodProblem[] => computePodProblems(ctx, p), []),
  );
  return [...explain(pod)];
}

/** explainPod without the healthy shortcut and the memo, for the test that holds the shortcut to its word. */
export function explainPodFully(ctx: AnalyzerContext, pod: V1Pod): PodProblem[] {
  return computePodProblems(ctx, pod);
}

/**
 * A pod none of the checks below can find anything wrong with, told from its status alone: Running on a node that
 * is not NotReady, not being deleted, every container running and ready (init containers done) with no waiting
 * state and no OOM kill behind it, and no FailedPreStopHook event in the cluster. Most pods of a big cluster are
 * such pods, and each would otherwise cost the walk through every check, its facts and a memo entry. Strictly
 * narrower than "computePodProblems finds nothing" (test/diagnose/coverage.test.ts checks it on every scenario).
 */
export function plainlyHealthy(ctx: AnalyzerContext, pod: V1Pod): boolean {
  const ix = indexes(ctx.snapshot);
  if (!ix.podFacts.statusHealthy.has(pod) && !statusPlainlyHealthy(pod)) return false;
  const quick = clusterFacts(ctx);
  return !quick.preStopFailed && (quick.notReady.size === 0 || !quick.notReady.has(pod.spec?.nodeName ?? ''));
}

/**
 * The pods explainPod may find something wrong with, in snapshot order: while no node is NotReady and no preStop
 * hook failed, only those whose status alone shows something (gathered as the pages came), so that a check of every
 * pod does not touch the thousands of healthy ones spread through the heap; otherwise every pod.
 */
export function podsToExplain(ctx: AnalyzerContext): readonly V1Pod[] {
  const quick = clusterFacts(ctx);
  if (quick.preStopFailed || quick.notReady.size > 0) return ctx.snapshot.pods;
  return indexes(ctx.snapshot).podFacts.statusUnhealthy;
}

/** What plainlyHealthy asks of the cluster beyond the pod: nodes not Ready, and whether any preStop hook failed. */
function clusterFacts(ctx: AnalyzerContext): { notReady: Set<string>; preStopFailed: boolean } {
  return ctx.memo('explain.pod.quick', () => {
    const notReady = new Set<string>();
    for (const n of ctx.snapshot.nodes) {
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready && ready.status !== 'True') notReady.add(n.metadata?.name ?? '');
    }
    return { notReady, preStopFailed: eventReasons(ctx).has('FailedPreStopHook') };
  });
}

function computePodProblems(ctx: AnalyzerContext, pod: V1Pod): PodProblem[] {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || inCompletedJob(ctx, pod)) return [];
  const f = facts(ctx, pod);
  const terminal = failedPodReason(ctx, f);
  if (terminal) return [terminal];
  const stuck = terminatingProblem(ctx, f);
  if (stuck) return [stuck];

  const problems: PodProblem[] = [];
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  const mainStatuses = pod.status?.containerStatuses ?? [];
  if (phase === 'Pending' && !pod.spec?.nodeName) {
    const p = pendingProblem(ctx, f);
    if (p) problems.push(p);
  }
  // loops, not a combined array: this runs for every pod of the cluster
  for (const cs of initStatuses) {
    const p = containerProblem(ctx, f, cs, true);
    if (p) problems.push(p);
  }
  for (const cs of mainStatuses) {
    const p = containerProblem(ctx, f, cs, false);
    if (p) problems.push(p);
  }
  if (problems.length === 0 && pod.spec?.nodeName) {
    const node = nodeProblem(ctx, f);
    if (node) return [node];
    // only a Pending pod can be stuck creating (creatingProblem says so too); the others skip gathering statuses
    const mount = phase === 'Pending' ? creatingProblem(ctx, f, [...initStatuses, ...mainStatuses]) : undefined;
    if (mount) problems.push(mount);
  }
  // a container restarted (a liveness kill, a node drain) whose preStop hook failed on the way down; asked of
  // every healthy pod, so the pod's events and top owner are looked up only when the cluster has such an event
  if (problems.length === 0 && eventReasons(ctx).has('FailedPreStopHook')) {
    const hook = preStopFailureCause(pod, f.specRef, f.events);
    if (hook)
      problems.push({
        severity: 'warning',
        reason: 'PreStopHookFailed',
        message: `Pod ${f.ns}/${f.name}: ${hook.rootCause.fact}.`,
        evidence: hook.evidence,
        rootCause: hook.rootCause,
        suggestion: hook.suggestion,
        commands: [f.describe, ...hook.commands],
      });
  }
  return problems.map((p) => refinePodProblem(ctx.snapshot, pod, f.specRef, f.events, p));
}

/** The reasons of every event in the snapshot, once per run: a check that needs one event reason can skip pods. */
function eventReasons(ctx: AnalyzerContext): ReadonlySet<string> {
  return ctx.memo('explain.pod.eventReasons', () => {
    const reasons = new Set<string>();
    for (const e of ctx.snapshot.events) if (e.reason) reasons.add(e.reason);
    return reasons;
  });
}

/** Evicted and other kubelet rejections leave a Failed pod with status.reason set. */
function failedPodReason(ctx: AnalyzerContext, f: PodFacts): PodProblem | undefined {
  const { pod, ns, name, me } = f;
  const reason = pod.status?.reason;
  if (pod.status?.phase !== 'Failed' || !reason) return undefined;
  const message = pod.status?.message ?? '';
  const node = pod.spec?.nodeName;
  const nodeRef: ObjectRef = node ? { kind: 'Node', name: node } : me;
  const evidence: Evidence = {
    source: 'field',
    object: me,
    text: `status.reason=${reason}, status.message=${clip(message, 300)}`,
  };
  const overLimit = reason === 'Evicted' ? parseStorageLimitEviction(message) : undefined;
  if (overLimit) {
    // the pod's own ephemeral-storage limit (or an emptyDir sizeLimit), on a node that is not under pressure
    return {
      severity: 'warning',
      reason: 'Evicted',
      message: `Pod ${ns}/${name} was evicted${node ? ` from node ${node}` : ''}: ${clip(message, 240)}`,
      evidence: [evidence],
      rootCause: cause(f.specRef, 'EphemeralStorageLimitExceeded', { ...overLimit, node }, evidence),
      suggestion:
        overLimit.scope === 'emptyDir'
          ? `Raise the sizeLimit of emptyDir volume ${overLimit.volume} or stop the pod writing that much into it.`
          : 'Raise the ephemeral-storage limit, or stop writing logs/temp files to the container filesystem (use a volume or rotate).',
      commands: [f.describe, `kubectl get pod ${name} -n ${ns} -o jsonpath='{.spec.containers[*].resources}'`],
    };
  }
  if (reason === 'Evicted') {
    // Older kubelets say "which exceeds its request of 0", newer ones "request is 0, has larger consumption of".
    const overRequest = /exceeds its request|request is 0|larger consumption of/i.test(message);
    const resource = /low on resource: ([\w.-]+)/i.exec(message)?.[1]?.replace(/\.$/, '');
    return {
      severity: 'warning',
      reason: 'Evicted',
      message: `Pod ${ns}/${name} was evicted${node ? ` from node ${node}` : ''}: ${clip(message || 'no message', 240)}`,
      evidence: [evidence],
      rootCause: overRequest
        ? cause(f.specRef, 'EvictedOverRequest', { node, resource }, evidence)
        : cause(nodeRef, 'NodeResourcePressure', { node, resource }, evidence),
      suggestion: overRequest
        ? 'Set resource requests close to real usage so the pod is not the first evicted; check what fills the node.'
        : 'Free the node resource under pressure (disk, memory) or add capacity; delete leftover evicted pods.',
      commands: [
        f.describe,
        node ? `kubectl describe node ${node}` : 'kubectl get nodes',
        `kubectl delete pod ${name} -n ${ns}`,
      ],
    };
  }
  const admit = admissionRejectCause(ctx.snapshot, pod, f.specRef, reason, message, evidence);
  return {
    severity: admit.severity,
    reason,
    message: `Pod ${ns}/${name} failed with ${reason}: ${clip(message || 'no message', 240)}`,
    evidence: admit.evidence,
    rootCause: admit.rootCause,
    suggestion: admit.suggestion,
    commands: [f.describe, ...admit.commands],
  };
}

/** A deleted pod still there long after its grace period: the finalizer or the node that holds it. */
function terminatingProblem(ctx: AnalyzerContext, f: PodFacts): PodProblem | undefined {
  // asked of every pod: the owner lookup behind specRef is only worth it for a pod being deleted
  if (!f.pod.metadata?.deletionTimestamp) return undefined;
  const held = podTerminatingCause(ctx.snapshot, f.pod, f.specRef);
  // A finalizer or a lost node outweighs the hook; otherwise a failing or over-long preStop hook is what the
  // kubelet is busy with while the pod shows Terminating.
  const c =
    held && held.rootCause.code !== 'PodStuckTerminating'
      ? held
      : (preStopFailureCause(f.pod, f.specRef, f.events) ?? preStopSleepCause(ctx.snapshot, f.pod, f.specRef) ?? held);
  if (!c) return undefined;
  if (c !== held)
    return {
      severity: 'warning',
      reason: c.rootCause.code,
      message: `Pod ${f.ns}/${f.name} is Terminating: ${c.rootCause.fact}.`,
      evidence: c.evidence,
      rootCause: c.rootCause,
      suggestion: c.suggestion,
      commands: [f.describe, ...c.commands],
    };
  return {
    severity: 'warning',
    reason: 'StuckTerminating',
    message: `Pod ${f.ns}/${f.name} is stuck Terminating: ${c.rootCause.fact}.`,
    evidence: c.evidence,
    rootCause: c.rootCause,
    suggestion: c.suggestion,
    commands: [f.describe, ...c.commands],
  };
}

function pendingProblem(ctx: AnalyzerContext, f: PodFacts): PodProblem | undefined {
  const { pod, ns, name, me } = f;
  const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (cond?.reason === 'SchedulingGated') {
    const gateNames = (pod.spec?.schedulingGates ?? []).map((g) => g.name);
    const gates = gateNames.join(', ');
    const ev: Evidence = {
      source: 'condition',
      object: me,
      text: `PodScheduled=False reason=SchedulingGated ${cond.message ?? ''}`.trim(),
    };
    return {
      severity: 'warning',
      reason: 'SchedulingGated',
      message: `Pod ${ns}/${name} is held back by scheduling gates${gates ? ` (${gates})` : ''}.`,
      evidence: [ev],
      rootCause: cause(f.specRef, 'SchedulingGated', { gates: gateNames }, ev),
      suggestion: 'The controller that owns the gate must remove it; check that it is running.',
      commands: [f.describe],
    };
  }
  const schedEvent = f.events.find((e) => e.reason === 'FailedScheduling');
  const schedMessage = (cond?.status === 'False' && cond.message) || schedEvent?.message || '';
  const schedEvidence: Evidence[] = schedMessage
    ? [
        {
          source: schedEvent && !cond?.message ? 'event' : 'condition',
          object: me,
          text: `FailedScheduling: ${clip(schedMessage, 400)}`,
        },
      ]
    : [];

  // A pending claim blocks scheduling whatever the scheduler says about nodes, so follow it first.
  for (const v of pod.spec?.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (!claim) continue;
    const pvc = lookup<V1PersistentVolumeClaim>(ctx.snapshot, 'PersistentVolumeClaim', ns, claim);
    const pvcRef: ObjectRef = { kind: 'PersistentVolumeClaim', namespace: ns, name: claim };
    if (!pvc) {
      const ev: Evidence = {
        source: 'field',
        object: me,
        text: `volume ${v.name}: persistentVolumeClaim.claimName=${claim}`,
      };
      return {
        severity: 'critical',
        reason: 'PVCNotFound',
        message: `Pod ${ns}/${name} mounts PersistentVolumeClaim ${claim}, which does not exist.`,
        evidence: [ev, ...schedEvidence],
        rootCause: missingCause(pvcRef, undefined, ev),
        suggestion: `Create PersistentVolumeClaim ${claim} in ${ns} or fix the claim name in the pod template.`,
        commands: [f.describe, `kubectl get pvc -n ${ns}`],
      };
    }
    const why = explainPvc(ctx, pvc);
    if (why) {
      return {
        ...why,
        severity: 'critical',
        reason: 'UnboundPVC',
        message: `Pod ${ns}/${name} is Pending because PersistentVolumeClaim ${claim} is ${pvc.status?.phase ?? 'unbound'}: ${why.rootCause.fact}.`,
        evidence: [
          ...schedEvidence,
          {
            source: 'field',
            object: pvcRef,
            text: `status.phase=${pvc.status?.phase ?? ''}, storageClassName=${pvc.spec?.storageClassName ?? '(default)'}`,
          },
          ...why.evidence,
        ],
        commands: [f.describe, ...why.commands],
      };
    }
  }
  if (!schedMessage) return undefined;
  const p = explainUnschedulable(ctx, pod, f.specRef, schedMessage);
  return { ...p, evidence: [...schedEvidence, ...p.evidence], commands: [f.describe, ...p.commands] };
}

function logEvidence(ctx: AnalyzerContext, f: PodFacts, container: string): { evidence: Evidence[]; key?: string } {
  const logs = ctx.snapshot.logs[`${f.ns}/${f.name}/${container}`];
  if (!logs) return { evidence: [] };
  const evidence: Evidence[] = [];
  const prev = errorLines(logs.previous);
  const cur = errorLines(logs.current);
  const tag = (which: string, p: typeof prev) => `[${container}${which}${p.warnings ? ', warnings' : ''}]`;
  for (const l of prev.lines) evidence.push({ source: 'log', object: f.me, text: `${tag(' previous', prev)} ${l}` });
  for (const l of cur.lines) evidence.push({ source: 'log', object: f.me, text: `${tag('', cur)} ${l}` });
  const fallback = prev.lastLine ?? cur.lastLine;
  if (evidence.length === 0 && fallback)
    evidence.push({ source: 'log', object: f.me, text: `[${container} last line] ${fallback}` });
  // Only an error line may stand in the root-cause fact; warnings are context.
  const errors = !prev.warnings && prev.lines.length ? prev.lines : !cur.warnings ? cur.lines : [];
  return { evidence, key: keyLine(errors) };
}

function containerProblem(
  ctx: AnalyzerContext,
  f: PodFacts,
  cs: V1ContainerStatus,
  init: boolean,
): PodProblem | undefined {
  const waiting = cs.state?.waiting;
  if (waiting?.reason === 'CrashLoopBackOff')
    return crashProblem(ctx, f, cs, init, 'CrashLoopBackOff', cs.lastState?.terminated);
  if (waiting?.reason && PULL_REASONS.has(waiting.reason))
    return pullProblem(f, cs, containerLabel(cs.name, init), waiting.reason, waiting.message);
  if (waiting?.reason === 'CreateContainerConfigError' || (waiting?.reason && START_REASONS.has(waiting.reason)))
    return configProblem(ctx, f, cs, init, waiting.reason, waiting.message ?? '');
  const term = cs.state?.terminated;
  if (term?.reason === 'ContainerStatusUnknown') return lostProblem(ctx, f, cs, init);
  if (term && term.exitCode !== 0 && f.pod.status?.phase !== 'Running') {
    return crashProblem(ctx, f, cs, init, term.reason === 'OOMKilled' ? 'OOMKilled' : 'ContainerFailed', term);
  }
  if (init && cs.state?.running && f.pod.status?.phase === 'Pending') {
    // the pod stays in Init while this container loops; reported only when what it waits for is found
    const wait = initWaitCause(ctx, f.pod, cs.name);
    if (wait)
      return {
        severity: 'critical',
        reason: 'InitContainerWaiting',
        container: cs.name,
        message: `Pod ${f.ns}/${f.name}: init container ${cs.name} never completes: ${wait.why}.`,
        evidence: wait.evidence,
        rootCause: wait.rootCause,
        via: wait.via,
        suggestion: wait.suggestion,
        commands: [f.describe, `kubectl logs ${f.name} -n ${f.ns} -c ${cs.name} --tail=20`, ...wait.commands],
      };
  }
  if (cs.state?.running && !cs.ready && f.pod.status?.phase === 'Running' && !init) {
    const node = nodeProblem(ctx, f);
    if (node) return node;
    return readinessProblem(ctx, f, cs, containerLabel(cs.name, init));
  }
  if (cs.state?.running && cs.lastState?.terminated?.reason === 'OOMKilled') {
    const p = crashProblem(ctx, f, cs, init, 'OOMKilledRestart', cs.lastState.terminated);
    return {
      ...p,
      severity: 'warning',
      message: `${p.message} It is running again after ${cs.restartCount ?? 0} restart(s).`,
    };
  }
  return undefined;
}

/** The kubelet lost the container (ContainerStatusUnknown): the node is the story, not the exit code 137. */
function lostProblem(ctx: AnalyzerContext, f: PodFacts, cs: V1ContainerStatus, init: boolean): PodProblem {
  const lost = containerLostCause(ctx.snapshot, f.pod, cs.name);
  const nodeDown = lost.rootCause.object.kind === 'Node';
  return {
    severity: nodeDown ? 'critical' : 'warning',
    reason: 'ContainerStatusUnknown',
    container: cs.name,
    message: `Pod ${f.ns}/${f.name}: ${containerLabel(cs.name, init)} could not be located when the pod was terminated${f.pod.spec?.nodeName ? ` on node ${f.pod.spec.nodeName}` : ''}.`,
    evidence: lost.evidence,
    rootCause: lost.rootCause,
    suggestion: lost.suggestion,
    commands: [f.describe, ...lost.commands],
  };
}

type Terminated = NonNullable<V1ContainerStatus['lastState']>['terminated'];

function crashProblem(
  ctx: AnalyzerContext,
  f: PodFacts,
  cs: V1ContainerStatus,
  init: boolean,
  reason: string,
  term: Terminated,
): PodProblem {
  const { ns, name, me } = f;
  const label = containerLabel(cs.name, init);
  const code = term?.exitCode;
  const termReason = term?.reason;
  const evidence: Evidence[] = [];
  if (term)
    evidence.push({
      source: 'field',
      object: me,
      text: `${label} last terminated: reason=${termReason ?? 'Unknown'} exitCode=${code ?? '?'}${term.message ? ` message=${clip(term.message, 200)}` : ''}; restarts=${cs.restartCount ?? 0}`,
    });
  const logs = logEvidence(ctx, f, cs.name);
  const logCmd = `kubectl logs ${name} -n ${ns} -c ${cs.name} --previous --tail=50`;
  const meaning = exitMeaning(code, termReason);
  const crashWords = reason === 'CrashLoopBackOff' ? 'keeps crashing (CrashLoopBackOff)' : 'terminated';

  if (termReason === 'OOMKilled') {
    const spec = containerSpec(f.pod, cs.name);
    const limitText = spec?.resources?.limits?.memory;
    const limit = quantity(limitText);
    const usage = podUsage(ctx.snapshot, ns, name)?.containers.find((c) => c.name === cs.name)?.memoryBytes;
    if (limitText)
      evidence.push({ source: 'field', object: me, text: `${label} resources.limits.memory=${limitText}` });
    if (usage !== undefined)
      evidence.push({
        source: 'metric',
        object: me,
        text: `${label} memory usage ${bytesText(usage)}${Number.isFinite(limit) ? ` (${Math.round((usage / limit) * 100)}% of limit)` : ''}`,
      });
    evidence.push(...logs.evidence);
    const limitFact = limitText ? `its memory limit ${bytesText(limit)}` : "the node's memory (no limit set)";
    return {
      severity: reason === 'OOMKilledRestart' ? 'warning' : 'critical',
      reason: reason === 'CrashLoopBackOff' ? 'CrashLoopBackOff' : 'OOMKilled',
      container: cs.name,
      message: `Pod ${ns}/${name}: ${label} ${crashWords}; it was OOMKilled (exit code ${code ?? 137}) at ${limitFact}.`,
      evidence,
      rootCause: cause(
        f.specRef,
        'OOMKilled',
        {
          container: cs.name,
          init,
          limit: limitText ? bytesText(limit) : undefined,
          usage: usage !== undefined ? bytesText(usage) : undefined,
          exitCode: code ?? 137,
        },
        evidence[0],
      ),
      suggestion: limitText
        ? `Raise resources.limits.memory above ${bytesText(limit)} (and requests to match) or reduce the application's memory use (heap size, caches, leaks).`
        : 'Set memory requests and limits that fit the workload; the node ran out of memory.',
      commands: [f.describe, logCmd, `kubectl top pod ${name} -n ${ns} --containers`],
    };
  }

  const killed = probeKill(ctx, f, cs, code);
  if (killed) {
    evidence.push(...killed.evidence, ...logs.evidence);
    const { kind, probeText, port } = killed;
    const Kind = kind === 'liveness' ? 'Liveness' : 'Startup';
    const problem: PodProblem = {
      severity: 'critical',
      reason: `${Kind}ProbeFailed`,
      container: cs.name,
      message: `Pod ${ns}/${name}: ${label} ${crashWords}; the kubelet kills it because its ${kind} probe fails: ${probeText}${port ? `; ${probePortClause(port.problem)}` : ''}`,
      evidence,
      rootCause:
        port?.rootCause ??
        cause(
          f.specRef,
          'ProbeFailed',
          { probe: kind, container: cs.name, init, message: probeText },
          killed.evidence[0],
        ),
      suggestion:
        port?.suggestion ??
        'Check the probe path, port and timing (initialDelaySeconds/timeoutSeconds) against how long the app takes to answer; use a startupProbe for slow starts.',
      commands: [f.describe, logCmd],
    };
    return port ? problem : withConnectionCause(ctx, f, cs.name, problem);
  }

  if (termReason && START_REASONS.has(termReason)) {
    // The runtime could not start the process at all; its message names the missing binary or bad mount.
    const why = runtimeReason(term?.message ?? termReason);
    evidence.push(...logs.evidence);
    return {
      severity: 'critical',
      reason: termReason,
      container: cs.name,
      message: `Pod ${ns}/${name}: ${label} ${crashWords}; the runtime cannot start it: ${why}`,
      evidence,
      rootCause: cause(
        f.specRef,
        'ContainerStartFailed',
        { container: cs.name, init, reason: termReason, message: why },
        evidence[0],
      ),
      suggestion: /no such file|not found|executable/i.test(why)
        ? 'The command or entrypoint does not exist in the image; fix command/args or the image.'
        : 'Fix what the container runtime rejects (command, mounts, security context).',
      commands: [f.describe],
    };
  }
  evidence.push(...logs.evidence);
  const runMessage = term?.message ? clip(term.message, 200) : undefined;
  const detail = logs.key ?? runMessage ?? meaning ?? 'no log line explains it';
  const codeText = `exits with code ${code ?? '?'}${termReason ? ` (${termReason})` : ''}`;
  return withConnectionCause(ctx, f, cs.name, {
    severity: 'critical',
    reason,
    container: cs.name,
    // A generic meaning ("the application exited with an error") adds nothing once a log line says why.
    message: `Pod ${ns}/${name}: ${label} ${crashWords}; it ${codeText}${logs.key ? `: ${logs.key}` : meaning ? `: ${meaning}` : ''}.`,
    evidence,
    rootCause: cause(
      f.specRef,
      'ContainerExited',
      { container: cs.name, init, exitCode: code, reason: termReason, detail, logLine: logs.key },
      logs.key ? logs.evidence.find((e) => e.text.endsWith(logs.key as string)) : evidence[0],
    ),
    suggestion:
      code === 0
        ? 'The process ends on its own; run a long-lived command, or use a Job for one-off work.'
        : code === 126 || code === 127
          ? 'Fix the command/entrypoint (path, permissions, binary architecture) in the image or the pod spec.'
          : 'Read the error lines above; fix the configuration or dependency the application fails on, then let the pod restart.',
    commands: [f.describe, logCmd],
  });
}

/**
 * A crash or a failing probe whose logs show connections failing: when a NetworkPolicy drops them or the Service
 * called cannot serve, that is the root cause (explain/connect.ts); the pod's own symptom stays in the message.
 */
function withConnectionCause(ctx: AnalyzerContext, f: PodFacts, container: string, problem: PodProblem): PodProblem {
  const conn = connectionCause(ctx, f.pod, container);
  if (!conn) return problem;
  const seen = new Set(problem.evidence.map((e) => e.text));
  return {
    ...problem,
    message: `${problem.message.replace(/\.?$/, '.')} Its connections fail: ${conn.why}.`,
    evidence: [...problem.evidence, ...conn.evidence.filter((e) => !seen.has(e.text))],
    rootCause: conn.rootCause,
    via: conn.via,
    suggestion: conn.suggestion,
    commands: [...problem.commands, ...conn.commands],
  };
}

/**
 * The kubelet restarts the container because a liveness or startup probe fails: its Unhealthy event plus a kill
 * (the Killing event, or exit 137/143), or the Killing event alone when the probe is aimed at a port the container
 * does not declare. That probe-port mistake, when there is one, is the cause.
 */
function probeKill(
  ctx: AnalyzerContext,
  f: PodFacts,
  cs: V1ContainerStatus,
  code: number | undefined,
): { kind: ProbeKind; probeText: string; evidence: Evidence[]; port?: ProbePortCause } | undefined {
  for (const kind of ['liveness', 'startup'] as const) {
    const unhealthy = f.events.find(
      (e) => e.reason === 'Unhealthy' && new RegExp(`${kind} probe (failed|errored)`, 'i').test(e.message ?? ''),
    );
    const killing = f.events.find(
      (e) =>
        e.reason === 'Killing' &&
        new RegExp(`failed ${kind} probe`, 'i').test(e.message ?? '') &&
        (e.message ?? '').includes(cs.name),
    );
    if (!unhealthy && !killing) continue;
    const port = probePortCause(ctx, f.pod, cs.name, kind);
    if (!(unhealthy && (killing || code === 137 || code === 143)) && !(killing && port)) continue;
    const ev = unhealthy ?? (killing as CoreV1Event);
    const probeText = clip((ev.message ?? '').replace(/^(Liveness|Startup) probe (failed|errored):\s*/i, ''), 200);
    return {
      kind,
      probeText,
      evidence: [{ source: 'event', object: f.me, text: eventText(ev) }, ...(port ? [port.evidence] : [])],
      ...(port ? { port } : {}),
    };
  }
  return undefined;
}

/** The useful tail of an OCI runtime error: 'exec: "/x": stat /x: no such file or directory'. */
function runtimeReason(message: string): string {
  const m = /(?:unable to start container process|starting container process caused):\s*(.*?)(?::\s*unknown)?$/is.exec(
    message,
  );
  return clip((m ? m[1] : message).trim(), 240);
}

function pullProblem(
  f: PodFacts,
  cs: V1ContainerStatus,
  label: string,
  waitingReason: string,
  waitingMessage: string | undefined,
): PodProblem {
  const { ns, name, me } = f;
  const image = containerSpec(f.pod, cs.name)?.image ?? cs.image ?? '';
  const pullEvent =
    f.events.find((e) => /failed to pull image/i.test(e.message ?? '') && (e.message ?? '').includes(image)) ??
    f.events.find((e) => /failed to pull image|pull access denied|manifest unknown/i.test(e.message ?? '')) ??
    f.events.find((e) => e.reason === 'InspectFailed' || e.reason === 'ErrImageNeverPull');
  const text = [pullEvent?.message, waitingMessage, waitingReason].filter(Boolean).join(' ');
  const problem = classifyPullError(text);
  const evidence: Evidence[] = [
    {
      source: 'field',
      object: me,
      text: `${label} image=${image}, state.waiting.reason=${waitingReason}${waitingMessage ? `: ${clip(waitingMessage, 200)}` : ''}`,
    },
  ];
  if (pullEvent) evidence.push({ source: 'event', object: me, text: eventText(pullEvent) });
  const secrets = (f.pod.spec?.imagePullSecrets ?? []).map((s) => s.name).filter((n): n is string => !!n);
  if (problem === 'unauthorized')
    evidence.push({
      source: 'field',
      object: me,
      text: `imagePullSecrets: ${secrets.length ? secrets.join(', ') : '(none)'}`,
    });
  return {
    severity: 'critical',
    reason: waitingReason,
    container: cs.name,
    message: `Pod ${ns}/${name}: ${label} cannot start, ${pullFact(image, problem)}.`,
    evidence,
    rootCause: cause(
      f.specRef,
      PULL_CODE[problem],
      {
        image,
        container: cs.name,
        registry: registryOf(image),
        tag: tagOf(image),
        pullSecrets: secrets.length ? secrets : undefined,
        // the runtime's words (the x509 error, the 429, "repository name must be lowercase") for what was refused
        detail: pullDetail(pullEvent?.message ?? waitingMessage ?? ''),
      },
      pullEvent ? evidence[1] : evidence[0],
    ),
    suggestion: pullSuggestion(image, problem),
    commands: [f.describe, `kubectl get events -n ${ns} --field-selector involvedObject.name=${name}`],
  };
}

function configProblem(
  ctx: AnalyzerContext,
  f: PodFacts,
  cs: V1ContainerStatus,
  init: boolean,
  reason: string,
  message: string,
): PodProblem {
  const { ns, name, me } = f;
  const label = containerLabel(cs.name, init);
  const missing = missingRefIn(message, ns);
  const exists = missing && lookup(ctx.snapshot, missing.object.kind, missing.object.namespace, missing.object.name);
  const evidence: Evidence[] = [
    { source: 'field', object: me, text: `${label} state.waiting.reason=${reason}: ${clip(message, 300)}` },
  ];
  const ev = f.events.find((e) => e.type === 'Warning' && (e.reason === 'Failed' || e.reason === 'FailedCreate'));
  if (ev) evidence.push({ source: 'event', object: me, text: eventText(ev) });
  if (missing) {
    const what =
      missing.key && exists
        ? `${missing.object.kind} ${missing.object.name} has no key "${missing.key}"`
        : `${missing.object.kind} ${missing.object.name} does not exist`;
    return {
      severity: 'critical',
      reason,
      container: cs.name,
      message: `Pod ${ns}/${name}: ${label} cannot be created: ${what}.`,
      evidence,
      rootCause: missingCause(missing.object, exists ? missing.key : undefined, evidence[0]),
      suggestion:
        missing.key && exists
          ? `Add key "${missing.key}" to ${missing.object.kind} ${missing.object.name}, or fix the key name in the pod template.`
          : `Create ${missing.object.kind} ${missing.object.name} in ${ns}, or fix the reference in the pod template.`,
      commands: [f.describe, `kubectl get ${missing.object.kind.toLowerCase()} ${missing.object.name} -n ${ns}`],
    };
  }
  return {
    severity: 'critical',
    reason,
    container: cs.name,
    message: `Pod ${ns}/${name}: ${label} cannot be started (${reason}): ${runtimeReason(message || reason)}`,
    evidence,
    rootCause: cause(
      f.specRef,
      'ContainerStartFailed',
      { container: cs.name, init, reason, message: runtimeReason(message || reason) },
      evidence[0],
    ),
    suggestion: /executable file not found|no such file/i.test(message)
      ? 'The command or entrypoint does not exist in the image; fix command/args or the image.'
      : 'Fix the container configuration the runtime rejects (command, security context, mounts).',
    commands: [f.describe],
  };
}

function readinessProblem(
  ctx: AnalyzerContext,
  f: PodFacts,
  cs: V1ContainerStatus,
  label: string,
): PodProblem | undefined {
  const { ns, name, me } = f;
  const ev = f.events.find(
    (e) => e.reason === 'Unhealthy' && /readiness probe (failed|errored)/i.test(e.message ?? ''),
  );
  if (!ev) return undefined;
  const probeText = clip((ev.message ?? '').replace(/^Readiness probe (failed|errored):\s*/i, ''), 200);
  const port = probePortCause(ctx, f.pod, cs.name, 'readiness');
  const probeEv: Evidence = { source: 'event', object: me, text: eventText(ev) };
  // the error the application logs while it reports unready says why ("x509: cannot validate certificate …")
  const logs = port ? { evidence: [], key: undefined } : logEvidence(ctx, f, cs.name);
  const problem: PodProblem = {
    severity: 'warning',
    reason: 'ReadinessProbeFailed',
    container: cs.name,
    message: `Pod ${ns}/${name}: ${label} is running but not ready; its readiness probe fails: ${probeText}${port ? `; ${probePortClause(port.problem)}` : ''}`,
    evidence: [
      { source: 'field', object: me, text: `${label} ready=false` },
      probeEv,
      ...(port ? [port.evidence] : []),
      ...logs.evidence.slice(0, 3),
    ],
    rootCause:
      port?.rootCause ??
      cause(
        f.specRef,
        'ProbeFailed',
        { probe: 'readiness', container: cs.name, message: probeText, logLine: logs.key },
        probeEv,
      ),
    suggestion:
      port?.suggestion ??
      'Check that the probe path and port match what the application serves and that its dependencies are reachable.',
    commands: [f.describe, `kubectl logs ${name} -n ${ns} -c ${cs.name} --tail=50`],
  };
  return port ? problem : withConnectionCause(ctx, f, cs.name, problem);
}

/** A pod on a node that is not Ready inherits the node's problem. */
function nodeProblem(ctx: AnalyzerContext, f: PodFacts): PodProblem | undefined {
  const nodeName = f.pod.spec?.nodeName;
  if (!nodeName) return undefined;
  const node = lookup<V1Node>(ctx.snapshot, 'Node', undefined, nodeName);
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  if (!node || !ready || ready.status === 'True') return undefined;
  const nodeEv: Evidence = {
    source: 'condition',
    object: { kind: 'Node', name: nodeName },
    text: `Ready=${ready.status} reason=${ready.reason ?? ''} ${ready.message ?? ''}`.trim(),
  };
  const why = `node ${nodeName} is ${ready.status === 'Unknown' ? 'unreachable (Ready=Unknown)' : 'NotReady'}${ready.message ? `: ${clip(ready.message, 160)}` : ''}`;
  return {
    severity: 'critical',
    reason: 'NodeNotReady',
    message: `Pod ${f.ns}/${f.name} is not ready because ${why}.`,
    evidence: [nodeEv],
    rootCause: cause(
      { kind: 'Node', name: nodeName },
      'NodeNotReady',
      { node: nodeName, status: ready.status, message: ready.message ? clip(ready.message, 160) : undefined },
      nodeEv,
    ),
    suggestion: 'Fix the node (kubelet, runtime, network) or drain it so the pods are rescheduled elsewhere.',
    commands: [f.describe, `kubectl describe node ${nodeName}`],
  };
}

/**
 * A volume that cannot attach, from any of the pod's attach or mount events: the attach/detach controller says
 * Multi-Attach once, while the kubelet's "Unable to attach or mount volumes … timed out" repeats and is newer.
 */
function attachCause(ctx: AnalyzerContext, f: PodFacts): ReturnType<typeof volumeAttachCause> {
  for (const e of f.events) {
    if (e.reason !== 'FailedAttachVolume' && e.reason !== 'FailedMount') continue;
    const evText: Evidence = { source: 'event', object: f.me, text: eventText(e) };
    const cause = volumeAttachCause(ctx.snapshot, f.pod, f.specRef, e.message ?? '', evText);
    if (cause) return cause;
  }
  return undefined;
}

/** The CNI plugin and its own words; an exhausted pod CIDR or a missing plugin binary is the node's. */
function sandboxCause(node: string, message: string, evText: Evidence) {
  const sb = parseSandboxFailure(message);
  return cause(
    { kind: 'Node', name: node },
    'SandboxCreateFailed',
    {
      node,
      message: clip(message, 200),
      plugin: sb.plugin,
      error: sb.error,
      ...(sb.ipExhausted ? { ipExhausted: true } : {}),
      ...(sb.missingPlugin ? { missingPlugin: true } : {}),
    },
    evText,
  );
}

/** A volume the kubelet cannot attach or mount: the volume, the remote source and the mount's own error. */
function mountCause(specRef: ObjectRef, node: string | undefined, message: string, evText: Evidence) {
  const m = parseMountFailure(message);
  if (m.stage === 'attach')
    return cause(specRef, 'VolumeAttachFailed', { volume: m.volume, node, error: m.error }, evText);
  if (m.stage === 'mount')
    return cause(
      specRef,
      'VolumeMountFailed',
      { volume: m.volume, fsType: m.fsType, source: m.source, server: m.server, node, error: m.error },
      evText,
    );
  if (m.stage === 'timeout' && m.waiting?.length)
    return cause(specRef, 'VolumeMountTimeout', { volumes: m.waiting, node }, evText);
  return undefined;
}

/** Scheduled but stuck creating: a volume that cannot mount, or a sandbox (network) that cannot be set up. */
function creatingProblem(ctx: AnalyzerContext, f: PodFacts, statuses: V1ContainerStatus[]): PodProblem | undefined {
  const creating =
    statuses.length === 0 ||
    statuses.some(
      (cs) => cs.state?.waiting?.reason === 'ContainerCreating' || cs.state?.waiting?.reason === 'PodInitializing',
    );
  if (!creating || f.pod.status?.phase !== 'Pending') return undefined;
  const setup = f.events.filter(
    (e) =>
      e.reason === 'FailedMount' ||
      e.reason === 'FailedAttachVolume' ||
      e.reason === 'FailedCreatePodSandBox' ||
      e.reason === 'FailedCreatePodContainer',
  );
  // the kubelet's "timed out waiting for the condition" repeats newest; the event that says why is another one
  const ev = setup.find((e) => parseMountFailure(e.message ?? '').stage !== 'timeout') ?? setup[0];
  if (!ev) return undefined;
  const { ns, name, me } = f;
  const message = ev.message ?? '';
  const missing = missingRefIn(message, ns);
  const sandbox = ev.reason === 'FailedCreatePodSandBox';
  const node = f.pod.spec?.nodeName;
  const evText: Evidence = { source: 'event', object: me, text: eventText(ev) };
  const attach = missing ? undefined : attachCause(ctx, f);
  if (attach)
    return {
      severity: 'critical',
      reason: ev.reason ?? 'ContainerCreating',
      message: `Pod ${ns}/${name} is stuck in ContainerCreating: ${attach.rootCause.fact}.`,
      evidence: attach.evidence,
      rootCause: attach.rootCause,
      suggestion: attach.suggestion,
      commands: [f.describe, ...attach.commands],
    };
  const rootCause = missing
    ? missingCause(missing.object, undefined, evText)
    : sandbox && node
      ? sandboxCause(node, message, evText)
      : (mountCause(f.specRef, node, message, evText) ??
        cause(f.specRef, 'PodSetupFailed', { reason: ev.reason, message: clip(message, 220) }, evText));
  return {
    severity: 'critical',
    reason: ev.reason ?? 'ContainerCreating',
    message: `Pod ${ns}/${name} is stuck in ContainerCreating: ${clip(message, 240)}`,
    evidence: [evText],
    rootCause,
    suggestion: missing
      ? `Create ${missing.object.kind} ${missing.object.name} in ${ns} or fix the volume reference.`
      : sandbox
        ? 'The CNI plugin on the node fails; check the network plugin pods on that node.'
        : 'Check the volume (CSI driver, attach limits, zone) named in the event.',
    commands: [f.describe, ...(node ? [`kubectl describe node ${node}`] : [])],
  };
}
