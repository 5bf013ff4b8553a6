/**
 * The kubelet's and the container runtime's messages about a container that does not start: image pulls
 * (ErrImagePull / ImagePullBackOff events and waiting messages), CreateContainerConfigError (pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables, kuberuntime's verifyRunAsNonRoot), runc's start failures (StartError /
 * RunContainerError / ContainerCannotRun) and probe results (pkg/kubelet/prober: "<Probe> probe failed: <output>").
 */
import { parseImageRef } from './image-ref';

export type ImagePullCode =
  | 'ImageNotFound'
  | 'RegistryUnauthorized'
  | 'RegistryUnreachable'
  | 'RegistryTLS'
  | 'InvalidImageName'
  | 'ImageNeverPull'
  | 'ImagePullRateLimited'
  | 'ImagePullFailed';

export interface ImagePullFacts {
  code: ImagePullCode;
  /** the image as quoted in the message */
  image?: string;
  /** the registry host the runtime talked to: from the quoted image, else from "pulling from host X" / a URL */
  registry?: string;
  /** an HTTP status the registry returned (401, 403, 404, 429) */
  status?: number;
  /** the runtime's own words after the last "desc = " or the whole message, for the evidence line */
  detail: string;
}

const PULL_RULES: [RegExp, ImagePullCode][] = [
  [/toomanyrequests|429 Too Many Requests|rate limit/i, 'ImagePullRateLimited'],
  [
    /\b401\b|\b403\b|unauthorized|authentication required|authorization failed|access denied|insufficient_scope|denied: |no basic auth credentials|failed to authorize|requested access to the resource is denied|pull access denied/i,
    'RegistryUnauthorized',
  ],
  [/x509:|certificate signed by unknown authority|tls: /i, 'RegistryTLS'],
  [/not found|manifest unknown|\b404\b|does not exist|name unknown/i, 'ImageNotFound'],
  [
    /no such host|i\/o timeout|connection refused|dial tcp|context deadline exceeded|network is unreachable|TLS handshake timeout/i,
    'RegistryUnreachable',
  ],
  [/InvalidImageName|couldn't parse image reference|invalid reference format/i, 'InvalidImageName'],
  [/ErrImageNeverPull|imagePullPolicy is "Never"|image pull policy is Never/i, 'ImageNeverPull'],
];

/**
 * "Failed to pull image \"x\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/x:1\":
 * failed to resolve reference \"docker.io/x:1\": docker.io/x:1: not found". Unauthorized beats not-found: registries
 * answer 404-like text to anonymous pulls of private repositories ("pull access denied, repository does not exist or
 * may require authorization").
 */
export function parseImagePull(message: string, specImage?: string): ImagePullFacts {
  const msg = message ?? '';
  let code: ImagePullCode = 'ImagePullFailed';
  for (const [re, c] of PULL_RULES)
    if (re.test(msg)) {
      code = c;
      break;
    }
  const quoted = /(?:image|reference) \\?"([^"\\\s]+)\\?"/i.exec(msg)?.[1];
  const image = quoted ?? specImage;
  const hostFromMsg =
    /pulling from host ([\w.-]+(?::\d+)?)/i.exec(msg)?.[1] ?? /https?:\/\/([\w.-]+(?::\d+)?)\//i.exec(msg)?.[1];
  const registry = (image ? parseImageRef(image)?.registry : undefined) ?? hostFromMsg;
  const status = Number(/\b(401|403|404|429)\b/.exec(msg)?.[1]) || undefined;
  const desc = msg.lastIndexOf('desc = ');
  const detail = (desc >= 0 ? msg.slice(desc + 7) : msg).trim();
  return {
    code,
    ...(image ? { image } : {}),
    ...(registry ? { registry } : {}),
    ...(status ? { status } : {}),
    detail,
  };
}

export type ConfigErrorCode =
  | 'MissingConfigMapKey'
  | 'MissingSecretKey'
  | 'ConfigMapNotFound'
  | 'SecretNotFound'
  | 'RunAsNonRootViolation'
  | 'ConfigError';

export interface ConfigErrorFacts {
  code: ConfigErrorCode;
  kind?: 'ConfigMap' | 'Secret';
  namespace?: string;
  name?: string;
  key?: string;
  detail: string;
}

