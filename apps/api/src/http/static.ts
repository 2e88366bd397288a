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

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
  res.end("Not found\n");
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A path the console's router may own: no file extension and not under /assets/. A missing
 * script or image must be a 404, not index.html served as JavaScript.
 */
export function isPagePath(pathname: string): boolean {
  if (pathname.startsWith("/assets/")) return false;
  const last = pathname.slice(pathname.lastIndexOf("/") + 1);
  return !last.includes(".");
}

/**
 * Serves the built console; a page path with no file behind it gets index.html (the
 * console's router shows its own "not found"). /playground resolves to playground.html.
 * Reserved API paths never get here (see routes.ts).
 */
export function consoleHandler(dir: string): StaticHandler {
  if (!existsSync(join(dir, "index.html"))) {
    return (_req, res) => {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      res.end("The console is not built. Run `pnpm build` (or `pnpm start`, which builds it).\n");
    };
  }
  const serve = sirv(dir, {
    single: false,
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
      const pathname = (req.url ?? "/").split("?")[0] ?? "/";
      if (isPagePath(pathname)) {
        req.url = "/index.html";
        return serve(req, res, () => notFound(res));
      }
      notFound(res);
    });
  };
}
