/**
 * Every subcommand lives in its own file and is loaded only when it is the one that runs: `kube-aiops bridge` should
 * not pay for echarts (diagnose) or the simulator (demo, sim). Help, and a name that is not a subcommand, load them all
 * so commander can list them or suggest the nearest one.
 */
import type { RegisterCommand } from './register';

export type { RegisterCommand } from './register';

// a require() inside a function defers the load (a dynamic import() would need the built file's .js name)
const SUBCOMMANDS: Record<string, () => RegisterCommand> = {
  capacity: () => (require('./capacity') as typeof import('./capacity')).registerCapacity,
  bridge: () => (require('./bridge') as typeof import('./bridge')).registerBridge,
  demo: () => (require('./demo') as typeof import('./demo')).registerDemo,
  diagnose: () => (require('./diagnose') as typeof import('./diagnose')).registerDiagnose,
  notify: () => (require('./notify') as typeof import('./notify')).registerNotify,
  sim: () => (require('./sim') as typeof import('./sim')).registerSim,
  triage: () => (require('./triage') as typeof import('./triage')).registerTriage,
};

/** The subcommands `argv` needs: the one it names, or every one when it names none. */
export function commandsFor(argv: readonly string[]): RegisterCommand[] {
  const load = Object.hasOwn(SUBCOMMANDS, argv[0] ?? '') ? [SUBCOMMANDS[argv[0]]] : Object.values(SUBCOMMANDS);
  return load.map((l) => l());
}
