/**
 * The API server's refusals that controllers record as FailedCreate ("Error creating: pods \"web-7d9\" is
 * forbidden: …"), in the formats the admission plugins write them:
 * - ServiceAccount (plugin/pkg/admission/serviceaccount): `error looking up service account ns/sa: serviceaccount "sa" not found`
 * - Pod Security (staging/src/k8s.io/pod-security-admission): `violates PodSecurity "restricted:latest": <check> (<detail>), …`
 * - LimitRanger: `maximum cpu usage per Container is 500m, but limit is 2`, `minimum memory usage per Pod is 64Mi,
 *   but request is 32Mi`, `cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000`
 *   (several are aggregated as "[a, b]")
 * - ResourceQuota: `exceeded quota: q, requested: pods=1, used: pods=10, limited: pods=10`, `failed quota: q: must
 *   specify limits.cpu for: app; limits.memory for: app`
 * - webhooks: `admission webhook "x" denied the request: …`, `failed calling webhook "x": …`
 */

export interface QuotaExceeded {
  code: 'QuotaExceeded';
  quota: string;
  requested: Record<string, string>;
  used: Record<string, string>;
  limited: Record<string, string>;
  /** the resources whose used + requested passes the limit (the names in `limited`) */
  resources: string[];
  /** true when every exceeded resource is an object count (pods, count/…, services…) rather than compute */
  objectCount: boolean;
}
export interface QuotaMustSpecify {
  code: 'QuotaRequiresLimits';
  quota: string;
  resources: string[];
}
export interface ServiceAccountMissing {
  code: 'ServiceAccountNotFound';
  namespace?: string;
  serviceAccount: string;
}
export interface PodSecurityViolation {
  code: 'PodSecurityViolation';
  /** "restricted", "baseline" */
  level: string;
  /** "latest", "v1.29" */
  version: string;
  violations: { check: string; detail?: string }[];
}
export interface LimitRangeViolation {
  code: 'LimitRangeViolation';
  items: {
    bound: 'maximum' | 'minimum' | 'ratio';
    resource: string;
    /** "Container", "Pod", "PersistentVolumeClaim" */
    scope: string;
    allowed: string;
    actual: string;
  }[];
}
export interface WebhookRefusal {
  code: 'WebhookDenied' | 'WebhookUnreachable';
  webhook: string;
  detail: string;
}
export interface OtherRefusal {
  code: 'AdmissionRefused';
  detail: string;
}
export type AdmissionFacts =
  | QuotaExceeded
  | QuotaMustSpecify
  | ServiceAccountMissing
  | PodSecurityViolation
  | LimitRangeViolation
  | WebhookRefusal
  | OtherRefusal;

/** Compute resources a quota can limit; everything else a quota counts (pods, count/x, services…) is an object count. */
const COMPUTE = /^(requests\.|limits\.)?(cpu|memory|ephemeral-storage|storage)$|^requests\.|^limits\.|hugepages-/;

/** "pods=1,requests.cpu=500m" → {pods: "1", "requests.cpu": "500m"} */
export function parseResourceList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k && v) out[k] = v;
  }
  return out;
}

/** Splits on ", " outside parentheses, brackets and quotes. */
function topLevelList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '(' || ch === '[')) depth++;
    else if (!quoted && (ch === ')' || ch === ']')) depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && ch === ',' && text[i + 1] === ' ') {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter(Boolean);
}

const LIMIT_ITEM =
  /(maximum|minimum) ([\w./-]+) usage per (\w+) is ([^\s,]+), but (?:limit|request) is ([^\s,\]]+)|([\w./-]+) max limit to request ratio per (\w+) is ([^\s,]+), but provided ratio is ([^\s,\]]+)/g;

export function parseAdmissionRefusal(message: string): AdmissionFacts {
  const msg = (message ?? '').trim();
  let m = /exceeded quota: ([^,]+), requested: (\S*?), used: (\S*?), limited: ([^\s]*)/i.exec(msg);
  if (m) {
    const limited = parseResourceList(m[4]);
    const requested = parseResourceList(m[2]);
    const resources = Object.keys(limited).length ? Object.keys(limited) : Object.keys(requested);
    return {
      code: 'QuotaExceeded',
      quota: m[1].trim(),
      requested,
      used: parseResourceList(m[3]),
      limited,
      resources,
      objectCount: resources.length > 0 && resources.every((r) => !COMPUTE.test(r)),
    };
  }
  m = /failed quota: ([^:]+): must specify ([^\n]+)/i.exec(msg);
  if (m) {
    const resources = [
      ...new Set(
        m[2]
          .split(/[;,]/)
          .map((s) => s.trim().split(/\s+/)[0])
          .filter(Boolean),
      ),
    ];
    return { code: 'QuotaRequiresLimits', quota: m[1].trim(), resources };
  }
  m = /error looking up service account (?:([^/\s]+)\/)?([^:\s]+):\s*serviceaccount "([^"]+)" not found/i.exec(msg);
  if (m) return { code: 'ServiceAccountNotFound', ...(m[1] ? { namespace: m[1] } : {}), serviceAccount: m[3] };
  m = /serviceaccount "([^"]+)" not found/i.exec(msg);
  if (m) return { code: 'ServiceAccountNotFound', serviceAccount: m[1] };
  m = /violates PodSecurity "([\w-]+):([\w.-]+)":\s*([\s\S]*)$/i.exec(msg);
  if (m) {
    const violations = topLevelList(m[3].replace(/\.$/, '')).map((v) => {
      const p = /^([^(]+?)\s*\(([\s\S]*)\)$/.exec(v);
      return p ? { check: p[1].trim(), detail: p[2].trim() } : { check: v };
    });
    return { code: 'PodSecurityViolation', level: m[1], version: m[2], violations };
  }
  const items: LimitRangeViolation['items'] = [];
  for (const x of msg.matchAll(LIMIT_ITEM)) {
    if (x[1])
      items.push({
        bound: x[1] as 'maximum' | 'minimum',
        resource: x[2],
        scope: x[3],
        allowed: x[4],
        actual: x[5],
      });
    else items.push({ bound: 'ratio', resource: x[6], scope: x[7], allowed: x[8], actual: x[9] });
  }
  if (items.length) return { code: 'LimitRangeViolation', items };
  m = /admission webhook "([^"]+)" denied the request:?\s*([\s\S]*)$/i.exec(msg);
  if (m) return { code: 'WebhookDenied', webhook: m[1], detail: m[2].trim() };
  m = /failed calling webhook "([^"]+)":?\s*([\s\S]*)$/i.exec(msg);
  if (m) return { code: 'WebhookUnreachable', webhook: m[1], detail: m[2].trim() };
  return { code: 'AdmissionRefused', detail: msg };
}
