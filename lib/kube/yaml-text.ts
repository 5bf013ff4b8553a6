/**
 * Objects as YAML text for people and models. API objects are trees parsed from JSON: no object appears twice, so
 * the emitter's search for repeated objects to turn into anchors finds nothing and costs a third of the time.
 */
import { stringify } from 'yaml';

export function toYaml(value: unknown): string {
  return stringify(value, { aliasDuplicateObjects: false });
}
