import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  createUser,
  signIn,
  startAuthenticatedServer,
} from "../../../test/accounts/accounts-helpers.js";
import { errorCode, type TestServer } from "../../../test/helpers/test-server.js";

const INFO = `{ oidcProvider { issuer discoveryUrl keyGraceSeconds secretOverlapSeconds
  signingKeys { kid algorithm createdAt retiredAt publishedUntil } } }`;

interface Key {
  kid: string;
  algorithm: string;
  createdAt: string;
  retiredAt: string | null;
  publishedUntil: string | null;
}
interface Info {
  oidcProvider: {
    issuer: string;
    discoveryUrl: string;
    keyGraceSeconds: number;
    secretOverlapSeconds: number;
    signingKeys: Key[];
  };
}

describe("oidcProvider: the issuer and the published signing keys", () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startAuthenticatedServer({
      GATEHOUSE_OIDC_KEY_GRACE: "2d",
      GATEHOUSE_OIDC_SECRET_OVERLAP: "3h",
    });
    token = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("names the issuer and discovery URL an app is configured with, and the settings", async () => {
    const r = await server.gql<Info>(INFO, {}, { token });
    expect(r.errors).toBeUndefined();
    const info = r.data!.oidcProvider;
    expect(info).toMatchObject({
      issuer: server.config.publicUrl,
      discoveryUrl: `${server.config.publicUrl}/.well-known/openid-configuration`,
      keyGraceSeconds: 2 * 86_400,
      secretOverlapSeconds: 3 * 3600,
    });
    // The discovery document really is at that address and names that issuer.
    const doc = (await (await fetch(info.discoveryUrl)).json()) as { issuer: string };
    expect(doc.issuer).toBe(info.issuer);
  });

  it("lists the keys the JWKS publishes; after a rotation the old ones show as retiring", async () => {
    const jwks = (await (await fetch(`${server.url}/oidc/jwks`)).json()) as {
      keys: { kid: string }[];
    };
    const before = (await server.gql<Info>(INFO, {}, { token })).data!.oidcProvider.signingKeys;
    expect(before.map((k) => k.kid).sort()).toEqual(jwks.keys.map((k) => k.kid).sort());
    expect(before.map((k) => k.algorithm).sort()).toEqual(["ES256", "RS256"]);
    expect(before.every((k) => k.retiredAt === null && k.publishedUntil === null)).toBe(true);

    const rotated = await server.gql<{ rotateOidcSigningKeys: string[] }>(
      "mutation { rotateOidcSigningKeys }",
      {},
      { token },
    );
    expect(rotated.errors).toBeUndefined();
    const after = (await server.gql<Info>(INFO, {}, { token })).data!.oidcProvider.signingKeys;
    expect(after).toHaveLength(4);
    // Current keys first: the two the rotation returned.
    expect(
      after
        .slice(0, 2)
        .map((k) => k.kid)
        .sort(),
    ).toEqual([...rotated.data!.rotateOidcSigningKeys].sort());
    for (const old of after.slice(2)) {
      expect(before.map((k) => k.kid)).toContain(old.kid);
      expect(Date.parse(old.publishedUntil!) - Date.parse(old.retiredAt!)).toBe(2 * 86_400_000);
    }
  });

  it("is for superusers only", async () => {
    await createUser(server, token, {
      username: "plain",
      password: "plain-password-1",
      isActive: true,
    });
    const plain = await signIn(server, "plain", "plain-password-1");
    const r = await server.gql(INFO, {}, { token: plain.token });
    expect(errorCode(r)).toBe("FORBIDDEN");
    expect(r.data?.oidcProvider ?? null).toBeNull();
  });
});
