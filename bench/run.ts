// `pnpm bench`: benchmarks, not tests. Every figure is measured in this one run on this
// machine, and ratios compare numbers taken side by side. `--out FILE` also writes the table.
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { markdown, type Row } from "./lib/table.js";
import { benchConsoleSize } from "./sections/console-size.js";
import { benchForwardAuth } from "./sections/forward-auth.js";
import { benchHttp } from "./sections/http.js";
import { benchMagicLinks } from "./sections/magic-links.js";
import { benchOidc } from "./sections/oidc.js";
import { benchRotationSection } from "./sections/rotation.js";
import { benchSearch } from "./sections/search.js";
import { benchStartup } from "./sections/startup.js";

type Section = { name: string; run: () => Promise<Row[]> };

const sections: Section[] = [
  { name: "requests, sign-in and peer", run: benchHttp },
  { name: "forward auth", run: benchForwardAuth },
  { name: "oidc", run: benchOidc },
  { name: "magic links", run: benchMagicLinks },
  { name: "users search", run: benchSearch },
  { name: "rotation", run: benchRotationSection },
  { name: "start-up and memory", run: benchStartup },
  { name: "console size", run: benchConsoleSize },
];

const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const outIdx = process.argv.indexOf("--out");
const out = outIdx > 0 ? process.argv[outIdx + 1] : undefined;

const db = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite";
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Gatehouse benchmarks — ${db} — ${machine}`);

const rows: Row[] = [];
for (const s of sections) {
  if (only && !only.some((o) => s.name.includes(o))) continue;
  const t0 = performance.now();
  process.stdout.write(`• ${s.name} … `);
  try {
    const r = await s.run();
    rows.push(...r);
    console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.log("FAILED");
    rows.push({
      section: s.name,
      metric: "error",
      value: String((err as Error).message).slice(0, 200),
      met: false,
    });
  }
}
const table = markdown(rows);
console.log(`\n${table}\n`);
if (out) {
  writeFileSync(
    out,
    `Database: ${db}. Machine: ${machine}. Date: ${new Date().toISOString()}.\n\n${table}\n`,
  );
  console.log(`wrote ${out}`);
}
if (rows.some((r) => r.metric === "error")) process.exitCode = 1;
