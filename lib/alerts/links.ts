/**
 * Links an alert carries or implies: the PromQL behind it (generatorURL `g0.expr`), its runbook, and an Alertmanager
 * "new silence" link. URLs are only parsed and built as text, never fetched.
 */
import type { StringMap } from './types';

/** The PromQL in a Prometheus graph link (`/graph?g0.expr=…&g0.tab=1`); undefined when the URL has none. */
export function exprFromGeneratorURL(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  try {
    const expr = new URLSearchParams(query).get('g0.expr');
    return expr && expr.trim() !== '' ? expr : undefined;
  } catch {
    return undefined;
  }
}

/** Only absolute http(s) links are passed on: a label or annotation could otherwise hand a `javascript:` URL to an IM card. */
export function safeHttpURL(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text).protocol.startsWith('http') ? text : undefined;
  } catch {
    return undefined;
  }
}

const RUNBOOK_KEYS = ['runbook_url', 'runbook', 'runbookURL', 'runbookUrl', 'playbook', 'playbook_url'];

export function runbookOf(annotations: StringMap, labels: StringMap): string | undefined {
  for (const map of [annotations, labels]) {
    for (const key of RUNBOOK_KEYS) {
      if (Object.prototype.hasOwnProperty.call(map, key)) {
        const url = safeHttpURL(map[key]);
        if (url) return url;
      }
    }
  }
  return undefined;
}

/** Escape a label value for an Alertmanager matcher `name="value"`. */
function matcherValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Label names Alertmanager accepts in a matcher without quoting; others are skipped rather than mis-quoted. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Alertmanager UI link that opens the "new silence" form with one equality matcher per label, the same link
 * PrometheusAlert's templates build from commonLabels: `<externalURL>/#/silences/new?filter={a="b", c="d"}`.
 */
export function alertmanagerSilenceURL(externalURL: string | undefined, labels: StringMap): string | undefined {
  const base = safeHttpURL(externalURL);
  if (!base) return undefined;
  const matchers = Object.keys(labels)
    .filter((name) => LABEL_NAME.test(name))
    .sort()
    .map((name) => `${name}="${matcherValue(labels[name])}"`);
  if (matchers.length === 0) return undefined;
  return `${base.replace(/\/+$/, '')}/#/silences/new?filter=${encodeURIComponent(`{${matchers.join(', ')}}`)}`;
}
