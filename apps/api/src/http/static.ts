import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import sirv from "sirv";

/** Strict by default; the console needs nothing from other origins. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Serves the built console with SPA fallback; /playground resolves to playground.html. */
export function consoleHandler(dir: string): StaticHandler {
  if (!existsSync(join(dir, "index.html"))) {
    return (_req, res) => {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      res.end("The console is not built. Run `pnpm build` (or `pnpm start`, which builds it).\n");
    };
  }
  const serve = sirv(dir, {
    single: true,
    extensions: ["html"],
    etag: true,
    dev: false,
    setHeaders(res, pathname) {
      if (pathname.startsWith("/assets/")) {
        res.setHeader("cache-control", "public, max-age=31536000, immutable");
      } else {
        // HTML must be revalidated so a new build is picked up at once.
        res.setHeader("cache-control", "no-cache");
      }
    },
  });
  return (req, res) => {
    res.setHeader("content-security-policy", CSP);
    serve(req, res, () => {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("Not found\n");
    });
  };
}
