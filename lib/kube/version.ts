/** The API server's version: what a credential test or a "connected to …" line needs. */
import { read } from './retry';
import type { KubeConnection } from './connect';

export interface ServerVersion {
  gitVersion: string;
  major?: string;
  minor?: string;
  platform?: string;
}

export async function serverVersion(conn: KubeConnection): Promise<ServerVersion> {
  return (await read<ServerVersion>(conn, { path: '/version', context: { verb: 'read the server version' } })).body;
}
