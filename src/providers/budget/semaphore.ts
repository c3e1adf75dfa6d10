// A counting semaphore with FIFO waiters and abortable waits: bounds the requests in flight.

export class Semaphore {
  #free: number;
  readonly #waiters: { grant: () => void; cancel: () => void }[] = [];

  constructor(permits: number) {
    this.#free = Math.max(1, Math.floor(permits));
  }

  /** Resolves with a release function once a permit is free; rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#free > 0 && this.#waiters.length === 0) {
      this.#free--;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener("abort", waiter.cancel);
          resolve(this.#releaser());
        },
        cancel: () => {
          const i = this.#waiters.indexOf(waiter);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener("abort", waiter.cancel, { once: true });
      this.#waiters.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next.grant();
      else this.#free++;
    };
  }
}
