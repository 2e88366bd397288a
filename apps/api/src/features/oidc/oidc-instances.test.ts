import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN } from "../../../test/accounts/accounts-helpers.js";
import { createScratchDatabase, usingPostgres } from "../../../test/helpers/database.js";
import { adminToken, createClient, type MadeClient } from "../../../test/helpers/oidc-rp.js";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import { generateKeyText } from "../secrets/key-material.js";

// One issuer for both instances, as behind a load balancer; requests go to each port directly.
const PUBLIC_URL = "http://127.0.0.1:7999";

async function jwksOf(s: TestServer) {
  return (await (await fetch(`${s.url}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
}

async function clientCredentials(s: TestServer, c: MadeClient) {
  const res = await fetch(`${s.url}/oidc/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${c.clientId}:${c.secret}`).toString("base64")}`,
    },
    body: "grant_type=client_credentials",
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function introspect(s: TestServer, c: MadeClient, token: string) {
  const res = await fetch(`${s.url}/oidc/token/introspection`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${c.clientId}:${c.secret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ token }).toString(),
  });
  return (await res.json()) as { active: boolean; client_id?: string };
}

describe.skipIf(!usingPostgres)("OpenID Connect on two instances sharing PostgreSQL", () => {
  let db: { url: string; drop(): Promise<void> };
  let A: TestServer;
  let B: TestServer;
  let service: MadeClient;
  let jwtService: MadeClient;

  beforeAll(async () => {
    db = await createScratchDatabase();
    const env = {
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
      GATEHOUSE_SECRET_KEY: generateKeyText(),
      GATEHOUSE_PUBLIC_URL: PUBLIC_URL,
    };
    // Started together: both race to make the first signing keys; one key set must win.
    [A, B] = await Promise.all([
      startTestServer(env, { databaseUrl: db.url }),
      startTestServer(env, { databaseUrl: db.url }),
    ]);
    const token = await adminToken(A);
    service = await createClient(A, token, { name: "svc", grantTypes: ["client_credentials"] });
    jwtService = await createClient(A, token, {
      name: "svc-jwt",
      grantTypes: ["client_credentials"],
      accessTokenFormat: "jwt",
    });
  });
  afterAll(async () => {
    await A?.close();
    await B?.close();
    await db?.drop();
  });

  it("both serve the same signing keys, made once", async () => {
    const [a, b] = await Promise.all([jwksOf(A), jwksOf(B)]);
    expect(a.keys.length).toBe(2);
    expect(b.keys.map((k) => k.kid).sort()).toEqual(a.keys.map((k) => k.kid).sort());
  });

  it("each accepts the other's tokens", async () => {
    const fromA = await clientCredentials(A, service);
    expect(await introspect(B, service, fromA)).toMatchObject({ active: true });
    const fromB = await clientCredentials(B, service);
    expect(await introspect(A, service, fromB)).toMatchObject({ active: true });
  });

  it("a key rotation on one instance reaches the other; old tokens still verify", async () => {
    const before = await clientCredentials(A, jwtService);
    const token = await adminToken(A);
    const r = await A.gql<{ rotateOidcSigningKeys: string[] }>(
      "mutation { rotateOidcSigningKeys }",
      {},
      { token },
    );
    expect(r.errors).toBeUndefined();
    const newKids = r.data!.rotateOidcSigningKeys;
    // B notices within its key check interval (a few seconds); wait for that event.
    await expect
      .poll(async () => (await jwksOf(B)).keys.map((k) => k.kid), {
        timeout: 20_000,
        interval: 250,
      })
      .toEqual(expect.arrayContaining(newKids));
    const after = await clientCredentials(B, jwtService);
    const set = createLocalJWKSet((await jwksOf(A)) as never);
    for (const t of [before, after]) {
      const v = await jwtVerify(t, set, { issuer: PUBLIC_URL, audience: jwtService.clientId });
      expect(v.payload.client_id).toBe(jwtService.clientId);
    }
  });
});
