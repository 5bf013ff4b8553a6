/**
 * Why a Service of type LoadBalancer gets no address. The cloud controller's service controller records Warning
 * SyncLoadBalancerFailed "Error syncing load balancer: failed to ensure load balancer: <cloud error>"
 * (staging/src/k8s.io/cloud-provider/controllers/service); MetalLB records AllocationFailed "Failed to allocate IP
 * for \"ns/svc\": no available IPs". The cloud errors carry the decisive value: a quota and its limit, the subnets
 * the ELB cannot find, the requested IP that is taken.
 */

export interface LoadBalancerFailure {
  /** the provider's own words, without the controller's prefixes */
  detail: string;
  /** "IN_USE_ADDRESSES", "PublicIPAddressCountLimitReached", "TooManyLoadBalancers" */
  quota?: string;
  limit?: string;
  region?: string;
  /** the loadBalancerIP / address asked for, when the message names one that cannot be had */
  address?: string;
  /** the address pool is empty (MetalLB, a cloud address quota) */
  poolExhausted?: boolean;
}

export function parseLoadBalancerFailure(message: string): LoadBalancerFailure {
  // event messages are short; a longer one is cut so the patterns below stay linear in practice
  const msg = (message ?? '').slice(0, 8192).trim();
  const detail = msg
    .replace(/^Error syncing load balancer:\s*/i, '')
    .replace(/^failed to ensure load balancer:\s*/i, '')
    .replace(/^Error (?:creating|updating) load balancer(?: \(will retry\))?:\s*/i, '')
    .trim();
  const out: LoadBalancerFailure = { detail: detail.slice(0, 300) };
  // GCE: "Quota 'IN_USE_ADDRESSES' exceeded.  Limit: 8.0 in region us-central1."
  const gce = /Quota '([\w-]+)' exceeded\.?\s+Limit: ([\d.]+)(?: (?:in|globally)(?: region ([\w-]+))?)?/i.exec(detail);
  if (gce) {
    out.quota = gce[1];
    out.limit = gce[2].replace(/\.0$/, '');
    if (gce[3]) out.region = gce[3];
  }
  // Azure "Code=\"PublicIPCountLimitReached\"", AWS "TooManyLoadBalancers: Exceeded quota of account"
  const code =
    /Code="?(\w*(?:Limit|Quota)\w*)"?/i.exec(detail)?.[1] ??
    /\b(TooManyLoadBalancers|LimitExceeded)\b/.exec(detail)?.[1];
  if (!out.quota && code) out.quota = code;
  const limit = /(?:limit|quota) (?:of|is) (\d+)/i.exec(detail)?.[1];
  if (!out.limit && limit) out.limit = limit;
  const address =
    /(?:requested|loadBalancerIP|static) (?:ip|IP|address)? ?"?(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]+)"?/i.exec(
      detail,
    )?.[1];
  if (address) out.address = address;
  if (/no available IPs|address pool.*(?:exhausted|full)|no IPs? available/i.test(detail)) out.poolExhausted = true;
  return out;
}
