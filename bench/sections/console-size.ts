import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";

/** Initial JS of the console: the scripts index.html loads (and their static imports, modulepreloaded). */
export async function benchConsoleSize(): Promise<Row[]> {
  const dist = join(ROOT, "apps/console/dist");
  const indexPath = join(dist, "index.html");
  if (!existsSync(indexPath)) {
    return [
      {
        section: "console",
        metric: "initial JS gzipped",
        value: "not built (run pnpm build)",
        target: "≤ 200 kB",
        met: false,
      },
    ];
  }
  const html = readFileSync(indexPath, "utf8");
  const srcs = [
    ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  let gz = 0;
  let raw = 0;
  for (const src of new Set(srcs)) {
    const buf = readFileSync(join(dist, src.replace(/^\//, "")));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  const all = existsSync(join(dist, "assets"))
    ? readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js")).length
    : 0;
  const kb = gz / 1000;
  return [
    {
      section: "console",
      metric: `initial JS gzipped (${srcs.length} file(s) of ${all} chunks)`,
      value: `${fmt(kb)} kB (raw ${fmt(raw / 1000)} kB)`,
      target: "≤ 200 kB",
      met: kb <= 200,
    },
  ];
}
