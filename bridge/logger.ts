/** One-line JSON logs on stderr (stdout belongs to the stdio transport); credentials in any field are redacted. */
import { redactStrings, redactText } from '../lib/kube/redact';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export type Logger = Record<LogLevel, (msg: string, fields?: Record<string, unknown>) => void>;

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const at = (lvl: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (RANK[lvl] <= RANK[level])
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: redactText(msg), ...redactStrings(fields) })}\n`,
      );
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
