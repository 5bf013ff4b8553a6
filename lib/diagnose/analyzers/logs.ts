/**
 * Logs (k8sgpt optional "Log" parity): error lines in the current logs of running containers — trouble that has
 * not (yet) made the pod fail. Reads only logs the collector fetched (it fetches running pods' logs only when this
 * analyzer is selected). Crashing containers are the Pod analyzer's, with their previous logs.
 */
import { cause } from '../cause';
import { connectionCause } from '../explain/connect';
import { errorLines, keyLine } from '../explain/logs';
import type { Analyzer, Evidence, Finding } from '../types';

const SERIOUS = /\b(fatal|panic|exception|error|traceback|out of memory)\b|panic:/i;

export const logsAnalyzer: Analyzer = {
  name: 'Logs',
  default: false,
  analyze(ctx) {
    const out: Finding[] = [];
    for (const pod of ctx.snapshot.pods) {
      const ns = pod.metadata?.namespace ?? '';
      const name = pod.metadata?.name ?? '';
      if (pod.status?.phase !== 'Running') continue;
      for (const cs of pod.status?.containerStatuses ?? []) {
        if (!cs.state?.running) continue;
        const log = ctx.snapshot.logs[`${ns}/${name}/${cs.name}`]?.current;
        const pick = errorLines(log, 5);
        if (pick.lines.length === 0 || pick.warnings) continue;
        const key = keyLine(pick.lines) ?? pick.lines[0];
        const owner = ctx.topOwner(pod);
        const specRef = owner ?? { kind: 'Pod', namespace: ns, name };
        // Connection errors to a Service a policy blocks, or that cannot serve, end at that cause (and merge with it).
        const conn = connectionCause(ctx, pod, cs.name);
        const evidence: Evidence[] = pick.lines.map((l) => ({
          source: 'log',
          object: { kind: 'Pod', namespace: ns, name },
          text: `[${cs.name}] ${l}`,
        }));
        out.push({
          severity: SERIOUS.test(key) ? 'warning' : 'info',
          analyzer: 'Logs',
          kind: 'Pod',
          namespace: ns,
          name,
          ...(owner ? { owner } : {}),
          reason: 'ErrorLogLines',
          message: `Pod ${ns}/${name}: container ${cs.name} is running but logs errors: ${key}${conn ? `. Its connections fail: ${conn.why}.` : ''}`,
          evidence: conn ? [...evidence, ...conn.evidence.filter((e) => e.source !== 'log')] : evidence,
          rootCause: conn?.rootCause ?? cause(specRef, 'LogError', { container: cs.name, line: key }),
          suggestion:
            conn?.suggestion ??
            'Read the surrounding log lines; errors in a running container often point at a failing dependency or bad configuration.',
          commands: [`kubectl logs ${name} -n ${ns} -c ${cs.name} --tail=100`, ...(conn?.commands ?? [])],
        });
      }
    }
    return out;
  },
};
