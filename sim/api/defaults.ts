/** Defaults the real apiserver fills in on create, for the kinds people look at (`get -o yaml`, describe). */
import { randomInt } from 'node:crypto';
import { arr, isJsonObject, obj, type JsonObject, type KubeObject, scalar } from '../model';
import type { ResourceDef } from '../registry/resource';

function setDefault(target: JsonObject, key: string, value: JsonObject[string]): void {
  if (target[key] === undefined) target[key] = value;
}

function imagePullPolicy(image: unknown): string {
  const ref = scalar(image ?? '');
  if (ref.includes('@')) return 'IfNotPresent';
  const last = ref.split('/').pop() ?? '';
  const tag = last.includes(':') ? last.split(':').pop() : undefined;
  return !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function containerDefaults(c: JsonObject): void {
  setDefault(c, 'imagePullPolicy', imagePullPolicy(c.image));
  setDefault(c, 'resources', {});
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  for (const p of arr(c.ports)) if (isJsonObject(p)) setDefault(p, 'protocol', 'TCP');
}

export function podSpecDefaults(spec: JsonObject): void {
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) if (isJsonObject(c)) containerDefaults(c);
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
}

function templateDefaults(spec: JsonObject): void {
  const template = obj(spec.template);
  if (isJsonObject(spec.template) && isJsonObject(template.spec)) podSpecDefaults(template.spec);
}

function randomClusterIP(): string {
  return `10.96.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

function serviceDefaults(spec: JsonObject): void {
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.type !== 'ExternalName') {
    if (spec.clusterIP === undefined) spec.clusterIP = randomClusterIP();
    setDefault(spec, 'clusterIPs', spec.clusterIP === 'None' ? ['None'] : [spec.clusterIP]);
    setDefault(spec, 'ipFamilies', ['IPv4']);
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  }
  for (const p of arr(spec.ports)) {
    if (!isJsonObject(p)) continue;
    setDefault(p, 'protocol', 'TCP');
    setDefault(p, 'targetPort', p.port ?? null);
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && p.nodePort === undefined)
      p.nodePort = randomInt(30000, 32768);
  }
}

export function applyCreateDefaults(def: ResourceDef, o: KubeObject): void {
  if (!isJsonObject(o.spec)) {
    if (['/pods', '/services', 'apps/deployments'].includes(def.storage)) o.spec = {};
    else return;
  }
  const spec = o.spec as JsonObject;
  switch (def.storage) {
    case '/pods':
      podSpecDefaults(spec);
      setDefault(spec, 'enableServiceLinks', true);
      setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
      setDefault(spec, 'priority', 0);
      // the ServiceAccount admission plugin's part
      setDefault(spec, 'serviceAccountName', spec.serviceAccount ?? 'default');
      setDefault(spec, 'serviceAccount', spec.serviceAccountName ?? 'default');
      break;
    case '/services':
      serviceDefaults(spec);
      break;
    case 'apps/deployments':
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      setDefault(spec, 'strategy', {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      });
      templateDefaults(spec);
      break;
    case 'apps/replicasets':
    case '/replicationcontrollers':
      setDefault(spec, 'replicas', 1);
      templateDefaults(spec);
      break;
    case 'apps/statefulsets':
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'podManagementPolicy', 'OrderedReady');
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
      templateDefaults(spec);
      break;
    case 'apps/daemonsets':
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
      templateDefaults(spec);
      break;
    case 'batch/jobs':
      setDefault(spec, 'backoffLimit', 6);
      setDefault(spec, 'completions', 1);
      setDefault(spec, 'parallelism', 1);
      setDefault(spec, 'completionMode', 'NonIndexed');
      setDefault(spec, 'suspend', false);
      templateDefaults(spec);
      break;
  }
}

/**
 * What v1 → internal → v1 conversion does to every object the apiserver stores: pods with only status.podIP
 * get status.podIPs (and hostIP → hostIPs).
 */
export function normalizeObject(def: ResourceDef, o: KubeObject): void {
  if (def.storage !== '/pods' || !isJsonObject(o.status)) return;
  const status = o.status;
  if (typeof status.podIP === 'string' && status.podIP && !Array.isArray(status.podIPs))
    status.podIPs = [{ ip: status.podIP }];
  if (typeof status.hostIP === 'string' && status.hostIP && !Array.isArray(status.hostIPs))
    status.hostIPs = [{ ip: status.hostIP }];
}
