import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The JavaScript a browser must load before the console first renders: the entry script
 * plus every chunk index.html preloads. Lazy pages and the playground are excluded, as
 * they load only when visited. Usable from `pnpm bench` (import) or on its own (tsx).
 */
export function initialJsSize(distDir = resolve(import.meta.dirname, "../dist")) {
  const html = readFileSync(join(distDir, "index.html"), "utf8");
  const refs = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const files = [...new Set(refs)].map((ref) => {
    const bytes = readFileSync(join(distDir, ref.replace(/^\//, "")));
    return { file: ref, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = initialJsSize();
  for (const f of r.files) console.log(`${f.file}\t${f.bytes} B\t${f.gzip} B gzip`);
  console.log(
    `initial JS: ${(r.gzip / 1024).toFixed(1)} kB gzipped (${(r.bytes / 1024).toFixed(1)} kB raw), budget 200 kB`,
  );
  if (r.gzip > 200 * 1024) process.exitCode = 1;
}
