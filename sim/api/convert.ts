/**
 * Version conversion between what is stored and what one API version serves. Objects are stored in the shape they
 * arrived in; only events.k8s.io/v1 Events differ in shape from core/v1 (their storage form).
 */
import type { KubeObject } from '../model';
import { apiVersionOf, type ResourceDef } from '../registry/resource';

const EVENT_RENAMES: [core: string, events: string][] = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
  ['reportingComponent', 'reportingController'],
];

function rename(o: KubeObject, pairs: [string, string][]): KubeObject {
  const out: KubeObject = { ...o };
  for (const [from, to] of pairs) {
    if (from in out) {
      out[to] = out[from];
      delete out[from];
    }
  }
  return out;
}

function isEventsGroup(def: ResourceDef): boolean {
  return def.group === 'events.k8s.io' && def.resource === 'events';
}

/** The object as `def`'s API version shows it. */
export function fromStorage(def: ResourceDef, o: KubeObject): KubeObject {
  const apiVersion = apiVersionOf(def);
  if (o.apiVersion === apiVersion) return o;
  if (isEventsGroup(def)) return { ...rename(o, EVENT_RENAMES), apiVersion, kind: def.kind };
  if (def.storage === '/events' && o.apiVersion === 'events.k8s.io/v1') {
    return {
      ...rename(
        o,
        EVENT_RENAMES.map(([a, b]) => [b, a]),
      ),
      apiVersion,
      kind: def.kind,
    };
  }
  return { ...o, apiVersion, kind: def.kind };
}

/** The object in its storage shape. */
export function toStorage(def: ResourceDef, o: KubeObject): KubeObject {
  if (!isEventsGroup(def)) return o;
  return {
    ...rename(
      o,
      EVENT_RENAMES.map(([a, b]) => [b, a]),
    ),
    apiVersion: 'v1',
    kind: 'Event',
  };
}

export function needsConversion(def: ResourceDef, o: KubeObject): boolean {
  return o.apiVersion !== apiVersionOf(def);
}
