/**
 * PersistentVolumeClaim (k8sgpt core parity, widened): Pending with the reason followed to its end — a StorageClass
 * that does not exist, no default class, the provisioner's ProvisioningFailed text, a static claim nothing matches —
 * and Lost claims. WaitForFirstConsumer claims waiting for their first pod are normal and yield nothing.
 * A claim no pod uses is a warning rather than critical: nothing is down because of it yet.
 */
import { explainPvc } from '../explain/pvc';
import { findingFor } from '../finding';
import type { Analyzer, Finding } from '../types';

export const pvcAnalyzer: Analyzer = {
  name: 'PersistentVolumeClaim',
  default: true,
  analyze(ctx) {
    // the claims pods mount are gathered only once a claim has something to report: most clusters' claims are
    // bound, and the gathering walks every pod
    let used: Set<string> | undefined;
    const mounted = (): Set<string> => {
      if (used) return used;
      used = new Set();
      for (const p of ctx.snapshot.pods)
        for (const v of p.spec?.volumes ?? [])
          if (v.persistentVolumeClaim) used.add(`${p.metadata?.namespace}/${v.persistentVolumeClaim.claimName}`);
      return used;
    };
    const out: Finding[] = [];
    for (const pvc of ctx.snapshot.pvcs) {
      const e = explainPvc(ctx, pvc);
      if (!e) continue;
      const inUse = mounted().has(`${pvc.metadata?.namespace}/${pvc.metadata?.name}`);
      out.push(
        findingFor(
          ctx,
          'PersistentVolumeClaim',
          'PersistentVolumeClaim',
          pvc,
          inUse ? e : { ...e, severity: e.severity === 'critical' ? 'warning' : e.severity },
        ),
      );
    }
    return out;
  },
};
