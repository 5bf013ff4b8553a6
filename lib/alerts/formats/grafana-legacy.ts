/**
 * Legacy Grafana (≤ 7) dashboard alerts: one rule per payload, `state` alerting/ok/no_data, `ruleName`, `message`,
 * `evalMatches` [{metric, value, tags}], optional rule `tags`. Rebuilt as one Alertmanager-shaped alert:
 * alertname = ruleName, labels = rule tags + the tags every eval match shares (usually the series' own labels).
 * Its fingerprint is computed from the rule (name + id) alone: an "ok" payload carries no eval matches, so a
 * fingerprint over the labels would not pair the resolved notification with the firing one.
 */
import { isRecord, own, scalarText, type RawRecord } from '../read';
import { normalizeList, type FormatReader } from './list';

export const readGrafanaLegacy: FormatReader = (input, ctx) => {
  if (!isRecord(input)) return { fatal: 'expected a JSON object for format grafana-legacy' };
  const ruleName = scalarText(own(input, 'ruleName')) ?? titleName(scalarText(own(input, 'title')));
  if (!ruleName) return { fatal: 'legacy Grafana payload has neither ruleName nor title' };
  const matches = Array.isArray(own(input, 'evalMatches'))
    ? (own(input, 'evalMatches') as unknown[]).slice(0, 1000).filter(isRecord)
    : [];

  const labels: Record<string, unknown> = { ...plain(own(input, 'tags')), ...sharedTags(matches), alertname: ruleName };
  const annotations: Record<string, unknown> = {};
  const message = scalarText(own(input, 'message'));
  if (message) annotations.description = message;
  const title = scalarText(own(input, 'title'));
  if (title) annotations.title = title;
  const image = scalarText(own(input, 'imageUrl'));
  if (image) annotations.image_url = image;
  const ruleId = scalarText(own(input, 'ruleId'));
  if (ruleId) annotations.rule_id = ruleId;

  const values: Record<string, number> = {};
  for (const m of matches) {
    const metric = scalarText(own(m, 'metric'));
    const value = own(m, 'value');
    if (metric && metric !== '__proto__' && typeof value === 'number' && Number.isFinite(value)) values[metric] = value;
  }
  const raw: RawRecord = {
    labels,
    annotations,
    values,
    status: own(input, 'state'),
    dashboardURL: own(input, 'ruleUrl'),
  };
  const identityLabels = { alertname: ruleName, ...(ruleId ? { rule_id: ruleId } : {}) };
  return normalizeList([raw], { ...ctx, source: 'grafana-legacy', identityLabels });
};

/** "[Alerting] CPU high" → "CPU high". */
function titleName(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const name = title.replace(/^\s*\[[^\]]*\]\s*/, '').trim();
  return name === '' ? undefined : name;
}

function plain(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (key !== '__proto__') out[key] = value[key];
  return out;
}

/** Tags present with the same value in every eval match. */
function sharedTags(matches: RawRecord[]): Record<string, unknown> {
  const tagSets = matches.map((m) => plain(own(m, 'tags')));
  if (tagSets.length === 0) return {};
  const [first, ...rest] = tagSets;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(first)) {
    const v = scalarText(first[key]);
    if (v !== undefined && rest.every((t) => scalarText(t[key]) === v)) out[key] = v;
  }
  return out;
}
