/** Recent write events, so a watch can resume from a resourceVersion (like the apiserver's watch cache). */
import type { ObjectStore, WriteEvent } from './store';

export class WriteHistory {
  private events: WriteEvent[] = [];
  /** the oldest resourceVersion a watch can still resume from */
  private floor: number;

  constructor(
    store: ObjectStore,
    private readonly capacity = 10000,
  ) {
    this.floor = store.resourceVersion;
    store.onWrite((e) => this.record(e));
  }

  private record(e: WriteEvent): void {
    this.events.push(e);
    if (this.events.length > this.capacity) {
      const dropped = this.events.splice(0, this.events.length - this.capacity);
      this.floor = dropped[dropped.length - 1].resourceVersion;
    }
  }

  /** Events after `rv`, or undefined when `rv` is older than what is kept. */
  since(rv: number): WriteEvent[] | undefined {
    if (rv < this.floor) return undefined;
    return this.events.filter((e) => e.resourceVersion > rv);
  }

  get oldest(): number {
    return this.floor;
  }
}
