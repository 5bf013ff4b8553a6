import { diagnoseScenario } from './test/diagnose/net-support';
import { renderReport } from './lib/diagnose/report';
(async () => {
  const r = await diagnoseScenario(process.argv[2], 'broken', { analyzers: ['all'] });
  const fmt = process.argv[3] as 'text';
  console.log(renderReport(r, fmt, { budget: Number(process.argv[4] ?? 6000), maxChars: Number(process.argv[4] ?? 3800) }));
})();
