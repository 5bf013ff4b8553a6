/** The shape of the bridge's HTTP routes: a handler per method of one path; POST handlers get the parsed body. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Route = (req: IncomingMessage, res: ServerResponse, body: unknown) => void | Promise<void>;
export type Routes = Partial<Record<'GET' | 'POST' | 'DELETE', Route>>;
