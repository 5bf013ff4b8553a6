/** Kubernetes resource quantities (250m, 1.5, 512Mi, 2G) to numbers and back to short text. */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** The quantity as a plain number of base units (cores, bytes); NaN when it is not a quantity. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined || q === null || q === '') return NaN;
  if (typeof q === 'number') return q;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const suffix = m[2];
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  return NaN;
}

export function cpuMillicores(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return Number.isNaN(v) ? 0 : Math.round(v * 1000);
}

export function memoryBytes(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return Number.isNaN(v) ? 0 : Math.round(v);
}

export function formatMillicores(m: number): string {
  return `${Math.round(m)}m`;
}

/** kubectl top prints memory in Mi. */
export function formatMemory(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)}Mi`;
}
