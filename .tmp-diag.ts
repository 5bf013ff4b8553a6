import { diagnoseScenario } from './test/diagnose/net-support';
(async () => {
  for (const v of ['broken', 'healthy'] as const) {
    const r = await diagnoseScenario(process.argv[2], v, process.argv[3] ? { analyzers: process.argv[3].split(',') } : {});
    console.log(`== ${v} score=${r.score} ${JSON.stringify(r.warnings ?? [])}`);
    for (const f of r.findings) console.log(`${f.severity} [${f.analyzer}] ${f.kind} ${f.namespace}/${f.name} ${f.reason} ×${f.count ?? 1}\n   root: ${f.rootCause ? `${f.rootCause.object.kind} ${f.rootCause.object.name}: ${f.rootCause.fact}` : '-'}\n   related: ${(f.related ?? []).map((r) => `${r.kind}/${r.name}`).join(', ')}`);
  }
})();
