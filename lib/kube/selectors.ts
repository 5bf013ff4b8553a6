/** Label selectors: to the query-string form the API takes, and matched locally against labels. */
import type { V1LabelSelector } from '@kubernetes/client-node';

export function selectorToString(selector: V1LabelSelector | Record<string, string>): string {
  const s = isLabelSelector(selector) ? selector : { matchLabels: selector };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

export function selectorMatches(
  selector: V1LabelSelector | Record<string, string>,
  labels: Record<string, string> | undefined,
): boolean {
  const s = isLabelSelector(selector) ? selector : { matchLabels: selector };
  const l = labels ?? {};
  const plain = Object.entries(s.matchLabels ?? {}).every(([k, v]) => l[k] === v);
  return (
    plain &&
    (s.matchExpressions ?? []).every((e) => {
      const has = Object.prototype.hasOwnProperty.call(l, e.key);
      if (e.operator === 'In') return has && (e.values ?? []).includes(l[e.key]);
      if (e.operator === 'NotIn') return !has || !(e.values ?? []).includes(l[e.key]);
      if (e.operator === 'Exists') return has;
      if (e.operator === 'DoesNotExist') return !has;
      return false;
    })
  );
}

function isLabelSelector(s: V1LabelSelector | Record<string, string>): s is V1LabelSelector {
  return (
    typeof s === 'object' &&
    s !== null &&
    ('matchLabels' in s || 'matchExpressions' in s) &&
    typeof (s as { matchLabels?: unknown }).matchLabels !== 'string'
  );
}
