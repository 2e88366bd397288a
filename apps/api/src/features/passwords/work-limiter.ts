import { availableParallelism } from "node:os";

/**
 * Runs at most `limit` jobs at once; the rest wait their turn in order. argon2 runs on
 * libuv's four-thread pool: left alone, a burst of sign-ins takes every core and the event
 * loop (every other request) starves. Capped at cores − 1, one core always stays free.
 */
export class WorkLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number = Math.max(1, availableParallelism() - 1)) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    // A finishing job hands its slot straight to the next waiter, so `active` stays put.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
