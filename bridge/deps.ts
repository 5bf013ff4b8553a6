/** What every tool handler gets: the cluster connection, the write policy, the audit sink and a logger. */
import { appendFile } from 'node:fs/promises';
import { type AuditSink, type WritePolicy, type WriteVerb, jsonLinesSink, parsePolicy } from '../lib/guard';
import { type ConnectOptions, type KubeConnection, connect } from '../lib/kube/connect';
import { send } from '../lib/kube/http';
import { redactStrings } from '../lib/kube/redact';
import type { BridgeConfig, EnableFlag } from './config';
import type { Logger } from './logger';

export interface ToolDeps {
  kube: KubeConnection;
  policy: WritePolicy;
  audit: AuditSink;
  log: Logger;
  config: BridgeConfig;
  /** resolves when the API server answers /version; rejects with the reason otherwise */
  ready(): Promise<void>;
}

/** The lib/guard verbs each enable flag opens, mirroring mcp-k8s's -enable-create/-update/-delete. */
const VERBS_BY_FLAG: Record<EnableFlag, WriteVerb[]> = {
  create: ['create', 'apply'],
  update: [
    'update',
    'patch',
    'apply',
    'scale',
    'restart',
    'rollback',
    'set-image',
    'set-resources',
    'cordon',
    'uncordon',
  ],
  delete: ['delete', 'evict'],
};

const READY_TIMEOUT_MS = 3000;

function policyFromConfig(cfg: BridgeConfig): WritePolicy {
  const verbs = [
    ...new Set((Object.keys(cfg.enable) as EnableFlag[]).filter((f) => cfg.enable[f]).flatMap((f) => VERBS_BY_FLAG[f])),
  ];
  return parsePolicy({
    mode: verbs.length > 0 ? 'read-write' : 'read-only',
    verbs: verbs.length > 0 ? verbs : undefined,
    namespaces: cfg.namespaces,
    protectedNamespaces: cfg.protectedNamespaces,
    deniedKinds: cfg.denyKinds,
    allowKinds: cfg.allowKinds,
    allowEscalation: cfg.allowEscalation,
  });
}

function connectionOptions(cfg: BridgeConfig): ConnectOptions {
  if (cfg.inCluster) return { source: 'inCluster', context: cfg.context, cacheMs: cfg.readCacheMs };
  return { source: 'kubeconfigFile', path: cfg.kubeconfig, context: cfg.context, cacheMs: cfg.readCacheMs };
}

export function createDeps(
  cfg: BridgeConfig,
  log: Logger,
  kube: KubeConnection = connect(connectionOptions(cfg)),
): ToolDeps {
  const lines: AuditSink = cfg.auditLog
    ? jsonLinesSink((line) => appendFile(cfg.auditLog as string, line, { mode: 0o600 }))
    : (record) => log.info('audit', { audit: record });
  // reasons and errors may quote what the API server said; the record's values are redacted already
  const audit: AuditSink = (record) => lines(redactStrings(record));
  return {
    kube,
    policy: policyFromConfig(cfg),
    audit,
    log,
    config: cfg,
    ready: async () => {
      // a probe must answer within the kubelet's timeout even when the API server hangs
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`API server ${kube.server} did not answer /version within ${READY_TIMEOUT_MS} ms`)),
          READY_TIMEOUT_MS,
        );
      });
      try {
        // a probe asks the API server now, never the read cache
        await Promise.race([send({ ...kube, cacheMs: 0 }, { method: 'GET', path: '/version' }), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
