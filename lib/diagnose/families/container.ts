/**
 * Containers that never get going: a binary for another CPU architecture than the node's, a command missing from
 * the image, a registry that rejects the pull credentials, a liveness probe that kills a slow starter. Each reads
 * the runtime's or kubelet's words (lib/diagnose/messages) and the spec, node and logs around them.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { parseImagePull, parseStartFailure } from '../messages/kubelet';
import type { Evidence, ObjectRef, Snapshot } from '../types';
import { type FamilyCause, family, list } from './cause-data';
import { containerSpec } from '../util';

const ARCH_WORDS: Record<string, string> = {
  amd64: 'amd64',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  arm64: 'arm64',
  aarch64: 'arm64',
  armv7: 'arm',
  armhf: 'arm',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  i386: '386',
};

/** The architecture an image's tag or repository names ("agent:1.4-arm64", "arm64v8/nginx"), if any. */
export function imageArchHint(image: string): string | undefined {
  const m =
    /(?:^|[/:_.-])(amd64|x86_64|x86-64|arm64|aarch64|armv7|armhf|ppc64le|s390x|i386)(?:v\d+)?(?=$|[/:_.@-])/i.exec(
      image,
    );
  return m ? ARCH_WORDS[m[1].toLowerCase()] : undefined;
}

function logsOf(s: Snapshot, pod: V1Pod, container: string): string[] {
  const l = s.logs[`${pod.metadata?.namespace}/${pod.metadata?.name}/${container}`];
  return [l?.previous, l?.current].filter((x): x is string => !!x);
}

/**
 * The container's runtime message (terminated.message, a waiting message) and its logs, read for the start failures
 * that have a precise cause. `texts` are the runtime's messages, newest first.
 */
export function startFailureCause(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  container: string,
  texts: (string | undefined)[],
): FamilyCause | undefined {
  const me: ObjectRef = { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name ?? '' };
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (c) => c.name === container,
  );
  const exit126 = [status?.state?.terminated, status?.lastState?.terminated].some((t) => t?.exitCode === 126);
  const candidates: { text: string; evidence: Evidence }[] = [
    ...texts
      .filter((t): t is string => !!t)
      .map((t) => ({ text: t, evidence: { source: 'field' as const, object: me, text: `[${container}] ${t}` } })),
    ...logsOf(s, pod, container).flatMap((log) =>
      log
        .split('\n')
        .filter(
          (l) =>
            /exec format error|executable file not found|: not found$|command not found/i.test(l) ||
            // "Permission denied" is an exec failure only when the shell says so with its exit code 126; an app
            // that cannot open a file says the same words
            (exit126 && /: Permission denied\s*$/i.test(l)),
        )
        .slice(0, 1)
        .map((l) => ({
          text: l.trim(),
          evidence: { source: 'log' as const, object: me, text: `[${container}] ${l.trim()}` },
        })),
    ),
  ];
  for (const c of candidates) {
    const f = parseStartFailure(c.text);
    const spec = containerSpec(pod, container);
    const image = spec?.image ?? '';
    if (f.code === 'ExecFormatError') {
      const nodeName = pod.spec?.nodeName;
      const node = s.nodes.find((n) => n.metadata?.name === nodeName);
      const nodeArch = node?.metadata?.labels?.['kubernetes.io/arch'] ?? node?.status?.nodeInfo?.architecture;
      const imageArch = imageArchHint(image);
      const facts = {
        container,
        image,
        ...(f.executable ? { executable: f.executable } : {}),
        ...(nodeName ? { node: nodeName } : {}),
        ...(nodeArch ? { nodeArch } : {}),
        ...(imageArch ? { imageArch } : {}),
      };
      return family({
        object: specRef,
        code: 'ExecFormatError',
        facts,
        evidence: [
          c.evidence,
          ...(nodeArch
            ? [
                {
                  source: 'field' as const,
                  object: { kind: 'Node', name: nodeName ?? '' },
                  text: `kubernetes.io/arch=${nodeArch}`,
                },
              ]
            : []),
        ],
        suggestion: nodeArch
          ? `Use an image built for ${nodeArch} (or a multi-arch manifest), or pin the pod to ${imageArch ?? 'matching'} nodes with nodeSelector kubernetes.io/arch${imageArch ? `=${imageArch}` : ''}.`
          : 'Use an image built for the node architecture, or a multi-arch image.',
        commands: [
          `kubectl get node ${nodeName ?? ''} -L kubernetes.io/arch`.trim(),
          `docker manifest inspect ${image}`,
        ],
      });
    }
    if (f.code === 'ExecutableNotFound') {
      const command = [...(spec?.command ?? []), ...(spec?.args ?? [])].join(' ');
      return family({
        object: specRef,
        code: 'ExecutableNotFound',
        facts: { container, executable: f.executable ?? '', image, ...(command ? { command } : {}) },
        evidence: [c.evidence],
        suggestion: spec?.command?.length
          ? `Fix spec.containers[${container}].command: the image has no "${f.executable}" on its PATH (use its full path, or drop command to use the image's entrypoint).`
          : `The image's entrypoint "${f.executable}" is missing: rebuild the image or set command to a binary it contains.`,
        commands: [`kubectl get pod ${me.name} -n ${me.namespace} -o jsonpath='{.spec.containers[*].command}'`],
      });
    }
    if (f.code === 'PermissionDenied' && f.executable && (c.evidence.source !== 'log' || exit126)) {
      const command = [...(spec?.command ?? []), ...(spec?.args ?? [])].join(' ');
      return family({
        object: specRef,
        code: 'ExecPermissionDenied',
        facts: { container, executable: f.executable, image, ...(command ? { command } : {}), exitCode: 126 },
        evidence: [c.evidence],
        suggestion: `${f.executable} in image ${image} is not executable: add the execute bit when building the image (chmod +x, COPY --chmod=0755), run it through its interpreter (sh ${f.executable}), or check the volume it lives on is not mounted noexec.`,
        commands: [`kubectl logs ${me.name} -n ${me.namespace} -c ${container} --previous --tail=20`],
      });
    }
  }
  return undefined;
}

