import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Options } from "@node-rs/argon2";

/**
 * The code each hashing thread runs. It first gives up its claim on the CPU: on Linux it
 * asks for SCHED_IDLE (through util-linux's `chrt`, as Node has no call for it), so argon2
 * runs only on CPU time that nothing else wants, and the scheduler treats a core busy with
 * hashing as free for the event loop and the database. Where that fails it lowers its nice
 * value instead (on Linux a thread's nice value is its own). Measured on two cores, `me`
 * kept 0.43 of its throughput during a sign-in burst at nice 10 and 0.6–0.9 with SCHED_IDLE,
 * while sign-ins still ran at 27–35/s.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
try { require("node:os").setPriority(0, workerData.nice); } catch {}
if (workerData.idle && process.platform === "linux") {
  try {
    const tid = require("node:fs").readlinkSync("/proc/thread-self").split("/").pop();
    require("node:child_process").execFileSync("chrt", ["--idle", "-p", "0", tid], {
      stdio: "ignore",
      timeout: 5000,
    });
  } catch {}
}
const argon2 = require(workerData.argon2);
parentPort.on("message", (job) => {
  try {
    const value = job.op === "hash"
      ? argon2.hashSync(job.password, job.options)
      : argon2.verifySync(job.stored, job.password);
    parentPort.postMessage({ id: job.id, value });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: String(err && err.message || err) });
  }
});
`;

type Job =
  | { op: "hash"; password: string; options: Options }
  | { op: "verify"; stored: string; password: string };

interface Pending {
  job: Job & { id: number };
  resolve: (value: string | boolean) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending;
}

export interface HashThreadOptions {
  /** Threads; by default one per core, since their low priority already protects the rest. */
  threads?: number;
  /** Nice value of the hashing threads (0 = same as the event loop, 19 = lowest). */
  nice?: number;
  /** Ask Linux for SCHED_IDLE (default true); the nice value is the fallback. */
  idle?: boolean;
}

/** argon2 on a few lowest-priority worker threads, started on first use. */
export class HashThreads {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly threads: number;
  private readonly nice: number;
  private readonly idle: boolean;
  private nextId = 1;
  private closed = false;

  constructor(options: HashThreadOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    this.nice = options.nice ?? 10;
    this.idle = options.idle ?? true;
  }

  hash(password: string, options: Options): Promise<string> {
    return this.submit({ op: "hash", password, options }) as Promise<string>;
  }

  verify(stored: string, password: string): Promise<boolean> {
    return this.submit({ op: "verify", stored, password }) as Promise<boolean>;
  }

  /** Stops every thread; jobs still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    const unfinished = [...this.queue.splice(0), ...slots.flatMap((s) => s.current ?? [])];
    for (const p of unfinished) p.reject(new Error("password hashing has shut down"));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private submit(job: Job): Promise<string | boolean> {
    if (this.closed) return Promise.reject(new Error("password hashing has shut down"));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...job, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.current);
      if (!slot && this.slots.length < this.threads) slot = this.spawn();
      if (!slot) return;
      const next = this.queue.shift() as Pending;
      slot.current = next;
      // A busy thread keeps the process alive (a CLI awaiting a hash must not exit early);
      // an idle one does not.
      slot.worker.ref();
      slot.worker.postMessage(next.job);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        nice: this.nice,
        idle: this.idle,
        argon2: createRequire(import.meta.url).resolve("@node-rs/argon2"),
      },
    });
    const slot: Slot = { worker };
    worker.on("message", (msg: { id: number; value?: string | boolean; error?: string }) => {
      const done = slot.current;
      if (!done || done.job.id !== msg.id) return;
      slot.current = undefined;
      worker.unref();
      if (msg.error !== undefined) done.reject(new Error(msg.error));
      else done.resolve(msg.value as string | boolean);
      this.dispatch();
    });
    // A thread that dies takes only its own job with it; the next job gets a fresh thread.
    const lost = (err: Error) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      slot.current?.reject(err);
      slot.current = undefined;
      if (!this.closed) this.dispatch();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`password hashing thread exited (${code})`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }
}
