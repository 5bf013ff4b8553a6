import { diagnoseScenario } from './test/diagnose/net-support';
import { anonymize, unmaskResult } from './lib/diagnose/anonymize';
import { isDeepStrictEqual } from 'node:util';
(async () => {
  for (const c of process.argv.slice(2)) {
    const r = await diagnoseScenario(c, 'broken', { analyzers: ['all'] });
    const a = anonymize(r);
    const js = JSON.stringify(a.result);
    const leaks = a.mapping.entries.filter((e) => new RegExp(`(?<![A-Za-z0-9_])${e.original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).test(js)).map((e) => e.original);
    console.log(c, 'roundtrip', isDeepStrictEqual(unmaskResult(a.result, a.mapping), r), 'leaks', leaks.join(','));
    console.log('  ', a.mapping.entries.filter((e) => ['image', 'host', 'ip', 'container'].includes(e.type)).map((e) => `${e.original}→${e.masked}`).join('  '));
  }
})();
