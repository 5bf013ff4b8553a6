import { run } from './test/diagnose/net-support';
import { serviceAnalyzer } from './lib/diagnose/analyzers/service';
for (const v of ['broken', 'healthy'] as const) console.log(v, JSON.stringify(run(serviceAnalyzer, process.argv[2], v), null, 1));
