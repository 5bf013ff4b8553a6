/** `kube-aiops sim`: serve fixture files as a Kubernetes API on loopback until SIGINT/SIGTERM. */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { RegisterCommand } from './register';
import { FixtureError, launchSimulator } from '../sim/index';

interface SimFlags {
  fixtures: string[];
  port: number;
  host: string;
  kubeconfigOut?: string;
  token?: string;
  tls?: boolean;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return n;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export const registerSim: RegisterCommand = (program) => {
  program
    .command('sim')
    .description(
      'serve Kubernetes YAML/JSON fixtures as a Kubernetes API server on loopback (kubectl and client libraries work against it)',
    )
    .option('--fixtures <file|dir>', 'fixture file or directory (repeatable)', collect, [])
    .option('--port <n>', 'port (0 = a free port)', parsePort, 0)
    .option('--host <address>', 'bind address', '127.0.0.1')
    .option('--kubeconfig-out <file>', 'write the kubeconfig here (default: a file in the temp directory)')
    .option('--token <token>', 'require Authorization: Bearer <token>')
    .option('--tls', 'serve HTTPS with a generated self-signed CA (written into the kubeconfig)')
    .action(async (flags: SimFlags) => {
      const kubeconfigOut = flags.kubeconfigOut ?? join(tmpdir(), `kube-aiops-sim-${process.pid}.kubeconfig`);
      let launched;
      try {
        launched = await launchSimulator({
          fixtures: flags.fixtures,
          port: flags.port,
          host: flags.host,
          token: flags.token,
          tls: flags.tls,
          kubeconfigOut,
        });
      } catch (err) {
        if (err instanceof FixtureError) {
          process.stderr.write(`kube-aiops sim: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw err;
      }
      const { running, objectCount } = launched;
      process.stdout.write(
        [
          `Kubernetes API simulator serving ${running.url} (${objectCount} objects from ${flags.fixtures.length} fixture path${flags.fixtures.length === 1 ? '' : 's'})`,
          `kubeconfig: ${kubeconfigOut}`,
          '',
          'Use it with kubectl:',
          `  export KUBECONFIG=${kubeconfigOut}`,
          '  kubectl get pods -A',
          '',
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await running.close();
      if (!flags.kubeconfigOut) rmSync(kubeconfigOut, { force: true });
      process.stdout.write('simulator stopped\n');
    });
};
