/** URL path → which API resource, namespace, name and subresource a request is about. */

export interface ResourceRoute {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** legacy `/watch/` path prefix */
  watchPrefix: boolean;
}

export type ParsedPath =
  | { type: 'resource'; route: ResourceRoute }
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'group'; group: string }
  | { type: 'coreVersions' }
  | { type: 'groups' }
  | { type: 'other'; path: string };

/**
 * `isNamespaced(group, version, resource)` decides `namespaces/x/<resource>` (objects in a namespace) versus
 * `namespaces/x/<subresource>` (the Namespace object's status or finalize).
 */
export function parsePath(
  path: string,
  isNamespaced: (group: string, version: string, resource: string) => boolean,
): ParsedPath {
  const segs = path
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length === 1) return { type: 'coreVersions' };
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis') {
    if (segs.length === 1) return { type: 'groups' };
    if (segs.length === 2) return { type: 'group', group: segs[1] };
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else return { type: 'other', path };
  if (rest.length === 0) return { type: 'groupVersion', group, version };
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
    if (rest.length === 0) return { type: 'other', path };
  }
  if (rest[0] === 'namespaces' && rest.length >= 3 && isNamespaced(group, version, rest[2])) {
    return {
      type: 'resource',
      route: {
        group,
        version,
        namespace: rest[1],
        resource: rest[2],
        name: rest[3],
        subresource: rest[4],
        watchPrefix,
      },
    };
  }
  if (rest.length > 3) return { type: 'other', path };
  return {
    type: 'resource',
    route: { group, version, resource: rest[0], name: rest[1], subresource: rest[2], watchPrefix },
  };
}
