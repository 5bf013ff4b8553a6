#!/usr/bin/env node
/**
 * `kube-aiops`: one command, one file per subcommand under cli/. Usage errors exit 2.
 */
import { Command, CommanderError } from 'commander';
import { commandsFor } from './commands';
import { leanClientNode } from './lean-client-node';

/** The program with the subcommands `argv` needs (see commandsFor): all of them when argv is left out. */
export function buildProgram(argv: readonly string[] = []): Command {
  const program = new Command('kube-aiops')
    .description('Kubernetes AIOps: simulator, MCP bridge, diagnosis, alert triage and IM notification')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  for (const register of commandsFor(argv)) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram(argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are not errors; everything else commander rejects is a usage error
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
        return 0;
      return 2;
    }
    process.stderr.write(`kube-aiops: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  // before any subcommand loads lib/kube
  leanClientNode();
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
