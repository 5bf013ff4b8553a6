/**
 * Turns a kubelet image-pull error into the reason a person would write down: the tag does not exist, the registry
 * wants credentials, the registry cannot be reached, or the pull rate limit is hit.
 */

export type PullProblem =
  | 'not-found'
  | 'unauthorized'
  | 'untrusted-cert'
  | 'unreachable'
  | 'rate-limited'
  | 'invalid-name'
  | 'never-pull'
  | 'unknown';

export function classifyPullError(text: string): PullProblem {
  const t = text.toLowerCase();
  if (/invalidimagename|invalid reference format|couldn't parse image/.test(t)) return 'invalid-name';
  if (/errimageneverpull|imagepullpolicy is "never"|never pull/.test(t)) return 'never-pull';
  if (/toomanyrequests|too many requests|rate limit/.test(t)) return 'rate-limited';
  if (
    /pull access denied|unauthorized|authentication required|authorization failed|insufficient_scope|denied: |forbidden|401|403 /.test(
      t,
    )
  )
    return 'unauthorized';
  // the registry answered, but its certificate is not one the node trusts (private CA, self-signed, expired):
  // before not-found/unreachable, whose words ("dial tcp", "Head \"https://…\"") the same message carries
  if (/x509:|certificate signed by unknown authority|failed to verify certificate|certificate has expired/.test(t))
    return 'untrusted-cert';
  if (/not found|manifest unknown|notfound|does not exist|no such image|name unknown/.test(t)) return 'not-found';
  if (
    /no such host|i\/o timeout|connection refused|dial tcp|tls handshake|network is unreachable|context deadline exceeded|x509/.test(
      t,
    )
  )
    return 'unreachable';
  return 'unknown';
}

export function pullFact(image: string, problem: PullProblem): string {
  switch (problem) {
    case 'not-found':
      return `image "${image}" not found: the repository or tag does not exist in the registry`;
    case 'unauthorized':
      return `image "${image}" cannot be pulled: the registry denies access (missing or wrong imagePullSecrets, or a private repository)`;
    case 'unreachable':
      return `image "${image}" cannot be pulled: the registry cannot be reached from the node (DNS, network, proxy or TLS)`;
    case 'untrusted-cert':
      return `image "${image}" cannot be pulled: the node does not trust the registry's TLS certificate`;
    case 'rate-limited':
      return `image "${image}" cannot be pulled: the registry's pull rate limit is exhausted`;
    case 'invalid-name':
      return `image "${image}" is not a valid image reference`;
    case 'never-pull':
      return `image "${image}" is not on the node and imagePullPolicy is Never`;
    default:
      return `image "${image}" cannot be pulled`;
  }
}

export function pullSuggestion(image: string, problem: PullProblem): string {
  switch (problem) {
    case 'not-found':
      return `Correct the image name or tag (check for typos such as "lastest"); confirm it exists with \`docker manifest inspect ${image}\`.`;
    case 'unauthorized':
      return 'Create a docker-registry Secret with valid credentials and reference it in imagePullSecrets (or on the ServiceAccount).';
    case 'unreachable':
      return 'Check DNS, egress rules, proxy settings and the registry certificate from the node; consider a registry mirror.';
    case 'untrusted-cert':
      return "Install the registry's CA certificate on the nodes' container runtime (containerd certs.d/<host>/ca.crt) or give the registry a certificate from a trusted CA.";
    case 'rate-limited':
      return 'Authenticate pulls (imagePullSecrets) or use a registry mirror / cache to avoid the anonymous rate limit.';
    case 'invalid-name':
      return 'Fix the image reference format (registry/repository:tag or @sha256 digest).';
    case 'never-pull':
      return 'Pre-load the image on the nodes or change imagePullPolicy to IfNotPresent.';
    default:
      return 'Read the pull error in the pod events and fix the image reference or registry access.';
  }
}

export const PULL_CODE = {
  'not-found': 'ImageNotFound',
  unauthorized: 'ImagePullUnauthorized',
  unreachable: 'RegistryUnreachable',
  'untrusted-cert': 'RegistryCertificateUntrusted',
  'rate-limited': 'PullRateLimited',
  'invalid-name': 'InvalidImageName',
  'never-pull': 'ImageNeverPull',
  unknown: 'ImagePullFailed',
} as const satisfies Record<PullProblem, string>;

/** The registry host an image reference pulls from ("docker.io" when the first part is not a host). */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first : 'docker.io';
}

/** The tag an image reference names ("latest" when it names neither tag nor digest). */
export function tagOf(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const last = image.split('/').pop() ?? '';
  const i = last.lastIndexOf(':');
  return i >= 0 ? last.slice(i + 1) : 'latest';
}

/**
 * The runtime's own words for a pull failure, the part after the last "desc = " without the repeated "failed to
 * pull and unpack image" prefix: "x509: certificate signed by unknown authority", "429 Too Many Requests – …".
 */
export function pullDetail(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const desc = t.lastIndexOf('desc = ');
  const tail = (desc >= 0 ? t.slice(desc + 7) : t).trim();
  const key = DECISIVE.exec(tail);
  if (key) {
    // back to the start of the clause the decisive words are in ("… manifests/sha256:1b2c: 429 Too Many …")
    const start = tail.lastIndexOf(': ', key.index);
    const clause = tail.slice(start >= 0 && start < key.index ? start + 2 : key.index);
    // a bare "not found" says less than the reference it is about ("ghcr.io/acme/web:v9: not found")
    if (clause.length >= 20 || start < 0) return clause.slice(0, 240);
    return tail.slice(Math.max(0, tail.lastIndexOf(': ', start - 1) + 2)).slice(0, 240);
  }
  return tail.split(': ').slice(-2).join(': ').slice(0, 240);
}

/** The words in a pull error that say what went wrong, in the order a runtime message puts them. */
const DECISIVE =
  /\b(?:x509:|tls: |\d{3} (?:Too Many Requests|Unauthorized|Forbidden|Not Found)|toomanyrequests|pull access denied|invalid reference format|no such host|i\/o timeout|connection refused|not found\b|manifest unknown)/i;
