import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const texts = new Map<string, string>();

/** A fixture from test/fixtures/alerts, parsed fresh each call so tests can mutate it (the file is read once). */
export function fixture(name: string): unknown {
  let text = texts.get(name);
  if (text === undefined) {
    text = readFileSync(join(__dirname, '..', 'fixtures', 'alerts', `${name}.json`), 'utf8');
    texts.set(name, text);
  }
  return JSON.parse(text) as unknown;
}

export const FIXTURE_NAMES = [
  'alertmanager-firing',
  'alertmanager-resolved',
  'alertmanager-truncated',
  'grafana-firing',
  'grafana-resolved',
  'grafana-legacy-alerting',
  'grafana-legacy-ok',
  'prometheusalert-firing',
  'prometheusalert-resolved',
  'alertmanager-api-alerts',
  'alertmanager-api-groups',
  'single-alert',
  'post-alerts',
] as const;

/** Fixed "now" for durations: two hours after the fixtures' 08:00Z. */
export const NOW = Date.parse('2024-05-01T10:00:00Z');