/**
 * CreateContainerConfigError waiting messages: `couldn't find key DB_HOST in ConfigMap shop/app-config`,
 * `configmap "app-config" not found`, `secret "db" not found`, `container has runAsNonRoot and image will run as root`.
 */
export function parseConfigError(message: string): ConfigErrorFacts {
  const msg = (message ?? '').trim();
  let m = /couldn't find key (\S+) in (ConfigMap|Secret) ([^/\s]+)\/(\S+)/i.exec(msg);
  if (m) {
    const kind = m[2].toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
    return {
      code: kind === 'Secret' ? 'MissingSecretKey' : 'MissingConfigMapKey',
      kind,
      namespace: m[3],
      name: m[4].replace(/[.,;]$/, ''),
      key: m[1],
      detail: msg,
    };
  }
  m = /\b(configmap|secret)s? "([^"]+)" not found/i.exec(msg);
  if (m) {
    const kind = m[1].toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
    return { code: kind === 'Secret' ? 'SecretNotFound' : 'ConfigMapNotFound', kind, name: m[2], detail: msg };
  }
  if (/runAsNonRoot/i.test(msg)) return { code: 'RunAsNonRootViolation', detail: msg };
  return { code: 'ConfigError', detail: msg };
}

export type StartFailureCode =
  'ExecFormatError' | 'ExecutableNotFound' | 'NoSuchFile' | 'PermissionDenied' | 'StartFailed';

export interface StartFailureFacts {
  code: StartFailureCode;
  /** the program that could not be run, as quoted by runc or the shell */
  executable?: string;
  detail: string;
}

/**
 * runc: `exec: "foo": executable file not found in $PATH`, `exec: "/app/run.sh": stat /app/run.sh: no such file or
 * directory`, `exec: "/app": permission denied`; a binary for another architecture: `exec format error`
 * (runc's "exec /usr/bin/app: exec format error", the log line a container prints when the kernel refuses it).
 */
export function parseStartFailure(message: string): StartFailureFacts {
  const msg = (message ?? '').trim();
  // a shell's own words when the command is run through one: "sh: wge: not found" (busybox), "/bin/sh: 1: gunicorn:
  // not found" (dash), "bash: line 1: gunicron: command not found", and an entrypoint script's own
  // "/docker-entrypoint.sh: 12: exec: gunicorn: not found" (dash's exec builtin), "/entrypoint.sh: line 5: x: …"
  const shell =
    /(?:^|\s)(?:\S*\/)?[\w.-]*sh: (?:\d+: )?(?:line \d+: )?(?:exec: )?([^\s:]+): (?:command )?not found\s*$/i.exec(msg);
  if (shell) return { code: 'ExecutableNotFound', executable: shell[1], detail: msg };
  // the shell cannot execute a script without the x bit: "/bin/sh: /app/start.sh: Permission denied" (exit 126),
  // "sh: 1: /app/start.sh: Permission denied" (dash), "bash: line 1: ./run: Permission denied"
  const denied = /(?:^|\s)(?:\S*\/)?[\w.-]*sh: (?:\d+: )?(?:line \d+: )?([^\s:]+): Permission denied\s*$/i.exec(msg);
  if (denied) return { code: 'PermissionDenied', executable: denied[1], detail: msg };
  const exe = /exec(?:ve)?:? "?([^"\s:]+)"?: /i.exec(msg)?.[1] ?? /exec ([^\s:]+): exec format error/i.exec(msg)?.[1];
  const withExe = (code: StartFailureCode): StartFailureFacts => ({
    code,
    ...(exe ? { executable: exe } : {}),
    detail: msg,
  });
  if (/exec format error/i.test(msg)) return withExe('ExecFormatError');
  if (/executable file not found|command not found|not found in \$PATH/i.test(msg))
    return withExe('ExecutableNotFound');
  // runc's `exec: "/app/run.sh": stat /app/run.sh: no such file or directory`: the command itself is missing
  if (exe && msg.toLowerCase().includes(`stat ${exe.toLowerCase()}: no such file`))
    return withExe('ExecutableNotFound');
  if (/no such file or directory/i.test(msg)) return withExe('NoSuchFile');
  if (/permission denied/i.test(msg)) return withExe('PermissionDenied');
  return { code: 'StartFailed', detail: msg };
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type ProbeFailureCode =
  'ProbeHTTPStatus' | 'ProbeConnectionRefused' | 'ProbeTimeout' | 'ProbeExecFailed' | 'ProbeFailed';

