/**
 * Alert text is written by whoever configured the rule or the sender, and often quotes what it saw: a DSN with its
 * password, `password=…` from a log line, a token in a URL. Everything a NormalizedAlert carries is redacted once,
 * here, so every face (node items, the trigger's workflow data, IM messages, bridge results) gets the same clean text.
 * Identity (the fingerprint) is computed from the labels as sent, before this, so it still matches Alertmanager's.
 */
import { isCredentialKey, redacted, redactText } from '../kube/redact';
import type { StringMap } from './types';

/*
 * What redactText (key=value pairs, URL passwords, auth schemes) does not see but alert text often holds: Chinese
 * keys and the full-width colon (密码：…, password：…), a `--password value` flag, and tokens recognisable by their shape
 * alone (JWTs, AWS access key ids, GitHub and Slack tokens, PEM private keys). Bounded quantifiers keep it linear.
 */
const CJK_PAIR =
  /(密码|口令|密钥|秘钥|私钥|令牌|凭证|凭据|授权码)([ \t]{0,3}[:：=][ \t]{0,3})([^\s，,。；;、）)"'<]{1,4096})/g;
const FULLWIDTH_PAIR =
  /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]{0,127})([ \t]{0,3}：[ \t]{0,3})([^\s，,。；;、）)"'<]{1,4096})/g;
const FLAG_VALUE = /(?<!\S)(--?[A-Za-z][A-Za-z0-9-]{0,63})([ \t]{1,3})([^\s"'<-][^\s"'<]{0,4095})/g;
const SHAPES = [
  /\beyJ[A-Za-z0-9_-]{8,2048}\.[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,2048}/g,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,255}/g,
  /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----(?:[\s\S]{0,16384}?-----END [A-Z ]{0,40}PRIVATE KEY-----|[\s\S]{0,16384})/g,
];
const MAYBE_MORE = /[密口秘私令凭授：]|--?[A-Za-z]|eyJ|AKIA|ASIA|gh[pousr]_|xox|-----BEGIN/;

const hide = (value: string): string => redacted(Buffer.byteLength(value));

function redactMore(text: string): string {
  if (!MAYBE_MORE.test(text)) return text;
  let out = text.replace(CJK_PAIR, (_m, key: string, sep: string, value: string) => `${key}${sep}${hide(value)}`);
  out = out.replace(FULLWIDTH_PAIR, (m, key: string, sep: string, value: string) =>
    isCredentialKey(key) ? `${key}${sep}${hide(value)}` : m,
  );
  out = out.replace(FLAG_VALUE, (m, flag: string, sep: string, value: string) =>
    isCredentialKey(flag) ? `${flag}${sep}${hide(value)}` : m,
  );
  for (const shape of SHAPES) out = out.replace(shape, (m) => hide(m));
  return out;
}

export function redactAlertText(text: string): string;
export function redactAlertText(text: string | undefined): string | undefined;
export function redactAlertText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redactMore(redactText(text));
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
