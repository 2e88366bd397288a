import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import {
  findUser,
  PREVIEW,
  REDEEM,
  REQUEST,
  settle,
  signInAdmin,
  TEAM_ENV,
  tokenOf,
} from "../../../test/sign-in-links/support.js";
import { ManualClock } from "../../clock.js";

const LOGIN_URL = `mutation($id: ID!) { emailLoginUrl(userId: $id) { url expiresAt } }`;

describe("magic links: single use, expiry, supersession (manual delivery, injected clock)", () => {
  let server: TestServer;
  let admin: string;
  const clock = new ManualClock(Date.parse("2026-11-23T10:00:00Z"));

  beforeAll(async () => {
    server = await startTestServer(
      { ...TEAM_ENV, GATEHOUSE_NEW_USER_IS_ACTIVE: "true", GATEHOUSE_MAGIC_LINK_TTL: "10m" },
      { overrides: { clock } },
    );
    admin = await signInAdmin(server);
  });
  afterAll(() => server?.close());

  async function freshLink(
    email: string,
  ): Promise<{ userId: string; token: string; expiresAt: string }> {
    await server.gql(REQUEST, { email });
    await settle(server);
    const user = await findUser(server, admin, email);
    const r = await server.gql<{ emailLoginUrl: { url: string; expiresAt: string } }>(
      LOGIN_URL,
      { id: user!.id },
      { token: admin },
    );
    expect(r.errors).toBeUndefined();
    return {
      userId: user!.id,
      token: tokenOf(r.data!.emailLoginUrl.url),
      ...r.data!.emailLoginUrl,
    };
  }

  it("50 concurrent redemptions of one token give exactly one session", async () => {
    const { userId, token } = await freshLink("race@example.com");
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        server.gql<{ redeemLink: { token: string } }>(REDEEM, { token }),
      ),
    );
    const winners = results.filter((r) => r.data?.redeemLink?.token);
    const losers = results.filter((r) => errorCode(r) === "INVALID_LINK");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    const rows: { n: string }[] = await server.app.database.dataSource.query(
      `SELECT count(*) AS n FROM "sessions" WHERE "user_id" = $1`,
      [userId],
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it("expires after GATEHOUSE_MAGIC_LINK_TTL by the injected clock", async () => {
    const { token, expiresAt } = await freshLink("late@example.com");
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBe(10 * 60_000);
    clock.advance(10 * 60_000 - 1_000);
    expect(errorCode(await server.gql(PREVIEW, { token }))).toBeUndefined();
    clock.advance(2_000);
    expect(errorCode(await server.gql(PREVIEW, { token }))).toBe("INVALID_LINK");
    const late = await server.gql(REDEEM, { token });
    expect(errorCode(late)).toBe("INVALID_LINK");
    expect(late.errors?.[0]?.message).toMatch(/Request a new one/);
  });

  it("a new link supersedes the outstanding one", async () => {
    const first = await freshLink("twice@example.com");
    const second = await freshLink("twice@example.com");
    expect(errorCode(await server.gql(REDEEM, { token: first.token }))).toBe("INVALID_LINK");
    expect(errorCode(await server.gql(REDEEM, { token: second.token }))).toBeUndefined();
  });

  it("unknown and malformed tokens are INVALID_LINK", async () => {
    const made = "A".repeat(43);
    expect(errorCode(await server.gql(REDEEM, { token: made }))).toBe("INVALID_LINK");
    expect(errorCode(await server.gql(REDEEM, { token: "not a token" }))).toBe("INVALID_LINK");
    expect(errorCode(await server.gql(REDEEM, { token: "" }))).toBe("INVALID_LINK");
  });

  it("stores only a SHA-256 of the 256-bit token", async () => {
    const { userId, token } = await freshLink("hash@example.com");
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows: { token_hash: string }[] = await server.app.database.dataSource.query(
      `SELECT "token_hash" FROM "magic_links" WHERE "user_id" = $1`,
      [userId],
    );
    const { createHash } = await import("node:crypto");
    const digest = createHash("sha256").update(token).digest("hex");
    expect(rows.map((r) => r.token_hash)).toContain(digest);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("pruning forgets long-ended links but keeps each user's newest", async () => {
    const links = server.app.services.magicLinks;
    const old = await freshLink("old@example.com");
    clock.advance(1_000);
    await freshLink("old@example.com");
    clock.advance(31 * 86_400_000);
    const removed = await links.prune();
    expect(removed).toBeGreaterThanOrEqual(1);
    const rows: { n: string }[] = await server.app.database.dataSource.query(
      `SELECT count(*) AS n FROM "magic_links" WHERE "user_id" = $1`,
      [old.userId],
    );
    expect(Number(rows[0]!.n)).toBe(1);
    expect((await links.latestFor(old.userId))?.supersededAt).toBeNull();
  });
});
