/** What each subcommand file exports: a function that adds the subcommand to the program. */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;
