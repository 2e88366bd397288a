import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { HashThreads } from "./hash-threads.js";
import { ARGON2_PARAMS, PasswordService } from "./password.service.js";

/** Nice value and scheduling policy of each of this process's threads, main thread first. */
function threadSched(): Array<{ nice: number; policy: number }> {
  return readdirSync("/proc/self/task")
    .sort((a, b) => Number(a) - Number(b))
    .map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      // Fields 19 (nice) and 41 (policy), counted after the parenthesised command name.
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return { nice: Number(f[16]), policy: Number(f[38]) };
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
    "runs argon2 below the event loop: SCHED_IDLE where chrt exists, a higher nice value otherwise",
    async () => {
      const before = threadSched().filter((t) => t.nice === 13).length;
      threads = new HashThreads({ threads: 1, nice: 13 });
      await threads.hash("warm-up", ARGON2_PARAMS);
      const hashing = threadSched().filter((t) => t.nice === 13);
      expect(hashing.length).toBe(before + 1);
      const chrt = spawnSync("chrt", ["--version"]).status === 0;
      // 5 is SCHED_IDLE: the thread runs only when nothing else wants the CPU.
      if (chrt) expect(hashing.at(-1)?.policy).toBe(5);
      // The event loop's own thread keeps its normal priority and policy.
      expect(threadSched()[0]).toEqual({ nice: 0, policy: 0 });
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
