/** Every subcommand registers itself here; each lives in its own file. */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
