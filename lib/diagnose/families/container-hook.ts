/**
 * Containers the kubelet kills for their own lifecycle: a postStart hook that fails (the kubelet kills the container
 * and it restarts), and a container whose state the runtime lost (ContainerStatusUnknown, the node went away or was
 * drained while its kubelet could not report). The facts quote the hook and what it printed, and the node.
 */
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { parseHookFailure } from '../messages/kubelet';
import type { Evidence, ObjectRef, Snapshot } from '../types';
import { type FamilyCause, family } from './cause-data';
import { containerSpec } from '../util';

/** The container named by an event's fieldPath "spec.containers{app}", if any. */
function eventContainer(e: CoreV1Event): string | undefined {
  return /\{([^}]+)\}/.exec(e.involvedObject?.fieldPath ?? '')?.[1];
}

/**
 * A postStart (or preStop) hook that fails: the FailedPostStartHook event, or the PostStartHookError waiting
 * reason, for `container`. The hook as the spec writes it, its exit code and its output.
 */
export function hookFailureCause(
  pod: V1Pod,
  specRef: ObjectRef,
  events: CoreV1Event[],
  container: string,
): FamilyCause | undefined {
  const me: ObjectRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '' };
  const cs = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (c) => c.name === container,
  );
  const ev = events.find(
    (e) =>
      e.reason === 'FailedPostStartHook' &&
      (eventContainer(e) ?? parseHookFailure(e.message ?? '')?.container ?? container) === container,
  );
  const waitingHook = cs?.state?.waiting?.reason === 'PostStartHookError' ? cs.state.waiting.message : undefined;
  const termHook = [cs?.state?.terminated, cs?.lastState?.terminated].find((t) => t?.reason === 'PostStartHookError');
  if (!ev && waitingHook === undefined && !termHook) return undefined;
  const texts = [ev?.message, waitingHook, termHook?.message].filter((t): t is string => !!t);
  const parsed = texts.map(parseHookFailure).find((p) => p);
  const spec = containerSpec(pod, container)?.lifecycle?.postStart;
  const specHook = spec?.exec?.command?.join(' ') ?? spec?.httpGet?.path ?? spec?.sleep?.seconds?.toString();
  const hook = parsed?.hook ?? specHook ?? '';
  const evidence: Evidence = ev
    ? { source: 'event', object: me, text: `FailedPostStartHook: ${(ev.message ?? '').slice(0, 400)}` }
    : { source: 'field', object: me, text: `[${container}] PostStartHookError: ${texts[0] ?? ''}`.slice(0, 400) };
  return family({
    object: specRef,
    code: 'PostStartHookFailed',
    facts: {
      container,
      hook,
      ...(parsed?.exitCode !== undefined ? { exitCode: parsed.exitCode } : {}),
      ...(parsed?.output ? { output: parsed.output } : {}),
    },
    evidence: [evidence],
    suggestion: `The postStart hook of container ${container} (${hook || 'see spec.lifecycle.postStart'}) fails, so the kubelet kills the container: fix the hook command or what it calls, or move the step into the application's start-up.`,
    commands: [
      `kubectl get pod ${me.name} -n ${me.namespace} -o jsonpath='{.spec.containers[?(@.name=="${container}")].lifecycle}'`,
      `kubectl get events -n ${me.namespace} --field-selector involvedObject.name=${me.name},reason=FailedPostStartHook`,
    ],
  });
}

/**
 * terminated.reason ContainerStatusUnknown ("The container could not be located when the pod was terminated",
 * exit 137): the kubelet could not find the container when the pod was stopped, usually because the node went
 * NotReady or was drained or replaced. The node and its Ready condition now.
 */
export function containerLostCause(s: Snapshot, pod: V1Pod, container: string): FamilyCause {
  const me: ObjectRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '' };
  const nodeName = pod.spec?.nodeName ?? '';
  const node = s.nodes.find((n) => n.metadata?.name === nodeName);
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  const nodeState = !nodeName ? undefined : !node ? 'gone' : ready?.status === 'True' ? 'Ready' : 'NotReady';
  const term = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (c) => c.name === container,
  )?.state?.terminated;
  return family({
    object: nodeName && nodeState !== 'Ready' ? { kind: 'Node', name: nodeName } : me,
    code: 'ContainerStatusUnknown',
    facts: {
      container,
      node: nodeName || undefined,
      nodeState,
      exitCode: term?.exitCode ?? 137,
      ...(ready?.reason && nodeState === 'NotReady' ? { nodeReason: ready.reason } : {}),
    },
    evidence: [
      {
        source: 'field',
        object: me,
        text: `[${container}] terminated: reason=ContainerStatusUnknown exitCode=${term?.exitCode ?? 137} message=${term?.message ?? ''}`,
      },
    ],
    suggestion:
      nodeState === 'Ready'
        ? `The runtime on ${nodeName} lost the container (a node restart, drain or runtime restart): delete the Failed pod; its controller has replaced it.`
        : `Node ${nodeName || '(unknown)'} is ${nodeState ?? 'unknown'}: the kubelet lost track of the container. Recover or remove the node, then delete the Failed pod.`,
    commands: [
      ...(nodeName ? [`kubectl describe node ${nodeName}`] : []),
      `kubectl delete pod ${me.name} -n ${me.namespace}`,
    ],
  });
}
