/**
 * Objects as YAML text for people and models. API objects are plain trees parsed from JSON, which js-yaml's dumper
 * writes about four times faster than `yaml`'s document model (0.13 against 0.53 ms for a pod): the YAML of one
 * object is most of what a get_resource call costs the bridge. No anchors (nothing appears twice), no folding of
 * long lines (a folded image reference or message is harder to quote back), and a value JSON cannot hold (undefined
 * left by a renderer) is skipped rather than thrown on.
 */
import * as jsYaml from 'js-yaml';

/**
 * The default schema's quoting (a string that would read back as a timestamp or a merge key is quoted, as kubectl's
 * YAML 1.1 reader needs) without its explicit types (binary, omap, pairs, set): a JSON tree holds none of them, yet
 * the dumper asks each one's predicate of every value, a fifth of the time of a pod's YAML.
 */
const { types } = jsYaml as unknown as { types: Record<'timestamp' | 'merge', jsYaml.Type> };
const JSON_TREE_SCHEMA = jsYaml.CORE_SCHEMA.extend({ implicit: [types.timestamp, types.merge] });

export function toYaml(value: unknown): string {
  return jsYaml.dump(value, { noRefs: true, lineWidth: -1, skipInvalid: true, schema: JSON_TREE_SCHEMA });
}
