/** What an exit code usually means, so "exit code 137" reads as a cause instead of a number. */
export function exitMeaning(code: number | undefined, reason: string | undefined): string | undefined {
  if (reason === 'OOMKilled') return 'killed by the kernel OOM killer: the container exceeded its memory limit';
  switch (code) {
    case undefined:
      return undefined;
    case 0:
      return 'the process exited successfully, but the pod expects it to keep running';
    case 1:
      return 'the application exited with an error';
    case 2:
      return 'the command was misused (bad arguments or shell syntax)';
    case 126:
      return 'the command is not executable (permissions or wrong binary format)';
    case 127:
      return 'the command was not found in the image';
    case 128:
      return 'invalid exit argument';
    case 134:
      return 'aborted (SIGABRT), usually an assertion or a runtime abort';
    case 137:
      return 'killed with SIGKILL (OOM killer, a failed liveness probe or a forced stop)';
    case 139:
      return 'segmentation fault (SIGSEGV)';
    case 143:
      return 'terminated with SIGTERM (asked to stop)';
    case 255:
      return 'exit status out of range; the entrypoint failed';
    default:
      return code > 128 && code < 160 ? `killed by signal ${code - 128}` : undefined;
  }
}
