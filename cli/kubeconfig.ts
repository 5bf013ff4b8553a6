/** The cluster the cluster-reading subcommands (diagnose, triage) talk to: a kubeconfig file and context. */
import type { Command } from 'commander';
import { connect, type KubeConnection } from '../lib/kube/connect';
import { KubeError } from '../lib/kube/errors';
import { oneLine, usage } from './common';

export function connectOrUsage(cmd: Command, flags: { kubeconfig?: string; context?: string }): KubeConnection {
  try {
    return connect({ source: 'kubeconfigFile', path: flags.kubeconfig, context: flags.context });
  } catch (err) {
    // a missing file, an unknown context, a kubeconfig without a cluster: what the user typed is wrong
    if (err instanceof KubeError && err.reason === 'BadInput') usage(cmd, oneLine(err.message));
    throw err;
  }
}
