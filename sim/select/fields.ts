/** Field selectors: the fields each resource supports on the real apiserver, with `=`, `==` and `!=`. */
import { badRequest } from '../errors';
import { getPath, type KubeObject, scalar } from '../model';
import type { ResourceDef } from '../registry/resource';

type FieldGetter = (o: KubeObject) => string;

const text =
  (path: string[]): FieldGetter =>
  (o) => {
    const v = getPath(o, path);
    return v === undefined || v === null ? '' : scalar(v);
  };
const bool =
  (path: string[]): FieldGetter =>
  (o) =>
    getPath(o, path) === true ? 'true' : 'false';

const COMMON: Record<string, FieldGetter> = {
  'metadata.name': text(['metadata', 'name']),
  'metadata.namespace': text(['metadata', 'namespace']),
};

const EVENT_FIELDS: Record<string, FieldGetter> = {
  'involvedObject.kind': text(['involvedObject', 'kind']),
  'involvedObject.namespace': text(['involvedObject', 'namespace']),
  'involvedObject.name': text(['involvedObject', 'name']),
  'involvedObject.uid': text(['involvedObject', 'uid']),
  'involvedObject.apiVersion': text(['involvedObject', 'apiVersion']),
  'involvedObject.resourceVersion': text(['involvedObject', 'resourceVersion']),
  'involvedObject.fieldPath': text(['involvedObject', 'fieldPath']),
  reason: text(['reason']),
  reportingComponent: text(['reportingComponent']),
  source: text(['source', 'component']),
  type: text(['type']),
};

const BY_STORAGE: Record<string, Record<string, FieldGetter>> = {
  '/pods': {
    'spec.nodeName': text(['spec', 'nodeName']),
    'spec.restartPolicy': text(['spec', 'restartPolicy']),
    'spec.schedulerName': text(['spec', 'schedulerName']),
    'spec.serviceAccountName': text(['spec', 'serviceAccountName']),
    'spec.hostNetwork': bool(['spec', 'hostNetwork']),
    'status.phase': text(['status', 'phase']),
    'status.podIP': text(['status', 'podIP']),
    'status.nominatedNodeName': text(['status', 'nominatedNodeName']),
  },
  '/events': EVENT_FIELDS,
  '/nodes': { 'spec.unschedulable': bool(['spec', 'unschedulable']) },
  '/namespaces': { 'status.phase': text(['status', 'phase']) },
  '/secrets': { type: text(['type']) },
  '/replicationcontrollers': { 'status.replicas': text(['status', 'replicas']) },
  'apps/replicasets': { 'status.replicas': text(['status', 'replicas']) },
  'batch/jobs': { 'status.successful': text(['status', 'successful']) },
  'certificates.k8s.io/certificatesigningrequests': { 'spec.signerName': text(['spec', 'signerName']) },
};

export interface FieldRequirement {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

export type FieldSelector = (o: KubeObject) => boolean;

function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i += 1;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

const unescape = (v: string): string => v.replace(/\\(.)/g, '$1');

export function parseFieldSelector(selector: string): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  for (const part of splitUnescaped(selector, ',')) {
    if (!part.trim()) continue;
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    reqs.push({ field: m[1], op: m[2] === '!=' ? 'neq' : 'eq', value: unescape(m[3]) });
  }
  return reqs;
}

export function fieldSelector(def: ResourceDef, selector: string | undefined): FieldSelector | undefined {
  if (!selector || !selector.trim()) return undefined;
  const reqs = parseFieldSelector(selector);
  const fields = { ...COMMON, ...(BY_STORAGE[def.storage] ?? {}) };
  const checks = reqs.map((r) => {
    const get = fields[r.field];
    if (!get) throw badRequest(`field label not supported: ${r.field}`);
    return { get, r };
  });
  return (o) => checks.every(({ get, r }) => (get(o) === r.value) === (r.op === 'eq'));
}
