import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { NextFunction, Request, RequestHandler, Response } from "express";

// Express middleware: asks Gatehouse's /auth/verify who made this request, forwarding the
// browser's credentials, and puts the answer on req.user. Gatehouse decides everything (the
// session, API keys, the app's access rule); this file only carries the question and the answer.

export interface GatehouseUser {
  id: string;
  username: string;
  email: string | null;
  name: string;
  groups: string[];
}

declare global {
  namespace Express {
    interface Request {
      /** Set by gatehouse(): who is signed in, or undefined (only with required: false). */
      user?: GatehouseUser;
    }
  }
}

export interface GatehouseOptions {
  /** Gatehouse as this server reaches it, e.g. "http://gatehouse:7861". */
  url: string;
  /**
   * true (default): a request without a signed-in, allowed user gets Gatehouse's answer
   * (a redirect to sign in for browsers, 401 or 403 otherwise). false: it goes on with
   * req.user undefined, for pages that work signed out too.
   */
  required?: boolean;
  /** Gatehouse unreachable for this long: the request fails with 503 (never let in). */
  timeoutMs?: number;
}

/** The request headers Gatehouse reads: credentials, and how to tell a browser from a script. */
const FORWARDED = [
  "cookie",
  "authorization",
  "x-api-key",
  "accept",
  "sec-fetch-mode",
  "x-requested-with",
];

interface Answer {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

/** node:http, not fetch: fetch replaces the browser's Sec-Fetch-Mode with its own. */
function ask(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on("error", reject);
    });
    req.on("timeout", () =>
      req.destroy(new Error(`Gatehouse did not answer within ${timeoutMs} ms`)),
    );
    req.on("error", reject);
    req.end();
  });
}

/** Gatehouse percent-encodes values that are not plain ASCII; plain values never contain `%`. */
function decode(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
  return v.includes("%") ? decodeURIComponent(v) : v;
}

export function userFrom(headers: IncomingMessage["headers"]): GatehouseUser {
  const groups =
    decode(headers["remote-groups"]) === "" ? [] : String(headers["remote-groups"]).split(",");
  return {
    id: decode(headers["remote-id"]),
    username: decode(headers["remote-user"]),
    email: decode(headers["remote-email"]) || null,
    name: decode(headers["remote-name"]),
    groups: groups.map((g) => decode(g)),
  };
}

export function gatehouse(options: GatehouseOptions): RequestHandler {
  const verifyUrl = new URL("/auth/verify", options.url);
  const required = options.required ?? true;
  return async (req: Request, res: Response, next: NextFunction) => {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const v = req.headers[name];
      if (typeof v === "string") headers[name] = v;
    }
    // Which page this is, so a browser comes back here after signing in. Gatehouse believes
    // it only when this server's address is in GATEHOUSE_TRUST_PROXY.
    headers["x-forwarded-proto"] = req.protocol;
    headers["x-forwarded-host"] = req.get("host") ?? "";
    headers["x-forwarded-uri"] = req.originalUrl;
    let answer: Answer;
    try {
      answer = await ask(verifyUrl, headers, options.timeoutMs ?? 5_000);
    } catch {
      // Fail closed: without an answer nobody is let in.
      res.status(503).json({ error: "Sign-in service unavailable; try again shortly." });
      return;
    }
    if (answer.status === 200) {
      req.user = userFrom(answer.headers);
      return next();
    }
    if (!required && answer.status === 401) return next();
    if (answer.status === 302 && typeof answer.headers.location === "string") {
      res.set("cache-control", "no-store").redirect(302, answer.headers.location);
      return;
    }
    // 401, 403: Gatehouse's message (JSON, or its small page for browsers), as it sent it.
    res
      .status(answer.status === 401 || answer.status === 403 ? answer.status : 502)
      .type(String(answer.headers["content-type"] ?? "application/json"))
      .set("cache-control", "no-store")
      .send(answer.body);
  };
}
