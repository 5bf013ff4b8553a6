/**
 * A Service of type LoadBalancer that stays <pending>: the controller that should provision it (the cloud
 * controller manager's service controller, MetalLB) says why in a Warning event on the Service.
 */
import type { CoreV1Event, V1Service } from '@kubernetes/client-node';
import { parseLoadBalancerFailure } from '../messages/load-balancer';
import type { ObjectRef } from '../types';
import { millis } from '../util';
import { type FamilyCause, family } from './cause-data';

const FAIL_REASONS = new Set(['SyncLoadBalancerFailed', 'AllocationFailed', 'CreatingLoadBalancerFailed']);

export function loadBalancerPending(svc: V1Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && !(svc.status?.loadBalancer?.ingress?.length ?? 0);
}

/** The newest failure event of the Service's load balancer, read for its decisive value; undefined without one. */
export function loadBalancerCause(svc: V1Service, events: CoreV1Event[]): FamilyCause | undefined {
  if (svc.spec?.type !== 'LoadBalancer') return undefined;
  const failures = events
    .filter((e) => e.type === 'Warning' && FAIL_REASONS.has(e.reason ?? ''))
    .sort((a, b) => millis(b.lastTimestamp ?? b.eventTime) - millis(a.lastTimestamp ?? a.eventTime));
  const ev = failures[0];
  if (!ev) return undefined;
  // a failure older than the address the Service now has is history
  if (!loadBalancerPending(svc)) return undefined;
  const me: ObjectRef = { kind: 'Service', namespace: svc.metadata?.namespace, name: svc.metadata?.name ?? '' };
  const p = parseLoadBalancerFailure(ev.message ?? '');
  const controller = ev.source?.component ?? ev.reportingComponent ?? undefined;
  const ns = me.namespace ?? '';
  return family({
    object: me,
    code: 'LoadBalancerSyncFailed',
    facts: {
      reason: ev.reason,
      detail: p.detail,
      ...(p.quota ? { quota: p.quota } : {}),
      ...(p.limit ? { limit: p.limit } : {}),
      ...(p.region ? { region: p.region } : {}),
      ...(p.address ? { address: p.address } : {}),
      ...(svc.spec?.loadBalancerClass ? { loadBalancerClass: svc.spec.loadBalancerClass } : {}),
      ...(controller ? { controller } : {}),
      count: ev.count ?? 1,
    },
    evidence: [{ source: 'event', object: me, text: `${ev.reason}: ${(ev.message ?? '').slice(0, 400)}` }],
    suggestion: p.quota
      ? `Raise the ${p.quota} quota${p.limit ? ` (limit ${p.limit}${p.region ? ` in ${p.region}` : ''})` : ''} or free load balancers/addresses you no longer use; the controller retries on its own.`
      : p.poolExhausted
        ? 'The address pool has no free IP: add addresses to the pool or release Services of type LoadBalancer that are not needed.'
        : `Fix what the ${controller ?? 'load-balancer controller'} reports (subnets, tags, permissions, annotations); it retries on its own.`,
    commands: [
      `kubectl describe service ${me.name} -n ${ns}`,
      `kubectl get events -n ${ns} --field-selector involvedObject.name=${me.name},reason=${ev.reason}`,
    ],
  });
}
