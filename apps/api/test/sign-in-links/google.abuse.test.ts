import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../helpers/fake-google.js";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server.js";
import { sessionCookieFrom, TEAM_ENV } from "./support.js";

const GOOGLE = `mutation($t: String!) { googleSignIn(idToken: $t) { token user { id } } }`;

/** Issue 12, item 10: ID tokens work once; anonymous flow starts are rate limited. */
describe("Google: replayed ID tokens, /auth/google/start limits", () => {
  let google: FakeGoogle;
  let server: TestServer;

  beforeAll(async () => {
    google = await startFakeGoogle();
    server = await startTestServer({
      ...TEAM_ENV,
      GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
      GATEHOUSE_TRUST_PROXY: "true",
      ...google.env(),
    });
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  it("an ID token signs in once; the same token again is TOKEN_REPLAYED", async () => {
    const idToken = google.idToken({ sub: "g-once", email: "once@example.com" });
    const first = await server.gql(GOOGLE, { t: idToken });
    expect(first.errors).toBeUndefined();
    const again = await server.gql(GOOGLE, { t: idToken });
    expect(errorCode(again)).toBe("UNAUTHENTICATED");
    expect(again.errors?.[0]?.extensions?.reason).toBe("TOKEN_REPLAYED");
    expect(again.errors?.[0]?.message).toMatch(/already used/);
    expect(sessionCookieFrom(again.headers)).toBeUndefined();
    // A fresh token for the same person is fine.
    const fresh = await server.gql(GOOGLE, {
      t: google.idToken({ sub: "g-once", email: "once@example.com" }),
    });
    expect(fresh.errors).toBeUndefined();
  });

  it("/auth/google/start is rate limited per client address (it writes a row each time)", async () => {
    const count = async () =>
      Number(
        (
          await server.app.services.dataSource.query(
            `SELECT count(*)::int AS n FROM "google_oauth_states"`,
          )
        )[0].n,
      );
    const from = { "x-forwarded-for": "198.51.100.77" };
    for (let i = 0; i < 30; i++) {
      const r = await fetch(`${server.url}/auth/google/start`, {
        redirect: "manual",
        headers: from,
      });
      expect(r.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
    }
    const before = await count();
    const limited = await fetch(`${server.url}/auth/google/start`, {
      redirect: "manual",
      headers: from,
    });
    expect(limited.headers.get("location")).toBe("/login?error=google_rate_limited");
    expect(await count()).toBe(before);
    // Someone else is not affected.
    const other = await fetch(`${server.url}/auth/google/start`, {
      redirect: "manual",
      headers: { "x-forwarded-for": "198.51.100.78" },
    });
    expect(other.headers.get("location")).toMatch(/\/authorize\?/);
  });
});
