/** Runs the CLI in this process, the way a shell would, and keeps what it printed. */
import { main } from '../../cli/index';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const so = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  const se = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}
