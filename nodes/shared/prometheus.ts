/** Maps a stored `prometheusApi` credential to lib/prometheus's endpoint. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { toEndpoint, type PrometheusEndpoint } from '../../lib/prometheus/endpoint';

export const PROMETHEUS_CREDENTIAL = 'prometheusApi';

const text = (data: ICredentialDataDecryptedObject, key: string): string =>
  typeof data[key] === 'string' ? data[key].trim() : '';

export function prometheusEndpoint(data: ICredentialDataDecryptedObject): PrometheusEndpoint {
  const ep: PrometheusEndpoint = { url: text(data, 'url') };
  const auth = text(data, 'authentication') || 'none';
  if (auth === 'bearer') {
    if (!text(data, 'token')) throw new Error('the Prometheus API credential chooses a bearer token but holds none');
    ep.bearerToken = text(data, 'token');
  } else if (auth === 'basic') {
    ep.basicAuth = {
      username: text(data, 'username'),
      password: typeof data.password === 'string' ? data.password : '',
    };
  } else if (auth !== 'none') throw new Error(`unknown authentication "${auth}" in the Prometheus API credential`);
  if (text(data, 'caCert')) ep.caCert = text(data, 'caCert');
  if (data.skipTlsVerify === true) ep.skipTlsVerify = true;
  return toEndpoint(ep);
}
