/**
 * A price table for nodes: `{"currency": "CNY", "instanceTypes": {"ecs.g7.large": {"hourly": 0.62}}}`. Nodes are
 * priced by their instance-type label, whatever label the pools are grouped by. A month is 730 hours (8760 / 12).
 */
import type { V1Node } from '@kubernetes/client-node';

export const HOURS_PER_MONTH = 730;
const INSTANCE_TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'];
const MAX_TYPES = 5000;

export interface PriceTable {
  currency: string;
  instanceTypes: Record<string, { hourly: number }>;
}

/** Validates a table parsed from JSON (a file, a node option, a tool argument). */
export function parsePriceTable(input: unknown): PriceTable {
  const value = typeof input === 'string' ? parseJson(input) : input;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error('the price table must be a JSON object {"currency": "CNY", "instanceTypes": {...}}');
  const { currency, instanceTypes } = value as Record<string, unknown>;
  if (typeof currency !== 'string' || !/^[A-Za-z$¥€£]{1,8}$/.test(currency))
    throw new Error('the price table needs "currency", a short code such as CNY or USD');
  if (!instanceTypes || typeof instanceTypes !== 'object' || Array.isArray(instanceTypes))
    throw new Error('the price table needs "instanceTypes": {"<instance type>": {"hourly": <price>}}');
  const entries = Object.entries(instanceTypes as Record<string, unknown>);
  if (entries.length > MAX_TYPES) throw new Error(`the price table lists more than ${MAX_TYPES} instance types`);
  const out: PriceTable = { currency, instanceTypes: {} };
  for (const [name, price] of entries) {
    if (name.length > 100 || !/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/.test(name))
      throw new Error(`price table: "${name.slice(0, 100)}" is not an instance type name`);
    const hourly = (price as { hourly?: unknown } | null)?.hourly;
    if (typeof hourly !== 'number' || !Number.isFinite(hourly) || hourly < 0 || hourly > 1e6)
      throw new Error(`price table: instanceTypes["${name}"].hourly must be a non-negative number`);
    out.instanceTypes[name] = { hourly };
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`the price table is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function instanceTypeOf(node: V1Node): string | undefined {
  const labels = node.metadata?.labels ?? {};
  for (const l of INSTANCE_TYPE_LABELS) if (labels[l]) return labels[l];
  return undefined;
}

/** The node's hourly price, or undefined when the table does not list its type. */
export function hourlyPrice(table: PriceTable | undefined, node: V1Node): number | undefined {
  const type = instanceTypeOf(node);
  if (!table || !type || !Object.hasOwn(table.instanceTypes, type)) return undefined;
  return table.instanceTypes[type].hourly;
}

export const monthly = (hourly: number): number => Math.round(hourly * HOURS_PER_MONTH * 100) / 100;
