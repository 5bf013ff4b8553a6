/** What the subcommands share: usage errors, one-line messages, input files. Light on purpose: notify loads it too. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

/** A usage error: commander prints it with the help hint and main() exits 2. */
export function usage(cmd: Command, message: string): never {
  cmd.error(`error: ${message}`, { exitCode: 2, code: 'kube-aiops.usage' });
}

/** main() prints an error's message as one line, with no stack: the API server's multi-line texts are folded. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** A file's text; "-" is stdin. */
export function readInput(path: string): string {
  return readFileSync(path === '-' ? 0 : path, 'utf8');
}

/** `--budget <chars>`: undefined when not given, else a whole number of at least `min`, or a usage error. */
export function budgetFlag(cmd: Command, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    usage(cmd, `--budget must be a whole number of characters, at least ${min}`);
  return Number(value);
}
