import { diagnoseScenario } from './test/diagnose/net-support';
import { anonymize, unmaskResult } from './lib/diagnose/anonymize';
import { renderForLLM } from './lib/diagnose/report';
import { isDeepStrictEqual } from 'node:util';
(async () => {
  const r = await diagnoseScenario(process.argv[2], 'broken', { analyzers: ['all'] });
  const a = anonymize(r);
  console.log(renderForLLM(a.result, { budget: 3000 }));
  console.log(a.mapping.entries.map((e) => `${e.original}→${e.masked}`).join('  '));
  console.log('roundtrip', isDeepStrictEqual(unmaskResult(a.result, a.mapping), r));
})();
