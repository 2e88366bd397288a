import { Limits } from "@gatehouse/shared";
import { badInput } from "./errors.js";

// The list rules every paginated query shares. Services apply them (the CLI and routes may
// list too); graphql/connection.type.ts only shapes the result.

/** Page size: at least 1, at most Limits.pageSizeMax (larger requests are capped, not refused). */
export function pageSize(first: number | null | undefined): number {
  const n = first ?? Limits.pageSizeDefault;
  if (!Number.isInteger(n) || n < 1) throw badInput("first must be a positive number.", "first");
  return Math.min(n, Limits.pageSizeMax);
}

/** Cursors are opaque to clients; inside each is one list's sort key, as text. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

/** The sort key inside `cursor`; a key the list would not produce is a client mistake. */
export function decodeCursor(cursor: string, isKey: (key: string) => boolean): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (key === "" || !isKey(key)) throw badInput("That cursor is not valid.", "after");
  return key;
}
