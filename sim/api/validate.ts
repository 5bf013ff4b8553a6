/** The handful of validation rules clients actually trip over, with the apiserver's wording. */
import { invalid, type FieldCause } from '../errors';
import { arr, getPath, obj, type KubeObject, scalar } from '../model';
import type { ResourceDef } from '../registry/resource';
import { matchesLabelSelectorObject } from '../select/labels';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

function nameCauses(def: ResourceDef, name: string): FieldCause[] {
  if (def.group === 'metrics.k8s.io') return [];
  if (def.storage === '/namespaces') {
    return DNS1123_LABEL.test(name) && name.length <= 63
      ? []
      : [{ type: 'FieldValueInvalid', field: 'metadata.name', value: name, detail: LABEL_MSG }];
  }
  if (def.storage === '/services') {
    return DNS1035_LABEL.test(name) && name.length <= 63
      ? []
      : [{ type: 'FieldValueInvalid', field: 'metadata.name', value: name, detail: DNS1035_MSG }];
  }
  // RBAC, events and a few others accept path segment names; everything else is a DNS subdomain
  if (def.group === 'rbac.authorization.k8s.io' || def.storage === '/events' || def.storage === '/nodes') {
    return name.includes('/') || name === '.' || name === '..'
      ? [{ type: 'FieldValueInvalid', field: 'metadata.name', value: name, detail: "may not contain '/'" }]
      : [];
  }
  return DNS1123_SUBDOMAIN.test(name) && name.length <= 253
    ? []
    : [{ type: 'FieldValueInvalid', field: 'metadata.name', value: name, detail: SUBDOMAIN_MSG }];
}

function containerCauses(podSpec: unknown, field: string): FieldCause[] {
  const causes: FieldCause[] = [];
  const containers = arr(obj(podSpec).containers);
  if (containers.length === 0) causes.push({ type: 'FieldValueRequired', field: `${field}.containers`, detail: '' });
  containers.forEach((c, i) => {
    const name = obj(c).name;
    if (typeof name !== 'string' || !name)
      causes.push({ type: 'FieldValueRequired', field: `${field}.containers[${i}].name`, detail: '' });
    const image = obj(c).image;
    if (typeof image !== 'string' || !image)
      causes.push({ type: 'FieldValueRequired', field: `${field}.containers[${i}].image`, detail: '' });
  });
  return causes;
}

function kindCauses(def: ResourceDef, o: KubeObject): FieldCause[] {
  const key = def.storage;
  if (key === '/pods') return containerCauses(o.spec, 'spec');
  if (
    key === 'apps/deployments' ||
    key === 'apps/replicasets' ||
    key === 'apps/statefulsets' ||
    key === 'apps/daemonsets'
  ) {
    const causes: FieldCause[] = [];
    const selector = getPath(o, ['spec', 'selector']);
    const labels = getPath(o, ['spec', 'template', 'metadata', 'labels']) as Record<string, string> | undefined;
    if (!selector) causes.push({ type: 'FieldValueRequired', field: 'spec.selector', detail: '' });
    else if (!matchesLabelSelectorObject(selector, labels)) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.template.metadata.labels',
        value: goMap(labels ?? {}),
        raw: true,
        detail: '`selector` does not match template `labels`',
      });
    }
    causes.push(...containerCauses(getPath(o, ['spec', 'template', 'spec']), 'spec.template.spec'));
    return causes;
  }
  if (key === 'apiextensions.k8s.io/customresourcedefinitions') {
    const group = scalar(getPath(o, ['spec', 'group']) ?? '');
    const plural = scalar(getPath(o, ['spec', 'names', 'plural']) ?? '');
    if (o.metadata.name !== `${plural}.${group}`) {
      return [
        {
          type: 'FieldValueInvalid',
          field: 'metadata.name',
          value: o.metadata.name ?? '',
          detail: 'must be spec.names.plural+"."+spec.group',
        },
      ];
    }
  }
  return [];
}

/** Go's %v of a map[string]string, which the apiserver prints in selector errors. */
function goMap(m: Record<string, string>): string {
  const body = Object.keys(m)
    .sort()
    .map((k) => `"${k}":"${m[k]}"`)
    .join(', ');
  return `map[string]string{${body}}`;
}

/** Throws 422 Invalid when the object breaks a rule the real apiserver enforces. */
export function validateObject(def: ResourceDef, o: KubeObject): void {
  const name = o.metadata.name ?? '';
  const causes = [...nameCauses(def, name), ...kindCauses(def, o)];
  if (causes.length) throw invalid(def.kind, def.group, name, causes);
}
