import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { HashThreads } from "./hash-threads.js";
import { ARGON2_PARAMS, PasswordService } from "./password.service.js";

/** Nice values of this process's threads, from /proc (Linux keeps one per thread). */
function threadNiceValues(): number[] {
  return readdirSync("/proc/self/task").map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // Field 19 (nice) counted after the parenthesised command name.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

describe("HashThreads", () => {
  let threads: HashThreads | undefined;
  afterEach(async () => {
    await threads?.close();
    threads = undefined;
  });

  it("hashes and verifies on its threads, many at once", async () => {
    threads = new HashThreads({ threads: 2 });
    const passwords = Array.from({ length: 6 }, (_, i) => `password-number-${i}`);
    const hashes = await Promise.all(passwords.map((p) => threads!.hash(p, ARGON2_PARAMS)));
    expect(new Set(hashes).size).toBe(6);
    for (const h of hashes) expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const checks = await Promise.all(
      hashes.flatMap((h, i) => [threads!.verify(h, passwords[i]!), threads!.verify(h, "wrong")]),
    );
    expect(checks).toEqual(passwords.flatMap(() => [true, false]));
  });

  it.runIf(process.platform === "linux")(
    "runs argon2 at a lower priority than the event loop",
    async () => {
      const before = threadNiceValues().filter((n) => n === 13).length;
      threads = new HashThreads({ threads: 1, nice: 13 });
      await threads.hash("warm-up", ARGON2_PARAMS);
      expect(threadNiceValues().filter((n) => n === 13).length).toBe(before + 1);
      // The event loop's own thread keeps its priority.
      expect(threadNiceValues()[0]).toBe(0);
    },
  );

  it("a malformed stored hash is an error for the caller, and the thread carries on", async () => {
    threads = new HashThreads({ threads: 1 });
    await expect(threads.verify("not-a-hash", "pw")).rejects.toThrow();
    const h = await threads.hash("still-working", ARGON2_PARAMS);
    expect(await threads.verify(h, "still-working")).toBe(true);
    // PasswordService turns the error into a failed check, never a crash.
    const service = new PasswordService(threads);
    expect(await service.verify("$argon2id$garbage", "pw")).toEqual({
      ok: false,
      needsRehash: false,
    });
  });

  it("after close, waiting and new jobs fail instead of hanging", async () => {
    threads = new HashThreads({ threads: 1 });
    const running = threads.hash("one", ARGON2_PARAMS);
    const waiting = threads.hash("two", ARGON2_PARAMS);
    const outcomes = Promise.allSettled([running, waiting]);
    await threads.close();
    for (const o of await outcomes) {
      expect(o.status).toBe("rejected");
      expect(String((o as PromiseRejectedResult).reason)).toMatch(/shut down/);
    }
    await expect(threads.hash("three", ARGON2_PARAMS)).rejects.toThrow("shut down");
  });
});
