/**
 * The Prometheus endpoint of a subcommand, from --prometheus-url (or PROMETHEUS_URL), --prometheus-ca and
 * --prometheus-insecure; a token or password only from the environment, so it stays out of `ps`.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { usage } from './common';
import { toEndpoint, type PrometheusEndpoint } from '../lib/prometheus/endpoint';

export interface PrometheusFlags {
  prometheusUrl?: string;
  prometheusCa?: string;
  prometheusInsecure?: boolean;
}

/** undefined when no URL is given; `required` names why one is needed instead. */
export function prometheusFromFlags(cmd: Command, flags: PrometheusFlags): PrometheusEndpoint | undefined;
export function prometheusFromFlags(cmd: Command, flags: PrometheusFlags, required: string): PrometheusEndpoint;
export function prometheusFromFlags(
  cmd: Command,
  flags: PrometheusFlags,
  required?: string,
): PrometheusEndpoint | undefined {
  const url = flags.prometheusUrl ?? process.env.PROMETHEUS_URL;
  if (!url) {
    if (required) usage(cmd, `--prometheus-url (or PROMETHEUS_URL) is required: ${required}`);
    return undefined;
  }
  const ep: PrometheusEndpoint = { url };
  if (process.env.PROMETHEUS_TOKEN) ep.bearerToken = process.env.PROMETHEUS_TOKEN;
  else if (process.env.PROMETHEUS_USERNAME)
    ep.basicAuth = { username: process.env.PROMETHEUS_USERNAME, password: process.env.PROMETHEUS_PASSWORD ?? '' };
  if (flags.prometheusCa) {
    try {
      ep.caCert = readFileSync(flags.prometheusCa, 'utf8');
    } catch (err) {
      usage(cmd, `--prometheus-ca: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (flags.prometheusInsecure) ep.skipTlsVerify = true;
  try {
    return toEndpoint(ep);
  } catch (err) {
    usage(cmd, err instanceof Error ? err.message : String(err));
  }
}
