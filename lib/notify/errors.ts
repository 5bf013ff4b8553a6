/** The one error type delivery produces: it says what the vendor meant and what to check, on one line. */
import type { AttemptRecord, ChannelName } from './types';

export type NotifyErrorKind =
  /** Our config or message cannot be sent as asked (no attempt was made). */
  | 'config'
  /** The vendor answered with a business error code (bad sign, keyword, invalid webhook…). */
  | 'vendor'
  /** Non-2xx HTTP without a vendor code we know. */
  | 'http'
  /** Every attempt failed with a retriable problem and the time budget or attempt cap ran out. */
  | 'exhausted';

export interface NotifyErrorDetails {
  /** A ChannelName, or what the caller passed when it was not one. */
  channel: ChannelName | (string & {});
  kind: NotifyErrorKind;
  vendorCode?: number | string;
  httpStatus?: number;
  /** What to check, for a person reading the error. */
  hint?: string;
  history?: AttemptRecord[];
}

export class NotifyError extends Error {
  readonly channel: ChannelName | (string & {});
  readonly kind: NotifyErrorKind;
  readonly vendorCode?: number | string;
  readonly httpStatus?: number;
  readonly hint?: string;
  readonly history: AttemptRecord[];

  constructor(message: string, details: NotifyErrorDetails) {
    super(oneLine(message));
    this.name = 'NotifyError';
    this.channel = details.channel;
    this.kind = details.kind;
    this.vendorCode = details.vendorCode;
    this.httpStatus = details.httpStatus;
    this.hint = details.hint;
    this.history = details.history ?? [];
  }

  get attempts(): number {
    return this.history.length;
  }
}

export function configError(channel: ChannelName | (string & {}), message: string): NotifyError {
  return new NotifyError(`${channel}: ${message}`, { channel, kind: 'config' });
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
