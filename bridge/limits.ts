/** Bounded concurrency: a global queue shared by all sessions, and a per-session cap that refuses. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiting.shift()?.();
    };
  }

  /** calls running or queued */
  get busy(): number {
    return this.active + this.waiting.length;
  }
}

export class SessionLimit {
  private inFlight = 0;
  constructor(private readonly max: number) {}
  tryEnter(): boolean {
    if (this.inFlight >= this.max) return false;
    this.inFlight += 1;
    return true;
  }
  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }
}
