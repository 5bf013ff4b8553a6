import { buildContext, emptySnapshot } from './lib/diagnose/context';
import { ANALYZERS } from './lib/diagnose/analyzers';
const s = emptySnapshot();
const NS = 50, DEP = 2000, PER = 5;
for (let n = 0; n < NS; n++) { s.namespaces.push({ metadata: { name: `ns${n}` } }); s.serviceAccounts.push({ metadata: { name: 'default', namespace: `ns${n}` } }); s.configMaps.push({ metadata: { name: 'kube-root-ca.crt', namespace: `ns${n}` }, data: { 'ca.crt': 'x' } }); 
  s.networkPolicies.push({ metadata: { name: 'deny', namespace: `ns${n}` }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ port: 53, protocol: 'UDP' }] }] } } as never);
  s.networkPolicies.push({ metadata: { name: 'allow-same', namespace: `ns${n}` }, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }], policyTypes: ['Ingress', 'Egress'] } } as never);
}
for (let d = 0; d < DEP; d++) {
  const ns = `ns${d % NS}`; const name = `app${d}`; const uid = `d${d}`; const rsuid = `r${d}`;
  const spec = { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'DB_HOST', value: `app${(d + 1) % DEP}.ns${(d + 1) % NS}.svc` }], readinessProbe: { httpGet: { port: 'http', path: '/' } } }], volumes: [{ name: 'c', configMap: { name: `cm${d}` } }] };
  s.deployments.push({ metadata: { name, namespace: ns, uid }, spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } } } as never);
  s.replicaSets.push({ metadata: { name: `${name}-h`, namespace: ns, uid: rsuid, ownerReferences: [{ kind: 'Deployment', name, uid, controller: true, apiVersion: 'apps/v1' }] } } as never);
  s.configMaps.push({ metadata: { name: `cm${d}`, namespace: ns }, data: { a: 'b' } });
  s.services.push({ metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 'http' }] } });
  for (let p = 0; p < PER; p++) s.pods.push({ metadata: { name: `${name}-h-${p}`, namespace: ns, uid: `p${d}-${p}`, labels: { app: name }, ownerReferences: [{ kind: 'ReplicaSet', name: `${name}-h`, uid: rsuid, controller: true, apiVersion: 'apps/v1' }] }, spec: spec as never, status: { phase: 'Running', podIP: `10.1.${d % 250}.${p}`, conditions: [{ type: 'Ready', status: 'True' }] } } as never);
}
const ctx = buildContext(s);
for (const a of ANALYZERS) { const t = Date.now(); const f = a.analyze(ctx); console.log(a.name.padEnd(32), String(Date.now() - t).padStart(6), 'ms', f.length); }