/**
 * A pull the registry refuses (401/403, "authentication required", "pull access denied"): the registry host,
 * the pull secrets the pod and its ServiceAccount offer, and which of them do not exist.
 */
export function registryAuthCause(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  container: string,
  pullText: string,
): FamilyCause | undefined {
  const image = containerSpec(pod, container)?.image ?? '';
  const p = parseImagePull(pullText, image);
  if (p.code !== 'RegistryUnauthorized') return undefined;
  const ns = pod.metadata?.namespace;
  const saName = pod.spec?.serviceAccountName ?? 'default';
  const sa = s.serviceAccounts.find((a) => a.metadata?.namespace === ns && a.metadata?.name === saName);
  const podSecrets = (pod.spec?.imagePullSecrets ?? []).map((x) => x.name ?? '').filter(Boolean);
  const saSecrets = (sa?.imagePullSecrets ?? []).map((x) => x.name ?? '').filter(Boolean);
  const all = [...new Set([...podSecrets, ...saSecrets])];
  const known = !s.unavailable?.includes('secrets');
  const missing = known
    ? all.filter((n) => !s.secrets.some((x) => x.metadata?.namespace === ns && x.metadata?.name === n))
    : [];
  const registry = p.registry ?? 'the registry';
  const secretRef: ObjectRef | undefined =
    missing.length || all.length ? { kind: 'Secret', namespace: ns, name: missing[0] ?? all[0] } : undefined;
  return family({
    object: missing.length && secretRef ? secretRef : specRef,
    code: 'RegistryAuthFailed',
    facts: {
      container,
      image,
      registry,
      ...(all.length ? { pullSecrets: all } : {}),
      serviceAccount: saName,
      ...(missing.length ? { missingSecrets: missing } : {}),
      ...(p.status ? { status: p.status } : {}),
    },
    evidence: [
      {
        source: 'event',
        object: { kind: 'Pod', namespace: ns, name: pod.metadata?.name ?? '' },
        text: pullText.slice(0, 400),
      },
      { source: 'field', object: specRef, text: `imagePullSecrets: ${all.length ? all.join(', ') : '(none)'}` },
    ],
    suggestion: all.length
      ? missing.length
        ? `Create the pull Secret ${missing[0]} in ${ns} (kubectl create secret docker-registry) for ${registry}.`
        : `The credentials in ${list(all)} are wrong, expired or for another registry than ${registry}: recreate the Secret with a valid login for ${registry}.`
      : `Create a docker-registry Secret for ${registry} and add it to imagePullSecrets (or to ServiceAccount ${saName}).`,
    commands: [
      ...(secretRef ? [`kubectl get secret ${secretRef.name} -n ${ns} -o jsonpath='{.type}'`] : []),
      `kubectl get serviceaccount ${saName} -n ${ns} -o yaml`,
    ],
  });
}

