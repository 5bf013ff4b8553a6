/** Pod QoS class from container requests and limits, as the apiserver computes it on create. */
import { arr, obj, scalar } from '../model';

export function podQosClass(pod: unknown): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = obj(obj(pod).spec);
  const containers = [...arr(spec.containers), ...arr(spec.initContainers)].map(obj);
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const res = obj(c.resources);
    const requests = obj(res.requests);
    const limits = obj(res.limits);
    if (Object.keys(requests).length || Object.keys(limits).length) anySet = true;
    for (const r of ['cpu', 'memory']) {
      const limit = limits[r];
      const request = requests[r] ?? limit;
      if (limit === undefined || String(request) !== scalar(limit)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
