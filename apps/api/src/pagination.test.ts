import { ErrorCode, Limits } from "@gatehouse/shared";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors.js";
import { decodeCursor, encodeCursor, pageSize } from "./pagination.js";

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : "not an AppError";
  }
  return undefined;
};

const anyKey = () => true;

describe("pagination rules shared by every list", () => {
  it("round-trips a sort key through an opaque cursor", () => {
    for (const key of ["alice", "ünïcode_ß", "1234567890123456789"]) {
      const cursor = encodeCursor(key);
      expect(cursor).not.toContain(key);
      expect(decodeCursor(cursor, anyKey)).toBe(key);
    }
  });

  it("refuses empty cursors and keys the list would not produce as BAD_USER_INPUT", () => {
    const digits = (k: string) => /^\d+$/.test(k);
    expect(codeOf(() => decodeCursor("", anyKey))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => decodeCursor(encodeCursor("abc"), digits))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => decodeCursor(encodeCursor("42"), digits))).toBeUndefined();
  });

  it("defaults, caps and refuses page sizes", () => {
    expect(pageSize(null)).toBe(Limits.pageSizeDefault);
    expect(pageSize(Limits.pageSizeMax + 1)).toBe(Limits.pageSizeMax);
    expect(pageSize(1)).toBe(1);
    for (const bad of [0, -1, 1.5])
      expect(codeOf(() => pageSize(bad))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
