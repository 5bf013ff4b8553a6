/**
 * Names as Kubernetes itself validates them (k8s.io/apimachinery/pkg/util/validation and the per-kind name
 * validators of kube-apiserver), checked before any request is built: a name the API server would refuse to store
 * can only be an accident or an attack (".", "..", "a/b", "%2e%2e" become other paths once a URL is parsed).
 * Every check is linear in an input that is first capped in length, so hostile input costs nothing.
 */
import { KubeError } from './errors';
import { isCredentialField } from './redact';

/** fields whose values reads hide whole (Secret and ConfigMap data) */
const HIDDEN_PARENTS = new Set(['data', 'stringData', 'binaryData']);

export const MAX_NAME = 253;
export const MAX_LABEL = 63;
/** the longest kind text accepted (`plural.version.group`), as long as the longest name */
export const MAX_KIND = 253;
export const MAX_SELECTOR = 4096;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** kind, plural, short name: letters and digits (CRD plurals are DNS labels, kinds are CamelCase) */
const KIND_WORD = /^[A-Za-z][A-Za-z0-9-]*$/;
const VERSION = /^v\d+((alpha|beta)\d+)?$/;

type NameRule = 'subdomain' | 'label' | 'dns1035' | 'segment';

/**
 * kube-apiserver's name rule per kind (pkg/apis/<group>/validation): most kinds are DNS-1123 subdomains,
 * RBAC and flow-control objects only path segments ("system:controller:x" is a valid ClusterRole).
 */
const RULE_BY_KIND: Record<string, NameRule> = {
  Namespace: 'label',
  Service: 'dns1035',
  Role: 'segment',
  ClusterRole: 'segment',
  RoleBinding: 'segment',
  ClusterRoleBinding: 'segment',
  FlowSchema: 'segment',
  PriorityLevelConfiguration: 'segment',
};

const bad = (message: string): KubeError => new KubeError(message, { reason: 'BadInput' });

