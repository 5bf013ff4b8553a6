/**
 * The namespace controller's conditions on a Terminating namespace (pkg/controller/namespace/deletion):
 *   NamespaceDeletionDiscoveryFailure  "Discovery failed for some groups, 1 failing: unable to retrieve the complete
 *                                      list of server APIs: metrics.k8s.io/v1beta1: the server is currently unable
 *                                      to handle the request"
 *   NamespaceDeletionContentFailure    "Failed to delete all resource types, 1 remaining: <error>"
 *   NamespaceContentRemaining          "Some resources are remaining: pods. has 2 resource instances,
 *                                      kafkatopics.kafka.strimzi.io has 1 resource instances"
 *   NamespaceFinalizersRemaining       "Some content in the namespace has finalizers remaining:
 *                                      kafka.strimzi.io/topic-operator in 1 resource instances"
 */

/** Condition messages are short; a longer one is cut so the patterns below stay linear in practice. */
function bounded(message: string | undefined): string {
  return (message ?? '').slice(0, 8192);
}

export interface RemainingCount {
  /** "pods" or "kafkatopics.kafka.strimzi.io" (the core group's trailing "." dropped), or the finalizer */
  name: string;
  count: number;
}

/** "pods. has 2 resource instances, x.y has 1 resource instances" → [{pods, 2}, {x.y, 1}] */
export function parseRemainingResources(message: string): RemainingCount[] {
  return [...bounded(message).matchAll(/([a-z0-9][\w.-]*?)\.? has (\d+) resource instances/gi)].map((m) => ({
    name: m[1],
    count: Number(m[2]),
  }));
}

/** "a.io/x in 1 resource instances, kubernetes.io/pvc-protection in 2 resource instances" */
export function parseRemainingFinalizers(message: string): RemainingCount[] {
  const body = bounded(message).replace(/^.*?finalizers remaining:\s*/i, '');
  return [...body.matchAll(/([\w./-]+) in (\d+) resource instances/gi)].map((m) => ({
    name: m[1],
    count: Number(m[2]),
  }));
}

/**
 * The API group versions discovery could not list ("metrics.k8s.io/v1beta1"), and the APIService that serves each
 * ("v1beta1.metrics.k8s.io"): the namespace controller cannot be sure it deleted everything until they answer.
 */
export function parseDiscoveryFailure(message: string): { groupVersion: string; apiService: string }[] {
  const out = new Map<string, string>();
  const body = bounded(message).replace(/^.*?unable to retrieve the complete list of server APIs:\s*/i, '');
  for (const m of body.matchAll(/(?:^|[\s,;])([a-z0-9][a-z0-9.-]*\.[a-z]{2,})\/(v\d+(?:(?:alpha|beta)\d+)?)\b/gi))
    out.set(`${m[1]}/${m[2]}`, `${m[2]}.${m[1]}`);
  return [...out].map(([groupVersion, apiService]) => ({ groupVersion, apiService }));
}
