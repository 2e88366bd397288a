import { describe, expect, it } from "vitest";
import { WorkLimiter } from "./work-limiter.js";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("WorkLimiter", () => {
  it("never runs more than its limit at once, and runs every job in order", async () => {
    const limiter = new WorkLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const jobs = Array.from({ length: 9 }, (_, i) =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await tick(5);
        running--;
        return i * 10;
      }),
    );
    expect(await Promise.all(jobs)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("frees the slot when a job fails", async () => {
    const limiter = new WorkLimiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect(await limiter.run(async () => "next")).toBe("next");
  });
});
