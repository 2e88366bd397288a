import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { packedRuntime } from "../lib/runtime.js";
import { scratch } from "../lib/scratch.js";
import { ROOT, spawnServer } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";

async function bareStartMs(dataDir: string): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, "apps/api/test/helpers/pglite-bare.mjs"), join(dataDir, "pg")],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    child.stdout.on("data", (d) => {
      if (String(d).includes("ready")) resolve();
    });
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`bare PGlite exited ${code}`)),
    );
  });
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The process settles (JIT, lazy modules, GC) before its idle size is read. */
const settle = () => new Promise((r) => setTimeout(r, 2_000));

/**
 * Start-up of the compiled server to /readyz on an existing embedded database vs PGlite's own
 * bare start, the two alternating so a drift hits both; idle RSS of the compiled server on
 * the embedded database and (with DATABASE_URL) on PostgreSQL; the pruned production install.
 */
export async function benchStartup(): Promise<Row[]> {
  const first = await spawnServer({});
  const dataDir = first.dataDir;
  await first.stop();
  const ours: number[] = [];
  const bare: number[] = [];
  let idleEmbedded = 0;
  for (let i = 0; i < 5; i++) {
    // Polled every 10 ms: the bare start below is timed to the moment it prints "ready".
    const s = await spawnServer({}, { dataDir, pollMs: 10 });
    ours.push(s.startMs);
    await settle();
    idleEmbedded = s.rssMiB();
    await s.stop();
    bare.push(await bareStartMs(dataDir));
  }
  rmSync(dataDir, { recursive: true, force: true });
  const ratio = median(ours) / median(bare);
  const rows: Row[] = [
    {
      section: "start-up",
      metric: "compiled server, start to /readyz 200, existing embedded DB (median of 5)",
      value: `${fmt(median(ours), 0)} ms (runs: ${ours.map((x) => fmt(x, 0)).join(", ")})`,
    },
    {
      section: "start-up",
      metric: "bare PGlite open + SELECT 1 in a fresh node process (median of 5)",
      value: `${fmt(median(bare), 0)} ms (runs: ${bare.map((x) => fmt(x, 0)).join(", ")})`,
    },
    {
      section: "start-up",
      metric: "ratio ours / bare PGlite",
      value: `${fmt(ratio, 2)}×`,
      target: "≤ 1.5",
      met: ratio <= 1.5,
    },
    {
      section: "memory",
      metric: "RSS idle, compiled server, embedded DB",
      value: `${fmt(idleEmbedded, 0)} MiB`,
    },
  ];
  if (process.env.DATABASE_URL) {
    const s = await spawnServer({ DATABASE_URL: await scratch() });
    await settle();
    const idle = s.rssMiB();
    await s.stop();
    rows.push({
      section: "memory",
      metric: "RSS idle, compiled server, PostgreSQL",
      value: `${fmt(idle, 0)} MiB`,
      target: "≤ 150 MiB",
      met: idle <= 150,
    });
  }
  rows.push(installSize());
  return rows;
}

/** What the image's runtime stage holds: the install the servers above ran from. */
function installSize(): Row {
  const mb = Number(
    execFileSync("du", ["-sm", packedRuntime()], { encoding: "utf8" }).split("\t")[0],
  );
  return {
    section: "size",
    metric: "pruned production install (pack-runtime: prod dependencies + console)",
    value: `${fmt(mb, 0)} MB`,
    target: "≤ 150 MB",
    met: mb <= 150,
  };
}
