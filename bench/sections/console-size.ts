import { existsSync } from "node:fs";
import { join } from "node:path";
import { initialJsSize } from "../../apps/console/scripts/initial-size.js";
import { ROOT } from "../lib/server.js";
import { fmt, type Row } from "../lib/table.js";

/** Item 8: the console's initial JS (entry + preloaded chunks), gzipped, from the production build. */
export async function benchConsoleSize(): Promise<Row[]> {
  const dist = join(ROOT, "apps/console/dist");
  if (!existsSync(join(dist, "index.html"))) {
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
  const r = initialJsSize(dist);
  const kb = r.gzip / 1024;
  return [
    {
      section: "console",
      metric: `initial JS gzipped (${r.files.length} file(s))`,
      value: `${fmt(kb)} KiB (raw ${fmt(r.bytes / 1024)} KiB)`,
      target: "≤ 200 kB",
      met: r.gzip <= 200 * 1024,
    },
  ];
}
