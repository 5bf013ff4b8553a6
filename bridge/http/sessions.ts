/**
 * The open MCP sessions of both HTTP transports, bounded: at most `max` at once (the longest idle one is closed to
 * make room), and any session without a request for `idleMs` is closed — clients that vanish (the SDK client's
 * close() sends no DELETE) would otherwise each keep an McpServer alive.
 */
import type { BridgeMetrics } from '../metrics';

export type SessionTransport = 'sse' | 'http';

interface Session {
  transport: SessionTransport;
  lastUsed: number;
  /** a Streamable HTTP client holding a GET stream open is still there, even when it calls nothing */
  listening: boolean;
  close(): Promise<void> | void;
}

export class SessionTable {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly max: number,
    private readonly idleMs: number,
    private readonly metrics: BridgeMetrics,
  ) {
    this.sweeper = setInterval(() => this.reap(), Math.max(50, Math.min(60_000, idleMs / 2)));
    this.sweeper.unref();
  }

  /** Makes room for one more session: closes the longest-idle sessions while the table is full. */
  makeRoom(): void {
    while (this.sessions.size >= this.max) {
      let oldest: [string, Session] | undefined;
      for (const entry of this.sessions) if (!oldest || entry[1].lastUsed < oldest[1].lastUsed) oldest = entry;
      if (!oldest) return;
      this.metrics.evicted.inc({ transport: oldest[1].transport });
      void this.drop(oldest[0]);
    }
  }

  add(id: string, transport: SessionTransport, close: () => Promise<void> | void): void {
    this.makeRoom();
    this.sessions.set(id, { transport, lastUsed: Date.now(), listening: false, close });
    this.metrics.sessions.inc({ transport });
  }

  /** Forgets a session that closed by itself; false when it was not (or no longer) in the table. */
  remove(id: string): boolean {
    const s = this.sessions.get(id);
    if (!s) return false;
    this.sessions.delete(id);
    this.metrics.sessions.dec({ transport: s.transport });
    return true;
  }

  touch(id: unknown): void {
    const s = typeof id === 'string' ? this.sessions.get(id) : undefined;
    if (s) s.lastUsed = Date.now();
  }

  setListening(id: string, listening: boolean): void {
    const s = this.sessions.get(id);
    if (s) s.listening = listening;
  }

  get size(): number {
    return this.sessions.size;
  }

  reap(): void {
    const cutoff = Date.now() - this.idleMs;
    for (const [id, s] of [...this.sessions]) {
      if (s.lastUsed < cutoff && !s.listening) {
        this.metrics.reaped.inc({ transport: s.transport });
        void this.drop(id);
      }
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.sessions.keys()];
    await Promise.allSettled(all.map((id) => this.drop(id)));
  }

  private async drop(id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    this.remove(id);
    try {
      await s.close();
    } catch {
      // a transport that fails to close is gone all the same
    }
  }
}