/** Seconds the logs say start-up took: "Started Application in 48.3 seconds", "startup took 52s", "ready in 41000 ms". */
export function startupSeconds(log: string): number | undefined {
  const m =
    /\bstarted\b[^\n]*?\bin ([\d.]+) ?(s|sec|seconds|ms)\b/i.exec(log) ??
    /\bstart(?:-?up)? (?:took|time:?|completed in) ([\d.]+) ?(s|sec|seconds|ms)\b/i.exec(log) ??
    /\bready in ([\d.]+) ?(s|sec|seconds|ms)\b/i.exec(log);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  return m[2].toLowerCase() === 'ms' ? n / 1000 : n;
}

/** Seconds between the first and last RFC 3339 timestamps of a log: how long the killed run lived at least. */
export function loggedSpanSeconds(log: string): number | undefined {
  const stamps = [...log.matchAll(/\b(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)/g)]
    .map((m) => Date.parse(m[1].replace(' ', 'T')))
    .filter(Number.isFinite);
  if (stamps.length < 2) return undefined;
  return Math.round((stamps[stamps.length - 1] - stamps[0]) / 1000);
}

/**
 * A liveness probe that kills the container before it has started: no startupProbe, and the time the probe allows
 * (initialDelaySeconds + failureThreshold × periodSeconds) is shorter than the start-up the logs show.
 */
export function slowStartCause(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  container: string,
  probeOutput?: string,
): FamilyCause | undefined {
  const spec = containerSpec(pod, container);
  const lp = spec?.livenessProbe;
  if (!lp || spec?.startupProbe) return undefined;
  const initial = lp.initialDelaySeconds ?? 0;
  const period = lp.periodSeconds ?? 10;
  const threshold = lp.failureThreshold ?? 3;
  const allowed = initial + period * threshold;
  const logs = logsOf(s, pod, container);
  const started = logs.map(startupSeconds).find((x) => x !== undefined);
  const killedRun = s.logs[`${pod.metadata?.namespace}/${pod.metadata?.name}/${container}`]?.previous;
  // How long the killed run lived: the runtime's start and finish times, else the span of its log's timestamps.
  const term = [...(pod.status?.containerStatuses ?? [])].find((c) => c.name === container)?.lastState?.terminated;
  const ran =
    term?.startedAt && term.finishedAt
      ? Math.round((Date.parse(String(term.finishedAt)) - Date.parse(String(term.startedAt))) / 1000)
      : undefined;
  const lived =
    ran !== undefined && Number.isFinite(ran) && ran > 0 ? ran : killedRun ? loggedSpanSeconds(killedRun) : undefined;
  const stillStarting =
    !!killedRun && started === undefined && /start|load|init|migrat|warm|boot/i.test(lastLine(killedRun));
  const needs = started ?? (stillStarting ? lived : undefined);
  if (needs === undefined || needs < allowed * 0.8) return undefined;
  const lastKilled = killedRun ? lastLine(killedRun) : undefined;
  return family({
    object: specRef,
    code: 'LivenessKillsSlowStart',
    facts: {
      container,
      initialDelaySeconds: initial,
      periodSeconds: period,
      failureThreshold: threshold,
      allowedSeconds: allowed,
      ...(started !== undefined ? { startupSeconds: round(started) } : {}),
      ...(started === undefined && lived !== undefined ? { startingForSeconds: lived, lastLine: lastKilled } : {}),
      startupProbe: 'none',
      ...(probeOutput ? { probeOutput } : {}),
    },
    evidence: [
      {
        source: 'field',
        object: specRef,
        text: `livenessProbe initialDelaySeconds=${initial} periodSeconds=${period} failureThreshold=${threshold}; no startupProbe`,
      },
    ],
    suggestion: `Add a startupProbe (e.g. the same check with failureThreshold × periodSeconds ≥ ${Math.ceil((needs * 1.5) / 10) * 10}s), or raise the liveness initialDelaySeconds above ${Math.ceil(needs)}s.`,
    commands: [
      `kubectl logs ${pod.metadata?.name} -n ${pod.metadata?.namespace} -c ${container} --previous --timestamps`,
    ],
  });
}

/** The last line before the shutdown the kill caused ("received SIGTERM", "shutting down"). */
function lastLine(log: string): string {
  const lines = log
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/SIGTERM|SIGKILL|shutting down|graceful(ly)? shut|stopping|terminat|exiting/i.test(l));
  return lines[lines.length - 1] ?? '';
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