/** Quotes an input for an error sentence without echoing a 1 MB string back. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 60)}…(${value.length} characters)` : value;
  return JSON.stringify(shown);
}

/** Never "", ".", "..", nor anything with "/" or "%": the URL parser would turn it into another path. */
export function isPathSegment(value: string): boolean {
  return value !== '' && value !== '.' && value !== '..' && !/[/%\\?#\s\u0000-\u001f\u007f]/.test(value);
}

function check(what: string, value: string, rule: NameRule, max: number): void {
  if (value.length > max) throw bad(`${what} ${quote(value)} is longer than ${max} characters`);
  const ok =
    rule === 'label'
      ? DNS1123_LABEL.test(value)
      : rule === 'dns1035'
        ? DNS1035_LABEL.test(value)
        : rule === 'subdomain'
          ? DNS1123_SUBDOMAIN.test(value)
          : isPathSegment(value);
  if (ok) return;
  const rules: Record<NameRule, string> = {
    label: 'lower-case letters, digits and "-", starting and ending with a letter or digit',
    dns1035: 'lower-case letters, digits and "-", starting with a letter and ending with a letter or digit',
    subdomain: 'lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
    segment: 'any characters except "/" and "%", and not "." or ".."',
  };
  throw bad(`${what} ${quote(value)} is not a valid Kubernetes name: use ${rules[rule]}`);
}

/** An object name for a kind (the served Kind, e.g. "Pod"); unknown kinds (custom resources) are DNS subdomains. */
export function validateName(name: string, kind: string): string {
  if (typeof name !== 'string' || name === '') throw bad('no object name given');
  const rule = RULE_BY_KIND[kind] ?? 'subdomain';
  check(`${kind} name`, name, rule, rule === 'label' || rule === 'dns1035' ? MAX_LABEL : MAX_NAME);
  return name;
}

/** The `generateName` prefix: the server appends five characters, the result must be a valid name. */
export function validateGenerateName(prefix: string, kind: string): string {
  const masked = prefix.endsWith('-') ? `${prefix.slice(0, -1)}a` : prefix;
  if (masked.length > MAX_NAME - 5) throw bad(`${kind} generateName ${quote(prefix)} is too long`);
  validateName(masked, kind);
  return prefix;
}

export function validateNamespace(namespace: string): string {
  if (typeof namespace !== 'string' || namespace === '') throw bad('no namespace given');
  check('namespace', namespace, 'label', MAX_LABEL);
  return namespace;
}

export function validateContainerName(name: string): string {
  if (typeof name !== 'string' || name === '') throw bad('no container name given');
  check('container name', name, 'label', MAX_LABEL);
  return name;
}

/** A label or annotation key: an optional DNS-subdomain prefix, "/", and a name of at most 63 characters. */
export function validateLabelKey(key: string): string {
  if (typeof key !== 'string' || key === '' || key.length > MAX_NAME + 1 + MAX_LABEL)
    throw bad(`label key ${quote(String(key))} is empty or too long`);
  const parts = key.split('/');
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (parts.length > 2 || (prefix !== undefined && (prefix.length > MAX_NAME || !DNS1123_SUBDOMAIN.test(prefix))))
    throw bad(`label key ${quote(key)} has an invalid prefix: use a DNS subdomain followed by one "/"`);
  if (name.length > MAX_LABEL || !QUALIFIED_NAME.test(name))
    throw bad(
      `label key ${quote(key)} is invalid: the name part is at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
    );
  return key;
}

export function validateLabelValue(value: string): string {
  if (value.length > MAX_LABEL || !LABEL_VALUE.test(value))
    throw bad(`label value ${quote(value)} is invalid: at most 63 letters, digits, "-", "_" or "."`);
  return value;
}

/** Kind text as typed (`deploy`, `apps/v1/Deployment`, `deployments.v1.apps`): bounded, and every part well-formed. */
export function validateKindText(text: string): string {
  if (typeof text !== 'string') throw bad('the resource kind must be text');
  if (text.length > MAX_KIND) throw bad(`resource kind ${quote(text)} is longer than ${MAX_KIND} characters`);
  const parts = text.split('/');
  const word = parts.length === 1 ? text.split('.')[0] : parts[parts.length - 1];
  if (parts.length > 3 || !KIND_WORD.test(word) || word.length > MAX_LABEL)
    throw bad(
      `resource kind ${quote(text)} is not a kind, plural or short name (letters and digits, e.g. Deployment, pods, deploy, apps/v1/Deployment)`,
    );
  const group = parts.length === 3 ? parts[0] : parts.length === 2 && !VERSION.test(parts[0]) ? parts[0] : undefined;
  const version = parts.length === 3 ? parts[1] : parts.length === 2 && VERSION.test(parts[0]) ? parts[0] : undefined;
  if (group !== undefined && group !== 'core' && (group.length > MAX_NAME || !DNS1123_SUBDOMAIN.test(group)))
    throw bad(`API group ${quote(group)} in kind ${quote(text)} is not a DNS subdomain`);
  if (version !== undefined && !/^v\d+[a-z0-9]*$/.test(version))
    throw bad(`API version ${quote(version)} in kind ${quote(text)} is not a version such as v1 or v1beta1`);
  if (parts.length === 1 && text.includes('.')) {
    const rest = text.slice(word.length + 1);
    if (rest.length > MAX_NAME || !DNS1123_SUBDOMAIN.test(rest))
      throw bad(`kind ${quote(text)} must be plural.group or plural.version.group with a DNS-subdomain group`);
  }
  return text;
}

/** An apiVersion as manifests carry it: `v1` or `group/version`. */
export function validateApiVersion(apiVersion: string): string {
  const parts = apiVersion.split('/');
  const version = parts[parts.length - 1];
  const group = parts.length === 2 ? parts[0] : '';
  if (
    parts.length > 2 ||
    !/^v\d+[a-z0-9]*$/.test(version) ||
    (group !== '' && (group.length > MAX_NAME || !DNS1123_SUBDOMAIN.test(group)))
  )
    throw bad(`apiVersion ${quote(apiVersion)} is not "v1" or "group/version"`);
  return apiVersion;
}

/** Label and field selectors: bounded and printable; the API server parses the grammar. */
export function validateSelector(what: 'label' | 'field', selector: string | undefined): string | undefined {
  if (selector === undefined || selector === '') return undefined;
  if (selector.length > MAX_SELECTOR) throw bad(`the ${what} selector is longer than ${MAX_SELECTOR} characters`);
  if (/[\u0000-\u001f\u007f]/.test(selector)) throw bad(`the ${what} selector holds control characters`);
  if (what === 'field') {
    // a custom resource may make any field selectable: matching a hidden one is a guess-checker, so none is asked
    for (const term of selector.split(',')) {
      const field = term.split(/!?==?/)[0].trim();
      const parts = field.split('.');
      if (HIDDEN_PARENTS.has(parts[0]) || (parts.length > 1 && isCredentialField(parts[parts.length - 1])))
        throw bad(
          `the field selector ${quote(field)} would match a value reads hide (Secret data or a credential); select by name, namespace, type or status instead`,
        );
    }
  }
  return selector;
}
