import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT, spawnServer } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";

async function bareStartMs(dataDir: string): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "apps/api/test/helpers/pglite-bare.ts"), join(dataDir, "pg")],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      },
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

/** Start-up to /readyz on an existing embedded database vs PGlite's own bare start; idle RSS. */
export async function benchStartup(): Promise<Row[]> {
  const first = await spawnServer({});
  const dataDir = first.dataDir;
  await first.stop();
  const runs: number[] = [];
  let idleRss = 0;
  for (let i = 0; i < 3; i++) {
    const s = await spawnServer({}, { dataDir });
    runs.push(s.startMs);
    await new Promise((r) => setTimeout(r, 1000));
    idleRss = s.rssMiB();
    await s.stop();
  }
  const bare: number[] = [];
  for (let i = 0; i < 3; i++) bare.push(await bareStartMs(dataDir));
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ours = med(runs);
  const floor = med(bare);
  return [
    {
      section: "start-up",
      metric: "start to /readyz 200, existing embedded DB (median of 3)",
      value: `${fmt(ours, 0)} ms`,
    },
    {
      section: "start-up",
      metric: "bare PGlite open + SELECT 1 in a fresh process (median of 3)",
      value: `${fmt(floor, 0)} ms`,
    },
    { section: "start-up", metric: "ratio ours / bare PGlite", value: `${fmt(ours / floor, 2)}×` },
    { section: "memory", metric: "RSS idle (embedded DB)", value: `${fmt(idleRss, 0)} MiB` },
  ];
}
