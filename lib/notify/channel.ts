/** The contract each channel file fulfils: render a NotifyMessage for one vendor, and judge the vendor's answer. */
import type { AttemptOutcome, ChannelName, NotifyConfig, NotifyMessage } from './types';

export interface RenderContext {
  nowMs: number;
  format: string;
}

export interface ChannelPayload {
  /** Final URL, including a signed query where the vendor signs in the URL. */
  url: string;
  headers?: Record<string, string>;
  /** The serialized body. Channels serialize themselves because they measure it against the vendor's limit. */
  body: string;
  truncated: boolean;
  notes: string[];
}

export interface VendorAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
  /** Parsed body when it is JSON. */
  json: unknown;
}

export interface Verdict {
  outcome: AttemptOutcome;
  vendorCode?: number | string;
  /** One line: what the vendor said and what it means. */
  detail: string;
  /** What a person should check; set on failures. */
  hint?: string;
  /** From Retry-After, when the vendor says how long to wait. */
  retryAfterMs?: number;
}

export interface ChannelDriver {
  name: ChannelName;
  formats: readonly string[];
  defaultFormat: string;
  render(config: NotifyConfig, message: NotifyMessage, ctx: RenderContext): ChannelPayload;
  judge(answer: VendorAnswer): Verdict;
}

/** A vendor business code: what it means, what to check, and whether waiting helps. */
export interface VendorCode {
  meaning: string;
  hint: string;
  retry?: boolean;
}
