import type { Logger } from "../../logger.js";

/**
 * Work that runs after the response has gone out (mail delivery), so a request's timing
 * never depends on it. Tracked so shutdown can wait and tests can observe completion.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  /** Aborted when shutdown stops waiting: long work (mail retries) should give up then. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

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

  /**
   * For shutdown: lets running work finish for up to `graceMs`, then aborts `signal` and
   * waits for the (now quick) rest, so a hanging mail provider cannot hold the process.
   */
  async drain(graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([this.idle(), grace]);
    clearTimeout(timer);
    this.stopping.abort();
    await this.idle();
  }

  /** Resolves once nothing is running, including tasks started while waiting. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
