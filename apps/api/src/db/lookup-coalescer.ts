interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (err: unknown) => void;
}

/**
 * Gathers look-ups that arrive while one is already running, and sends them as one query
 * when it comes back: a quiet server answers each request with its own query (no added
 * delay), a busy one answers dozens with one round trip. A look-up is never answered by a
 * query sent before it arrived, so whatever was committed before a request came in
 * (a revocation, a deactivation) is what that request sees.
 */
export class LookupCoalescer<K, V> {
  private waiting = new Map<K, Waiter<V>[]>();
  private running = 0;

  constructor(
    /** Reads every key of one batch; a key missing from the map means "not found". */
    private readonly fetch: (keys: K[]) => Promise<Map<K, V>>,
    /** Batches in flight at once; the rest wait and grow. */
    private readonly maxRunning = 1,
    private readonly maxBatch = 256,
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.maxRunning && this.waiting.size > 0) {
      const batch = new Map<K, Waiter<V>[]>();
      for (const [key, waiters] of this.waiting) {
        batch.set(key, waiters);
        this.waiting.delete(key);
        if (batch.size >= this.maxBatch) break;
      }
      this.running++;
      // A synchronous throw in fetch must reach the waiters too, hence the wrapping promise.
      new Promise<Map<K, V>>((res) => res(this.fetch([...batch.keys()])))
        .then(
          (found) => {
            for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
          },
          (err: unknown) => {
            for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
          },
        )
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}
