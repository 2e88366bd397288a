import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../../config/config.js";
import { AppError, badInput } from "../../errors.js";
import type { Authenticator, RouteHandler } from "../../http/request.js";
import { requestInfo } from "../../http/request-info.js";
import { DuplicateSessionCookieError } from "../sessions/authenticator.js";
import type { AuditEventEntity } from "./audit.entity.js";
import { AuditAction, type AuditFilter, type AuditService } from "./audit.service.js";
import { csvRow } from "./csv.js";

export const AUDIT_CSV_PATH = "/api/audit.csv";

/** What the export reads; narrow, so the feature does not depend on all of Services. */
export interface AuditRouteServices {
  config: Config;
  auth: Authenticator;
  audit: AuditService;
}

const COLUMNS = [
  "id",
  "at",
  "action",
  "actor_id",
  "actor_username",
  "target_id",
  "target_username",
  "ip_address",
  "detail",
];

function refuse(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify({ error }));
}

function dateParam(url: URL, name: string): Date | null {
  const raw = url.searchParams.get(name);
  if (!raw) return null;
  const d = new Date(raw);
  if (Number.isNaN(d.getTime()))
    throw badInput(`${name} must be a date, e.g. 2026-01-31T00:00:00Z.`, name);
  return d;
}

/** The same filters as the auditLog query, from the query string. */
function filterOf(url: URL): AuditFilter {
  const p = url.searchParams;
  return {
    action: p.get("action"),
    actionContains: p.get("actionContains"),
    targetId: p.get("targetId"),
    user: p.get("user"),
    since: dateParam(url, "since"),
    until: dateParam(url, "until"),
  };
}

/**
 * GET /api/audit.csv: every event matching the filters (not one page), for superusers, signed
 * in by cookie, session token or API key. Streamed in batches, so a long trail costs no memory.
 */
export function auditCsvRoute(services: AuditRouteServices): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method !== "GET" && req.method !== "HEAD")
      return refuse(res, 405, "Method not allowed");
    let viewer: Awaited<ReturnType<Authenticator["authenticate"]>>;
    try {
      viewer = await services.auth.authenticate(requestInfo(req, services.config));
    } catch (err) {
      if (err instanceof DuplicateSessionCookieError) return refuse(res, 400, err.message);
      throw err;
    }
    if (!viewer) return refuse(res, 401, "Sign in first.");
    // An app-scoped key is for forward auth to those apps only (as on /graphql).
    if (viewer.apiKey?.appIds) return refuse(res, 401, "This API key is for its apps only.");
    if (!viewer.isSuperuser) return refuse(res, 403, "Only superusers can export the audit log.");
    let filter: AuditFilter;
    let batches: AsyncGenerator<AuditEventEntity[]>;
    let first: IteratorResult<AuditEventEntity[]>;
    try {
      filter = filterOf(url);
      batches = services.audit.all(filter);
      // The first batch is read before the headers go out, so a bad filter is still a 400.
      first = await batches.next();
    } catch (err) {
      if (err instanceof AppError) return refuse(res, 400, err.message);
      throw err;
    }
    const stamp = new Date().toISOString().slice(0, 10);
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="gatehouse-audit-${stamp}.csv"`,
      "cache-control": "no-store, private",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") return void res.end();
    // The byte-order mark makes Excel read the file as UTF-8 (names are not all ASCII).
    res.write(`\uFEFF${csvRow(COLUMNS)}`);
    let rows = 0;
    for (let step = first; !step.done; step = await batches.next()) {
      let chunk = "";
      for (const e of step.value) chunk += csvRow(cellsOf(e));
      rows += step.value.length;
      if (!res.write(chunk)) await once(res, "drain");
    }
    res.end();
    // Who took a copy of the trail is itself worth a line in it.
    await services.audit.record({
      action: AuditAction.EXPORTED,
      actorId: viewer.userId,
      ip: requestInfo(req, services.config).ip,
      detail: `${rows} events exported as CSV${describe(filter)}`,
    });
  };
}

function cellsOf(e: AuditEventEntity): (string | null)[] {
  return [
    String(e.id),
    e.at.toISOString(),
    e.action,
    e.actorId,
    e.actorUsername,
    e.targetId,
    e.targetUsername,
    e.ipAddress,
    e.detail,
  ];
}

function describe(f: AuditFilter): string {
  const parts = [
    f.action && `action ${f.action}`,
    f.actionContains && `action contains ${f.actionContains}`,
    f.user && `user ${f.user}`,
    f.targetId && `target ${f.targetId}`,
    f.since && `since ${f.since.toISOString()}`,
    f.until && `until ${f.until.toISOString()}`,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}
