/** A plain-text table like kubectl's: upper-case headers, columns three spaces apart, long cells shortened. */

export interface TableOptions {
  /** columns to show, in order (default: keys of the first row, then any new keys in later rows) */
  columns?: string[];
  /** longest cell before it is cut with … (default 80) */
  maxCellWidth?: number;
}

export function renderTable(rows: Record<string, unknown>[], opts: TableOptions = {}): string {
  if (rows.length === 0) return 'No resources found.';
  const columns = opts.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const max = opts.maxCellWidth ?? 80;
  const cells = rows.map((r) => columns.map((c) => cell(r[c], max)));
  const headers = columns.map(header);
  const widths = columns.map((_, i) => Math.max(headers[i].length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]): string =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i])))
      .join('   ')
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n');
}

/** upToDate → UP-TO-DATE, clusterIP → CLUSTER-IP */
export function header(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toUpperCase();
}

function cell(value: unknown, max: number): string {
  const text =
    value === undefined || value === null || value === ''
      ? '<none>'
      : Array.isArray(value)
        ? value.join(',')
        : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
