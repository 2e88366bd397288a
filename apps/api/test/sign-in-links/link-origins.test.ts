import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server.js";
import {
  asClient,
  findUser,
  LOGIN_URL,
  REDEEM,
  REQUEST,
  settle,
  TEAM_ENV,
  tokenOf,
} from "./support.js";

/** Issue 12, items 4 and 5: who may replace a link, and which names self sign-up may take. */
describe("magic links: a stranger's request cannot cancel an admin's link; reserved names", () => {
  let server: TestServer;
  let admin: string;
  let n = 0;
  const stranger = () => asClient(`203.0.113.${++n}`);

  beforeAll(async () => {
    server = await startTestServer({
      ...TEAM_ENV,
      GATEHOUSE_SUPERUSER: "boss",
      GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
      GATEHOUSE_TRUST_PROXY: "true",
    });
    admin = await signInAdminAs(server, "boss");
  });
  afterAll(() => server?.close());

  async function signInAdminAs(s: TestServer, username: string): Promise<string> {
    const r = await s.gql<{ signIn: { token: string } }>(
      `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`,
      { u: username, p: TEAM_ENV.GATEHOUSE_SUPERUSER_PASSWORD },
    );
    expect(r.errors).toBeUndefined();
    return r.data!.signIn.token;
  }

  async function adminLink(userId: string): Promise<string> {
    const r = await server.gql<{ emailLoginUrl: { url: string } }>(
      LOGIN_URL,
      { id: userId },
      { token: admin },
    );
    expect(r.errors).toBeUndefined();
    return tokenOf(r.data!.emailLoginUrl.url);
  }

  it("the admin's link (emailLoginUrl) still works after a stranger requests one for the same email", async () => {
    await server.gql(REQUEST, { email: "dana@example.com" }, stranger());
    await settle(server);
    const dana = await findUser(server, admin, "dana@example.com");
    const adminToken = await adminLink(dana!.id);

    for (let i = 0; i < 3; i++)
      await server.gql(REQUEST, { email: "dana@example.com" }, stranger());
    await settle(server);

    const r = await server.gql<{ redeemLink: { user: { id: string } } }>(REDEEM, {
      token: adminToken,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.redeemLink.user.id).toBe(dana!.id);
  });

  it("a public request still replaces the earlier public request's link", async () => {
    await server.gql(REQUEST, { email: "eli@example.com" }, stranger());
    await settle(server);
    const rows1: { id: string }[] = await server.app.services.dataSource.query(
      `SELECT l."id" FROM "magic_links" l JOIN "users" u ON u."id" = l."user_id"
        WHERE u."email" = $1 AND l."superseded_at" IS NULL`,
      ["eli@example.com"],
    );
    expect(rows1).toHaveLength(1);
    await server.gql(REQUEST, { email: "eli@example.com" }, stranger());
    await settle(server);
    const live: { id: string; origin: string }[] = await server.app.services.dataSource.query(
      `SELECT l."id", l."origin" FROM "magic_links" l JOIN "users" u ON u."id" = l."user_id"
        WHERE u."email" = $1 AND l."superseded_at" IS NULL AND l."used_at" IS NULL`,
      ["eli@example.com"],
    );
    expect(live).toHaveLength(1);
    expect(live[0]!.id).not.toBe(rows1[0]!.id);
  });

  it("an admin's new link still replaces every outstanding link, a requested one too", async () => {
    await server.gql(REQUEST, { email: "fay@example.com" }, stranger());
    await settle(server);
    const fay = await findUser(server, admin, "fay@example.com");
    const first = await adminLink(fay!.id);
    await adminLink(fay!.id);
    const r = await server.gql(REDEEM, { token: first });
    expect(errorCode(r)).toBe("INVALID_LINK");
  });

  it("self sign-up never takes a reserved name or GATEHOUSE_SUPERUSER's: it gets a suffix", async () => {
    for (const email of ["ops@attacker.example", "Admin@attacker.example", "boss@attacker.example"])
      await server.gql(REQUEST, { email }, stranger());
    await settle(server);
    const ops = await findUser(server, admin, "ops@attacker.example");
    const adm = await findUser(server, admin, "admin@attacker.example");
    const boss = await findUser(server, admin, "boss@attacker.example");
    expect(ops?.username).toMatch(/^ops-[0-9a-f]{6}$/);
    expect(adm?.username).toMatch(/^admin-[0-9a-f]{6}$/);
    expect(boss?.username).toMatch(/^boss-[0-9a-f]{6}$/);
    // Names nobody reserved are still taken as they come.
    await server.gql(REQUEST, { email: "opsy@example.com" }, stranger());
    await settle(server);
    expect((await findUser(server, admin, "opsy@example.com"))?.username).toBe("opsy");
  });
});
