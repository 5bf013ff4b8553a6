/** Shared plumbing for format readers: normalise a list of raw alerts, one error per bad alert, never throwing. */
import { normalizeAlert, type NormalizeContext } from '../normalize';
import { errorText } from '../read';
import type { AlertGroupInfo, AlertParseError, NormalizedAlert } from '../types';

export interface ReaderContext extends Omit<NormalizeContext, 'source'> {
  maxAlerts: number;
}

export type ListOutcome =
  { fatal: string } | { alerts: NormalizedAlert[]; errors: AlertParseError[]; group?: AlertGroupInfo };

export type FormatReader = (input: unknown, ctx: ReaderContext) => ListOutcome;

export function normalizeList(
  raw: unknown[],
  ctx: ReaderContext & Pick<NormalizeContext, 'source'>,
): { alerts: NormalizedAlert[]; errors: AlertParseError[] } {
  const alerts: NormalizedAlert[] = [];
  const errors: AlertParseError[] = [];
  const count = Math.min(raw.length, ctx.maxAlerts);
  for (let index = 0; index < count; index++) {
    try {
      const outcome = normalizeAlert(raw[index], ctx);
      if (outcome.ok) alerts.push(outcome.alert);
      else errors.push({ index, message: `alert ${index}: ${outcome.message}` });
    } catch (error) {
      errors.push({ index, message: `alert ${index}: could not be read (${errorText(error)})` });
    }
  }
  if (raw.length > count) {
    errors.push({
      index: count,
      message: `${raw.length - count} alerts past the limit of ${ctx.maxAlerts} per payload were dropped`,
    });
  }
  return { alerts, errors };
}
