/**
 * Objects as YAML text for people and models. API objects are plain trees parsed from JSON, which js-yaml's dumper
 * writes about four times faster than `yaml`'s document model (0.13 against 0.53 ms for a pod): the YAML of one
 * object is most of what a get_resource call costs the bridge. No anchors (nothing appears twice), no folding of
 * long lines (a folded image reference or message is harder to quote back), and a value JSON cannot hold (undefined
 * left by a renderer) is skipped rather than thrown on.
 */
import { dump } from 'js-yaml';

export function toYaml(value: unknown): string {
  return dump(value, { noRefs: true, lineWidth: -1, skipInvalid: true });
}
