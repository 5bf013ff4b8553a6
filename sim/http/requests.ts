/**
 * Counts the requests the simulator served, by Kubernetes verb and resource ("list pods", "get deployments",
 * "patch deployments/scale", "watch events"), so that tests and benchmarks can say how much load a client puts on
 * an API server. Read at GET /_sim/requests, reset with DELETE /_sim/requests.
 */
import type { ParsedPath } from './route';

export class RequestCounter {
  private counts = new Map<string, number>();
  private total = 0;

  record(method: string, parsed: ParsedPath, watch: boolean): void {
    const key = requestKey(method, parsed, watch);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total += 1;
  }

  snapshot(): { total: number; byVerbResource: Record<string, number> } {
    const byVerbResource = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
    return { total: this.total, byVerbResource };
  }

  reset(): void {
    this.counts.clear();
    this.total = 0;
  }
}

function requestKey(method: string, parsed: ParsedPath, watch: boolean): string {
  if (parsed.type !== 'resource') {
    const what = parsed.type === 'other' ? parsed.path : 'discovery';
    return `${method.toLowerCase()} ${what}`;
  }
  const { route } = parsed;
  const group = route.group ? `.${route.group}` : '';
  const resource = `${route.resource}${group}${route.subresource ? `/${route.subresource}` : ''}`;
  return `${verbOf(method, route.name !== undefined, watch || route.watchPrefix)} ${resource}`;
}

function verbOf(method: string, named: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
      return watch ? 'watch' : named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}
