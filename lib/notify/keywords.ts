/**
 * Feishu and DingTalk bots with "custom keywords" drop messages that contain none of them.
 * The title is the one part that survives truncation, so the keyword goes there.
 */
export function titleWithKeyword(
  title: string,
  keywords: readonly string[] | undefined,
): { title: string; note?: string } {
  const wanted = (keywords ?? []).map((k) => k.trim()).filter(Boolean);
  if (wanted.length === 0 || wanted.some((k) => title.includes(k))) return { title };
  return {
    title: `【${wanted[0]}】${title}`,
    note: `title prefixed with keyword "${wanted[0]}" so the bot accepts it`,
  };
}
