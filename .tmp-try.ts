import { analyzeScenario } from './test/diagnose/net-support';
import { ANALYZERS_BY_NAME } from './lib/diagnose/analyzers';
(async () => {
  const a = ANALYZERS_BY_NAME.get(process.argv[3])!;
  for (const v of ['broken', 'healthy'] as const) {
    const t = Date.now();
    const f = await analyzeScenario(a, process.argv[2], v);
    console.log(v, Date.now() - t, 'ms', JSON.stringify(f, null, 1));
  }
})();
