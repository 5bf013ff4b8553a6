/** Failures as the apiserver reports them: a metav1.Status with the same reason, code and wording. */
import type { JsonObject } from './model';
import { qualifiedResource, type ResourceDef } from './registry/resource';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason: string; message: string; field?: string }[];
  retryAfterSeconds?: number;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): JsonObject {
    const status: JsonObject = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
    };
    if (this.details) status.details = stripUndefined(this.details);
    status.code = this.code;
    return status;
  }
}

function stripUndefined(d: StatusDetails): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(d)) if (v !== undefined && v !== '') out[k] = v as JsonObject[string];
  return out;
}

type ResourceRef = Pick<ResourceDef, 'group' | 'resource'>;

export function notFound(def: ResourceRef, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(def)} "${name}" not found`, {
    name,
    group: def.group,
    kind: def.resource,
  });
}

export function namespaceNotFound(ns: string): StatusError {
  return notFound({ group: '', resource: 'namespaces' }, ns);
}

export function alreadyExists(def: ResourceRef, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualifiedResource(def)} "${name}" already exists`, {
    name,
    group: def.group,
    kind: def.resource,
  });
}

export function conflict(def: ResourceRef, name: string, why: string): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(def)} "${name}": ${why}`,
    {
      name,
      group: def.group,
      kind: def.resource,
    },
  );
}

export const STALE_OBJECT =
  'the object has been modified; please apply your changes to the latest version and try again';

export interface FieldCause {
  type:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueDuplicate';
  field: string;
  /** the detail after the type's own prefix, e.g. `name or generateName is required` */
  detail: string;
  value?: string;
  /** print value as is (Go %#v of maps), not as a quoted string */
  raw?: boolean;
}

const CAUSE_PREFIX: Record<FieldCause['type'], string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
};

function causeMessage(c: FieldCause): string {
  const prefix = CAUSE_PREFIX[c.type];
  if (c.value !== undefined) return `${prefix}: ${c.raw ? c.value : JSON.stringify(c.value)}: ${c.detail}`;
  return c.detail ? `${prefix}: ${c.detail}` : prefix;
}

/** 422 Invalid: `Pod "x" is invalid: metadata.name: Required value: ...` */
export function invalid(kind: string, group: string, name: string, causes: FieldCause[]): StatusError {
  const parts = causes.map((c) => `${c.field}: ${causeMessage(c)}`);
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new StatusError(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${summary}`, {
    name,
    group,
    kind,
    causes: causes.map((c) => ({ reason: c.type, message: causeMessage(c), field: c.field })),
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function methodNotAllowed(): StatusError {
  return new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

export function pathNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized');
}

export function unsupportedMediaType(contentType: string): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`,
  );
}
