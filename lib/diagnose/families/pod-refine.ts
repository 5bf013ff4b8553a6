/**
 * Sharpens a pod problem the pod explainer found with the family checks that know its mechanism: the start
 * failure's architecture or missing executable, the pull's registry and secrets, the liveness probe that kills a
 * slow starter. A problem whose cause is already another object (a Service, a NetworkPolicy, a probe port) is kept.
 */
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import type { Explanation } from '../explain/explanation';
import { parseProbeFailure } from '../messages/kubelet';
import type { ObjectRef, Snapshot } from '../types';
import type { FamilyCause } from './cause-data';
import { configFileCause } from './config-file';
import { registryAuthCause, slowStartCause, startFailureCause } from './container';
import { hookFailureCause } from './container-hook';
import { containerSetupCause } from './container-mount';
import { containerSpec } from '../util';

const START = new Set([
  'CrashLoopBackOff',
  'StartError',
  'RunContainerError',
  'ContainerCannotRun',
  'CreateContainerError',
  'Error',
]);
const PULL = new Set(['ImagePullBackOff', 'ErrImagePull']);
const PROBE_KILL = new Set(['LivenessProbeFailed', 'StartupProbeFailed']);

function same(a: ObjectRef, b: ObjectRef): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

function familyFor(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  events: CoreV1Event[],
  reason: string,
  container: string,
): FamilyCause | undefined {
  if (PULL.has(reason)) {
    const image = containerSpec(pod, container)?.image;
    const ev =
      events.find(
        (e) => /failed to pull image/i.test(e.message ?? '') && (!image || (e.message ?? '').includes(image)),
      ) ?? events.find((e) => /pull access denied|unauthorized|authentication required/i.test(e.message ?? ''));
    const cs = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
      (c) => c.name === container,
    );
    const text = [ev?.message, cs?.state?.waiting?.message].filter(Boolean).join(' ');
    return text ? registryAuthCause(s, pod, specRef, container, text) : undefined;
  }
  // a failing postStart hook is why the kubelet kills the container, whatever exit code the kill leaves
  const hook =
    START.has(reason) || reason === 'PostStartHookError'
      ? hookFailureCause(pod, specRef, events, container)
      : undefined;
  if (hook) return hook;
  if (START.has(reason) || reason === 'CreateContainerConfigError') {
    const cs = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
      (c) => c.name === container,
    );
    const texts = [cs?.state?.waiting?.message, cs?.state?.terminated?.message, cs?.lastState?.terminated?.message];
    const setup = containerSetupCause(s, pod, specRef, container, texts);
    if (setup || !START.has(reason)) return setup;
    return (
      startFailureCause(s, pod, specRef, container, [
        cs?.state?.terminated?.message,
        cs?.lastState?.terminated?.message,
        cs?.state?.waiting?.message,
      ]) ?? configFileCause(s, pod, specRef, container)
    );
  }
  if (PROBE_KILL.has(reason)) {
    const ev = events.find(
      (e) => e.reason === 'Unhealthy' && /^Liveness probe (failed|errored)/i.test(e.message ?? ''),
    );
    const output = ev ? parseProbeFailure(ev.message ?? '')?.output : undefined;
    return slowStartCause(s, pod, specRef, container, output);
  }
  return undefined;
}

export function refinePodProblem<T extends Explanation & { container?: string }>(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  events: CoreV1Event[],
  problem: T,
): T {
  if (!problem.container || !same(problem.rootCause.object, specRef)) return problem;
  const fam = familyFor(s, pod, specRef, events, problem.reason, problem.container);
  if (!fam) return problem;
  const seen = new Set(fam.evidence.map((e) => e.text));
  const rc = fam.rootCause;
  return {
    ...problem,
    message: `${problem.message.replace(/\.?$/, '.')} Cause: ${rc.fact}.`,
    evidence: [...fam.evidence, ...problem.evidence.filter((e) => !seen.has(e.text))],
    rootCause: rc,
    suggestion: fam.suggestion,
    commands: [...problem.commands, ...fam.commands],
  };
}
