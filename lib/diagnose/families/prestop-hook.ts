/**
 * Containers whose preStop hook goes wrong when the pod stops. The kubelet runs the hook before SIGTERM and inside
 * the grace period: a hook that fails (FailedPreStopHook) means the shutdown step it does (deregister, drain,
 * flush) did not happen; a hook that sleeps as long as the grace period or longer keeps the pod Terminating the
 * whole period and the container is then killed without ever seeing SIGTERM. The facts quote the hook as the spec
 * writes it (command, URL, sleep) and the kubelet's message.
 */
import type { CoreV1Event, V1Container, V1LifecycleHandler, V1Pod } from '@kubernetes/client-node';
import { parseHookFailure } from '../messages/kubelet';
import type { Evidence, ObjectRef, Snapshot } from '../types';
import { clip, millis } from '../util';
import { type FamilyCause, family } from './cause-data';
import { snapshotClock } from './terminating';

function containers(pod: V1Pod): V1Container[] {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
}

/** The hook as the spec writes it: the command, the URL the kubelet calls, or the sleep. */
export function hookText(h: V1LifecycleHandler | undefined, podIP?: string): string | undefined {
  if (!h) return undefined;
  if (h.exec?.command?.length) return clip(h.exec.command.join(' '), 200);
  if (h.httpGet) {
    const g = h.httpGet;
    const scheme = (g.scheme ?? 'HTTP').toLowerCase();
    const path = g.path ? (g.path.startsWith('/') ? g.path : `/${g.path}`) : '/';
    return clip(`${scheme}://${g.host || podIP || '<pod IP>'}:${String(g.port)}${path}`, 200);
  }
  if (h.sleep?.seconds !== undefined) return `sleep ${h.sleep.seconds}s`;
  if (h.tcpSocket) return `tcp ${String(h.tcpSocket.port)}`;
  return undefined;
}

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** How long the hook sleeps: the sleep action, or the `sleep N` steps of an exec command (summed). */
export function hookSleepSeconds(h: V1LifecycleHandler | undefined): number | undefined {
  if (!h) return undefined;
  if (h.sleep?.seconds !== undefined) return h.sleep.seconds;
  const cmd = (h.exec?.command ?? []).join(' ').slice(0, 4096);
  // `sleep infinity` (a common "keep it around" hook) never ends
  if (/(?:^|[\s;&|(])sleep\s+inf(inity)?(?=$|[\s;&|)])/.test(cmd)) return Infinity;
  let total = 0;
  for (const m of cmd.matchAll(/(?:^|[\s;&|(])sleep\s+(\d{1,7})([smh]?)(?=$|[\s;&|)])/g))
    total += Number(m[1]) * UNIT[m[2] || 's'];
  return total || undefined;
}

/** The container an event names by fieldPath "spec.containers{web}". */
function eventContainer(e: CoreV1Event): string | undefined {
  return /\{([^}]+)\}/.exec(e.involvedObject?.fieldPath ?? '')?.[1];
}

function podRef(pod: V1Pod): ObjectRef {
  return { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '' };
}

/**
 * A FailedPreStopHook event on the pod. Kubelets before 1.26 quote the handler's error ("Exec lifecycle hook
 * ([/bin/sh -c /drain.sh]) for Container "web" in Pod "…" failed - error: …, message: "…""); newer ones say only
 * "PreStopHook failed" so secrets in the output stay out of events, and the hook comes from the spec.
 */
export function preStopFailureCause(pod: V1Pod, specRef: ObjectRef, events: CoreV1Event[]): FamilyCause | undefined {
  const withHook = containers(pod).filter((c) => c.lifecycle?.preStop);
  const ev = events.find((e) => e.reason === 'FailedPreStopHook');
  if (!ev) return undefined;
  const message = (ev.message ?? '').slice(0, 8192);
  const parsed = parseHookFailure(message);
  const container = eventContainer(ev) ?? parsed?.container ?? (withHook.length === 1 ? withHook[0].name : '');
  const spec = containers(pod).find((c) => c.name === container)?.lifecycle?.preStop;
  const hook = parsed?.hook ?? hookText(spec, pod.status?.podIP) ?? '';
  const me = podRef(pod);
  const evidence: Evidence = {
    source: 'event',
    object: me,
    text: `FailedPreStopHook${ev.count && ev.count > 1 ? ` (×${ev.count})` : ''}: ${clip(message, 300)}`,
  };
  return family({
    object: specRef,
    code: 'PreStopHookFailed',
    facts: {
      container: container || undefined,
      hook: hook || undefined,
      handler: spec?.exec ? 'exec' : spec?.httpGet ? 'httpGet' : spec?.sleep ? 'sleep' : undefined,
      ...(parsed?.exitCode !== undefined ? { exitCode: parsed.exitCode } : {}),
      ...(parsed?.output ? { output: parsed.output } : { message: clip(message, 240) }),
    },
    evidence: [evidence],
    suggestion: `The preStop hook of container ${container || '(see the event)'} (${hook || 'spec.lifecycle.preStop'}) fails, so its shutdown step (deregister, drain, flush) is skipped before SIGTERM: fix the command or the endpoint it calls${spec?.httpGet ? ' (the kubelet calls it from the node: the port must be served by the container)' : ''}.`,
    commands: [
      `kubectl get pod ${me.name} -n ${me.namespace} -o jsonpath='{.spec.containers[?(@.name=="${container}")].lifecycle.preStop}'`,
      `kubectl get events -n ${me.namespace} --field-selector involvedObject.name=${me.name},reason=FailedPreStopHook`,
    ],
  });
}

/**
 * A deleted pod whose preStop hook sleeps as long as its grace period or longer: SIGTERM never comes in time, the
 * pod shows Terminating the whole period and the kubelet then kills the container.
 */
export function preStopSleepCause(s: Snapshot, pod: V1Pod, specRef: ObjectRef): FamilyCause | undefined {
  const deletedAt = millis(pod.metadata?.deletionTimestamp);
  if (!deletedAt) return undefined;
  const grace = pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  const c = containers(pod).find((x) => (hookSleepSeconds(x.lifecycle?.preStop) ?? 0) >= Math.max(grace, 1));
  if (!c) return undefined;
  const secs = hookSleepSeconds(c.lifecycle?.preStop) ?? 0;
  const sleepSeconds = Number.isFinite(secs) ? secs : 'infinity';
  const hook = hookText(c.lifecycle?.preStop) ?? `sleep ${sleepSeconds}`;
  const me = podRef(pod);
  const deletionTimestamp = new Date(deletedAt).toISOString();
  const terminatingMinutes = Math.max(0, Math.round((snapshotClock(s) - deletedAt) / 60_000));
  return family({
    object: specRef,
    code: 'PreStopSleepExceedsGrace',
    facts: { container: c.name, hook, sleepSeconds, gracePeriodSeconds: grace, deletionTimestamp, terminatingMinutes },
    evidence: [
      {
        source: 'field',
        object: me,
        text: `[${c.name}] lifecycle.preStop: ${hook}; terminationGracePeriodSeconds=${grace}; deletionTimestamp=${deletionTimestamp}`,
      },
    ],
    suggestion: `Shorten the preStop hook of container ${c.name} (${hook}) well below terminationGracePeriodSeconds (${grace}s), or raise the grace period above it plus the time the application needs after SIGTERM.`,
    commands: [
      `kubectl get pod ${me.name} -n ${me.namespace} -o jsonpath='{.spec.terminationGracePeriodSeconds} {.spec.containers[*].lifecycle.preStop}'`,
    ],
  });
}
