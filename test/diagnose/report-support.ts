/** Hand-built DiagnosisResults for the report and anonymizer tests (the scenario runs cover the real shapes). */
import { cause, missingCause } from '../../lib/diagnose/cause';
import type { DiagnosisResult, Finding } from '../../lib/diagnose/types';

export function finding(over: Partial<Finding> & Pick<Finding, 'severity' | 'name'>): Finding {
  return {
    analyzer: 'Pod',
    kind: 'Deployment',
    namespace: 'shop',
    reason: 'CrashLoopBackOff',
    message: `Deployment shop/${over.name} crashes on start.`,
    evidence: [
      {
        source: 'event',
        object: { kind: 'Pod', namespace: 'shop', name: `${over.name}-7d9f8b6c5-x2k4q` },
        text: 'Back-off restarting failed container',
      },
    ],
    rootCause: missingCause({ kind: 'Secret', namespace: 'shop', name: `${over.name}-db` }),
    suggestion: `Create Secret ${over.name}-db.`,
    commands: [
      `kubectl -n shop create secret generic ${over.name}-db --from-literal=<key>=<value>`,
      `kubectl -n shop describe deployment ${over.name}`,
    ],
    ...over,
  };
}

export function result(findings: Finding[], over: Partial<DiagnosisResult> = {}): DiagnosisResult {
  const namespaces: DiagnosisResult['namespaces'] = {};
  for (const f of findings) {
    const ns = f.namespace ?? '';
    if (!ns) continue;
    const row = (namespaces[ns] ??= { score: 100, critical: 0, warning: 0, info: 0 });
    row[f.severity]++;
    row.score = Math.max(0, (row.score ?? 100) - (f.severity === 'critical' ? 40 : f.severity === 'warning' ? 15 : 0));
  }
  return {
    score: Math.min(100, ...Object.values(namespaces).map((n) => n.score ?? 100)),
    complete: true,
    namespaces,
    findings,
    scope: {},
    generatedAt: '2026-11-24T06:00:00.000Z',
    stats: { pods: 12, findings: findings.length },
    ...over,
  };
}

/** A result with many findings of every severity, long messages and evidence. */
export function bigResult(n = 40): DiagnosisResult {
  const sev = ['critical', 'warning', 'info'] as const;
  const fs: Finding[] = [];
  for (let i = 0; i < n; i++) {
    fs.push(
      finding({
        severity: sev[i % 3],
        name: `app-${i}`,
        namespace: `team-${i % 4}`,
        message: `Deployment team-${i % 4}/app-${i} has 0/3 replicas ready: ${'the container exits with code 1 after failing to reach its database. '.repeat(3)}`,
        evidence: [
          {
            source: 'log',
            text: `2026-11-24T05:59:${String(i % 60).padStart(2, '0')}Z error: dial tcp 10.96.0.${i % 250}:5432: connect: connection refused`,
          },
          { source: 'event', text: 'Back-off restarting failed container app in pod app-0' },
          { source: 'field', text: 'spec.replicas=3' },
        ],
        rootCause: cause({ kind: 'Service', namespace: `team-${i % 4}`, name: `db-${i}` }, 'SelectorMatchesNoPods', {
          selector: `app=db-${i}`,
        }),
      }),
    );
  }
  const order = { critical: 0, warning: 1, info: 2 };
  fs.sort((a, b) => order[a.severity] - order[b.severity]);
  return result(fs);
}
