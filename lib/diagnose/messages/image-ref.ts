/**
 * An image reference split the way the container runtimes resolve it (distribution/reference's normalisation):
 * the first path component is a registry host only when it contains "." or ":" or is "localhost"; otherwise the
 * image lives on Docker Hub (docker.io), and a single-component name is under "library/".
 */

export interface ImageRef {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(image: string): ImageRef | undefined {
  const s = (image ?? '').trim();
  if (!s || s.length > 1024 || /\s/.test(s)) return undefined;
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry = 'docker.io';
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!rest) return undefined;
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  return { registry, repository: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}
