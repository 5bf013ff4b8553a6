/** Child process for bench/sim.ts: only the simulator (no CLI, no other subcommands' modules), so its RSS is its own. */
import { startSimulator } from '../sim/index';

async function main(): Promise<void> {
  const [fixture, kubeconfigOut] = process.argv.slice(2);
  const t0 = performance.now();
  const sim = await startSimulator({ fixtures: [fixture], kubeconfigOut });
  process.stdout.write(`serving ${sim.url} loaded in ${(performance.now() - t0).toFixed(0)} ms\n`);
  process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