export interface ProbeFailureFacts {
  probe: ProbeKind;
  code: ProbeFailureCode;
  /** HTTP status for ProbeHTTPStatus */
  statusCode?: number;
  /** host:port the prober dialled, when the message names it */
  target?: string;
  /** what the prober saw, after "probe failed: " */
  output: string;
}

/**
 * The Unhealthy event: "Liveness probe failed: HTTP probe failed with statuscode: 500", "Readiness probe failed:
 * Get \"http://10.1.2.3:8080/healthz\": dial tcp 10.1.2.3:8080: connect: connection refused", "Startup probe
 * failed: … (Client.Timeout exceeded while awaiting headers)", "Liveness probe failed: cat: /tmp/healthy: No such
 * file or directory", "Liveness probe errored: …". Returns undefined for any other text.
 */
export function parseProbeFailure(message: string): ProbeFailureFacts | undefined {
  const m = /^\s*(Liveness|Readiness|Startup) probe (?:failed|errored):\s*([\s\S]*)$/i.exec(message ?? '');
  if (!m) return undefined;
  const probe = m[1].toLowerCase() as ProbeKind;
  const output = m[2].trim();
  const target =
    /dial tcp ([\w.:[\]-]+?):? (?:connect|i\/o)/i.exec(output)?.[1] ?? /https?:\/\/([^/"\s]+)/.exec(output)?.[1];
  const withTarget = target ? { target } : {};
  const status = /statuscode: (\d{3})/i.exec(output)?.[1];
  if (status) return { probe, code: 'ProbeHTTPStatus', statusCode: Number(status), ...withTarget, output };
  if (/connection refused/i.test(output)) return { probe, code: 'ProbeConnectionRefused', ...withTarget, output };
  if (/timeout|timed out|deadline exceeded/i.test(output))
    return { probe, code: 'ProbeTimeout', ...withTarget, output };
  if (/^(HTTP|TCP|gRPC|Get|dial)\b/i.test(output)) return { probe, code: 'ProbeFailed', ...withTarget, output };
  return { probe, code: 'ProbeExecFailed', output };
}

export interface HookFailureFacts {
  /** Exec or HTTP: the handler kind the kubelet ran */
  handler: 'Exec' | 'HTTP';
  /** the command ("[/bin/sh -c /opt/register.sh]" without the brackets) or the HTTP path */
  hook: string;
  container?: string;
  /** the hook command's exit code, when it ran and failed */
  exitCode?: number;
  /** what the hook printed, or the HTTP error */
  output?: string;
}

/**
 * FailedPostStartHook / FailedPreStopHook events and the PostStartHookError waiting message
 * (pkg/kubelet/lifecycle/handlers.go): `Exec lifecycle hook ([/bin/sh -c /opt/register.sh]) for Container "app" in
 * Pod "web_shop(uid)" failed - error: command '/bin/sh -c /opt/register.sh' exited with 127: , message:
 * "/bin/sh: /opt/register.sh: not found\n"`; `HTTP lifecycle hook (/register) for Container "app" in Pod "…" failed -
 * error: Get "http://10.1.2.3:8080/register": dial tcp 10.1.2.3:8080: connect: connection refused`.
 */
export function parseHookFailure(message: string): HookFailureFacts | undefined {
  const msg = (message ?? '').slice(0, 8192);
  const m = /\b(Exec|HTTP|Http|Sleep) lifecycle hook \((.*?)\) for Container "([^"]+)"/.exec(msg);
  if (!m) return undefined;
  const handler = m[1].toLowerCase() === 'exec' ? 'Exec' : 'HTTP';
  const hook = m[2].replace(/^\[|\]$/g, '').trim();
  const exitCode = Number(/exited with (\d+)/.exec(msg)?.[1]);
  const printed = /, message: "((?:[^"\\]|\\.)*)"/.exec(msg)?.[1]?.replace(/\\n/g, ' ').replace(/\\"/g, '"').trim();
  const error = / failed - error: (.*?)(?:, message: "|$)/s.exec(msg)?.[1]?.trim();
  const output = printed || error;
  return {
    handler,
    hook,
    container: m[3],
    ...(Number.isFinite(exitCode) ? { exitCode } : {}),
    ...(output ? { output: output.slice(0, 240) } : {}),
  };
}
