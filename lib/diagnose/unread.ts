/**
 * What a diagnosis wanted to read and could not, said as warnings: a root cause found without the crashing
 * container's logs, or usage checks skipped because metrics were refused, must not look as complete as one with them.
 */
import type { Snapshot } from './types';

const MAX_LOG_NOTES = 5;

/** The warning for one container's logs that could not be read, or undefined when they were read. */
export function unreadLogNote(key: string, entry: Snapshot['logs'][string]): string | undefined {
  return entry.unreadable && !entry.current ? `logs of ${key} could not be read: ${entry.unreadable}` : undefined;
}

export function unreadNotes(snapshot: Snapshot): string[] {
  const notes: string[] = [];
  const unread = Object.entries(snapshot.logs ?? {}).flatMap(([key, e]) => unreadLogNote(key, e) ?? []);
  notes.push(...unread.slice(0, MAX_LOG_NOTES));
  if (unread.length > MAX_LOG_NOTES)
    notes.push(`logs of ${unread.length - MAX_LOG_NOTES} more containers could not be read`);
  const stats = snapshot.stats ?? {};
  for (const why of ['forbidden', 'failed'] as const)
    if (stats[`${why}.metrics`])
      notes.push(`pod and node metrics could not be read (${why}); checks on usage against limits are skipped`);
  return notes;
}
