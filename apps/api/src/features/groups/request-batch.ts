/**
 * Collects the keys a request asks for while GraphQL walks a list (User.groups on a page of
 * users) and reads them with one query, instead of one query per row. One batcher per
 * request, so a read never returns data older than the request that asked for it.
 */
export class RequestBatch<K, V> {
  private pending = new Map<K, { resolve: (v: V) => void; reject: (e: unknown) => void }[]>();

  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: V,
  ) {}

  load(key: K): Promise<V> {
    return new Promise((resolve, reject) => {
      // The first key of a batch schedules the read; setImmediate runs after GraphQL has
      // called the resolver of every row of the list (they are called in one pass).
      if (this.pending.size === 0) setImmediate(() => this.flush());
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = new Map();
    this.fetch([...batch.keys()]).then(
      (found) => {
        for (const [key, ws] of batch)
          for (const w of ws) w.resolve(found.get(key) ?? this.missing);
      },
      (err: unknown) => {
        for (const ws of batch.values()) for (const w of ws) w.reject(err);
      },
    );
  }
}

/** One batcher per request object, dropped with it. */
export function perRequest<R extends object, B>(make: () => B): (request: R) => B {
  const batches = new WeakMap<R, B>();
  return (request) => {
    let b = batches.get(request);
    if (!b) {
      b = make();
      batches.set(request, b);
    }
    return b;
  };
}
