/**
 * A pod the kubelet refused after it was bound to the node (status.reason OutOfcpu, UnexpectedAdmissionError,
 * NodeAffinity…). The scheduler checked the same things, so a rejection means the node changed between binding and
 * admission, or the pod skipped the scheduler (spec.nodeName set by hand, a controller that binds pods itself): the
 * resource and the amounts the kubelet counted, the device plugin that had no free device, the nodeSelector label
 * the node does not carry.
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { kubeletAmount, parseAdmissionReject } from '../messages/kubelet-admit';
import type { Evidence, ObjectRef, Severity, Snapshot } from '../types';
import { type FamilyCause, family } from './cause-data';
import { requirementMatches, requirementText } from './node-fit';

export interface AdmissionCause extends FamilyCause {
  severity: Severity;
}

/** The nodeSelector entries and required affinity terms the node's labels do not satisfy. */
function unmatchedOnNode(pod: V1Pod, node: V1Node | undefined): string[] {
  if (!node) return [];
  const labels = node.metadata?.labels ?? {};
  const out = Object.entries(pod.spec?.nodeSelector ?? {})
    .filter(([k, val]) => labels[k] !== val)
    .map(([k, val]) => `${k}=${val}`);
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.length) {
    const failing = terms.map((t) => (t.matchExpressions ?? []).filter((r) => !requirementMatches(labels, r)));
    // terms are ORed: the node fails affinity only when every term has a failing expression
    if (failing.every((f) => f.length)) out.push(...failing.flat().map(requirementText));
  }
  return out;
}

export function admissionRejectCause(
  s: Snapshot,
  pod: V1Pod,
  specRef: ObjectRef,
  reason: string,
  message: string,
  evidence: Evidence,
): AdmissionCause {
  const r = parseAdmissionReject(reason, message);
  const nodeName = pod.spec?.nodeName ?? '';
  const nodeRef: ObjectRef = { kind: 'Node', name: nodeName };
  const node = s.nodes.find((n) => n.metadata?.name === nodeName);
  const describeNode = `kubectl describe node ${nodeName}`;
  const bypassed = !!pod.spec?.nodeName && !pod.status?.conditions?.some((c) => c.type === 'PodScheduled');
  switch (r.code) {
    case 'NodeOutOfResource': {
      const res = r.resource ?? reason.replace(/^OutOf/, '');
      const allocatable = node?.status?.allocatable?.[res];
      return {
        severity: 'warning',
        ...family({
          object: nodeRef,
          code: 'NodeOutOfResource',
          facts: {
            node: nodeName,
            resource: res,
            requested: kubeletAmount(res, r.requested),
            used: kubeletAmount(res, r.used),
            capacity: kubeletAmount(res, r.capacity),
            allocatable,
          },
          evidence: [evidence],
          suggestion: `Node ${nodeName} had no room for the pod's ${res} request when the kubelet admitted it${bypassed ? ' (the pod names spec.nodeName, so the scheduler never checked)' : ''}: let the scheduler place it (drop spec.nodeName), lower the request, or free ${res} on the node. Delete the Failed pod once fixed.`,
          commands: [describeNode, `kubectl get pods -A --field-selector spec.nodeName=${nodeName}`],
        }),
      };
    }
    case 'DeviceAllocationFailed': {
      const res = r.resource ?? 'a device';
      return {
        severity: 'warning',
        ...family({
          object: nodeRef,
          code: 'DeviceAllocationFailed',
          facts: {
            node: nodeName,
            resource: res,
            requested: r.requested,
            available: r.available,
            allocatable: r.resource ? node?.status?.allocatable?.[r.resource] : undefined,
          },
          evidence: [evidence],
          suggestion: `The device plugin for ${res} on node ${nodeName} had no free healthy device: check the plugin's pods and the node's allocatable ${res}, and which pods hold the devices.`,
          commands: [describeNode, `kubectl get pods -A -o wide --field-selector spec.nodeName=${nodeName}`],
        }),
      };
    }
    case 'NodePredicateFailed': {
      const unmatched = r.predicate === 'NodeAffinity' ? unmatchedOnNode(pod, node) : [];
      return {
        severity: 'warning',
        ...family({
          object: unmatched.length ? specRef : nodeRef,
          code: 'NodePredicateRejected',
          facts: {
            node: nodeName,
            predicate: r.predicate,
            ...(unmatched.length ? { unmatched } : {}),
            detail: r.detail.slice(0, 200),
          },
          evidence: [evidence],
          suggestion: unmatched.length
            ? `Node ${nodeName} does not carry ${unmatched.join(', ')} that the pod requires: fix the nodeSelector/affinity, label the node, or stop binding the pod to it by spec.nodeName.`
            : `The kubelet on ${nodeName} re-ran the scheduler's ${r.predicate} check and it failed: compare the pod's constraints with the node.`,
          commands: [`kubectl get node ${nodeName} --show-labels`],
        }),
      };
    }
    case 'NodeShutdown':
      return {
        severity: 'info',
        ...family({
          object: nodeRef,
          code: 'NodeShutdownTerminated',
          facts: { node: nodeName },
          evidence: [evidence],
          suggestion: `Node ${nodeName} shut down and stopped the pod; its controller replaces it. Delete the leftover Failed pod.`,
          commands: [describeNode],
        }),
      };
    default:
      return {
        severity: /^(Shutdown|Terminated|Preempting|DeadlineExceeded)$/.test(reason) ? 'info' : 'warning',
        ...family({
          object: nodeRef,
          code: 'PodRejected',
          facts: { reason, message: r.detail.slice(0, 200) },
          evidence: [evidence],
          suggestion: "The kubelet rejected or stopped the pod; check the node's capacity and conditions.",
          commands: [describeNode],
        }),
      };
  }
}
