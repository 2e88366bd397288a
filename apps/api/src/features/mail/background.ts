import type { Logger } from "../../logger.js";

/**
 * Work that runs after the response has gone out (mail delivery), so a request's timing
 * never depends on it. Tracked so shutdown can wait and tests can observe completion.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, work: () => Promise<void>): void {
    // setImmediate: the caller's response is written before the work starts.
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((err: unknown) => {
        this.logger.error(
          { err: { name: (err as Error)?.name, message: (err as Error)?.message }, task: name },
          "background task failed",
        );
      })
      .finally(() => {
        this.running.delete(task);
      });
    this.running.add(task);
  }

  /** Resolves once nothing is running, including tasks started while waiting. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
