import { describe, expect, it } from "vitest";
import { LookupCoalescer } from "./lookup-coalescer.js";

/** A fetch whose batches are recorded and answered only when the test says so. */
function controlledFetch() {
  const batches: string[][] = [];
  const release: Array<(found: Map<string, number>) => void> = [];
  const fail: Array<(err: Error) => void> = [];
  const fetch = (keys: string[]) =>
    new Promise<Map<string, number>>((resolve, reject) => {
      batches.push(keys);
      release.push(resolve);
      fail.push(reject);
    });
  const answer = (i: number) =>
    release[i]?.(new Map(batches[i]?.filter((k) => k !== "missing").map((k) => [k, k.length])));
  return { batches, fetch, answer, fail };
}

const flush = () => new Promise((r) => setImmediate(r));

describe("LookupCoalescer", () => {
  it("sends the first look-up at once and gathers the ones that arrive while it runs", async () => {
    const c = controlledFetch();
    const coalescer = new LookupCoalescer(c.fetch);
    const first = coalescer.load("a");
    expect(c.batches).toEqual([["a"]]);
    const later = ["bb", "ccc", "bb", "missing"].map((k) => coalescer.load(k));
    await flush();
    expect(c.batches).toHaveLength(1); // nothing more is sent while one batch is out
    c.answer(0);
    expect(await first).toBe(1);
    await flush();
    // One batch for the four waiting look-ups, the repeated key asked once.
    expect(c.batches[1]).toEqual(["bb", "ccc", "missing"]);
    c.answer(1);
    expect(await Promise.all(later)).toEqual([2, 3, 2, undefined]);
  });

  it("a failed batch fails its own look-ups only, and the next batch still goes out", async () => {
    const c = controlledFetch();
    const coalescer = new LookupCoalescer(c.fetch);
    const first = coalescer.load("a");
    const second = coalescer.load("bb");
    c.fail[0]?.(new Error("database unavailable"));
    await expect(first).rejects.toThrow("database unavailable");
    await flush();
    expect(c.batches[1]).toEqual(["bb"]);
    c.answer(1);
    expect(await second).toBe(2);
  });

  it("a fetch that throws synchronously rejects its look-ups instead of escaping", async () => {
    const coalescer = new LookupCoalescer<string, number>(() => {
      throw new Error("bad statement");
    });
    await expect(coalescer.load("a")).rejects.toThrow("bad statement");
    // And the coalescer is not wedged afterwards.
    await expect(coalescer.load("b")).rejects.toThrow("bad statement");
  });

  it("caps a batch and the batches in flight", async () => {
    const c = controlledFetch();
    const coalescer = new LookupCoalescer(c.fetch, 2, 3);
    const all = ["k1", "k2", "k3", "k4", "k5", "k6", "k7"].map((k) => coalescer.load(k));
    // Two in flight: the first alone (sent on arrival), the second alone too (a free slot).
    expect(c.batches).toEqual([["k1"], ["k2"]]);
    c.answer(0);
    await flush();
    expect(c.batches[2]).toEqual(["k3", "k4", "k5"]);
    c.answer(1);
    await flush();
    expect(c.batches[3]).toEqual(["k6", "k7"]);
    c.answer(2);
    c.answer(3);
    expect(await Promise.all(all)).toEqual([2, 2, 2, 2, 2, 2, 2]);
  });
});
