/** Cell formatting helpers shared by the printers. */
import { arr, getPath, obj, str, scalar } from '../model';
import { formatLabelSelectorObject } from '../select/labels';

export function formatLabels(labels: unknown): string {
  const m = obj(labels);
  const keys = Object.keys(m).sort();
  return keys.length ? keys.map((k) => `${k}=${String(m[k])}`).join(',') : '<none>';
}

export function formatSelector(sel: unknown): string {
  return formatLabelSelectorObject(sel) || '<none>';
}

/** Container names and images of a pod spec, comma-joined. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = arr(obj(podSpec).containers).map(obj);
  return [containers.map((c) => str(c.name) ?? '').join(','), containers.map((c) => str(c.image) ?? '').join(',')];
}

export function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? 0) || 0;
}

export function text(o: unknown, path: string[]): string {
  const v = getPath(o, path);
  return v === undefined || v === null ? '' : scalar(v);
}

/** IntOrString as Go prints it */
export function intOrString(v: unknown): string {
  return v === undefined || v === null ? '' : scalar(v);
}
