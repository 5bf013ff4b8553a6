/**
 * Mention markup IM platforms act on inside message text: Feishu `<at user_id="all">` and card `<at id=all>`, WeCom
 * markdown `<@userid>`, Slack `<!channel>`, `<!here>`, `<@U123>`. Text quoted from an alert or the cluster must not
 * page a whole group: the mentions a user configured travel in `mentions` and are rendered by the channel. A
 * zero-width space after the `<` keeps the text readable and stops the platform from parsing a mention.
 */
const MENTION = /<(?=[ \t]{0,3}(?:at\b|@|!(?:channel|here|everyone)\b))/gi;

export function defuseMentions(text: string): string {
  return text.includes('<') ? text.replace(MENTION, '<\u200b') : text;
}

/** Every string of a message through defuseMentions (keys untouched). */
export function defuseStrings<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return defuseMentions(value) as T;
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => defuseStrings(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = defuseStrings(v, depth + 1);
  return out as T;
}
