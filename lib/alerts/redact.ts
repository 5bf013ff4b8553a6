/**
 * Alert text is written by whoever configured the rule or the sender, and often quotes what it saw: a DSN with its
 * password, `password=…` from a log line, a token in a URL. Everything a NormalizedAlert carries is redacted once,
 * here, so every face (node items, the trigger's workflow data, IM messages, bridge results) gets the same clean text.
 * Identity (the fingerprint) is computed from the labels as sent, before this, so it still matches Alertmanager's.
 */
import { isCredentialKey, redacted, redactText } from '../kube/redact';
import type { StringMap } from './types';

const hide = (value: string): string => redacted(Buffer.byteLength(value));

export function redactAlertText(text: string): string;
export function redactAlertText(text: string | undefined): string | undefined;
export function redactAlertText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redactText(text);
}

const LINK = /^https?:\/\/\S+$/i;

/** Values redacted, keys kept (label and annotation names are schema, not data); a value that is a link, as a link. */
export function redactAlertMap(map: StringMap): StringMap {
  const out: StringMap = {};
  for (const key of Object.keys(map)) {
    const value = map[key];
    out[key] = LINK.test(value) ? (redactAlertURL(value) ?? value) : redactAlertText(value);
  }
  return out;
}

/**
 * A link's query is percent-encoded, so `redactText` cannot see `password%3D…` or a PromQL matcher quoting a
 * credential (`g0.expr=up%7Bpassword%3D%22…`): each parameter is decoded, redacted and re-encoded. The URL is
 * rebuilt only when something was hidden, so an ordinary link keeps its exact form.
 */
export function redactAlertURL(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const plain = redactAlertText(text);
  let url: URL;
  try {
    url = new URL(plain);
  } catch {
    return plain;
  }
  let changed = false;
  const params = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    const shown = isCredentialKey(key) && value !== '' ? hide(value) : redactAlertText(value);
    if (shown !== value) changed = true;
    params.append(key, shown);
  }
  if (!changed) return plain;
  url.search = params.toString();
  return url.toString();
}
