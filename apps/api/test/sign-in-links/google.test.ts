import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../helpers/fake-google.js";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server.js";
import {
  findUser,
  LOGIN_URL,
  REDEEM,
  REQUEST,
  sessionCookieFrom,
  settle,
  signInAdmin,
  TEAM_ENV,
  tokenOf,
} from "./support.js";

const GOOGLE = `mutation($t: String!) { googleSignIn(idToken: $t) {
  token user { id username email emailVerified isActive authMethods } } }`;

type GoogleResult = {
  googleSignIn: {
    token: string;
    user: {
      id: string;
      username: string;
      email: string;
      emailVerified: boolean;
      authMethods: string[];
    };
  };
};

describe("googleSignIn with ID tokens signed by a local key, verified by google-auth-library", () => {
  let google: FakeGoogle;
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    google = await startFakeGoogle();
    server = await startTestServer({
      ...TEAM_ENV,
      GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
      ...google.env(),
    });
    admin = await signInAdmin(server);
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  it("serverInfo advertises Google with the client id", async () => {
    const r = await server.gql<{
      serverInfo: { googleSignInEnabled: boolean; googleClientId: string };
    }>(`{ serverInfo { googleSignInEnabled googleClientId } }`);
    expect(r.data?.serverInfo).toEqual({
      googleSignInEnabled: true,
      googleClientId: google.clientId,
    });
  });

  it("a valid token creates a verified account and a session; the same subject signs in again", async () => {
    const idToken = google.idToken({ sub: "g-1", email: "Lin@Gmail.com", name: "Lin" });
    const r = await server.gql<GoogleResult>(GOOGLE, { t: idToken });
    expect(r.errors).toBeUndefined();
    const { user, token } = r.data!.googleSignIn;
    expect(user).toMatchObject({ email: "lin@gmail.com", emailVerified: true, username: "lin" });
    expect(user.authMethods).toEqual(["GOOGLE"]);
    expect(sessionCookieFrom(r.headers)).toBeDefined();
    const me = await server.gql<{ me: { id: string } }>(`{ me { id } }`, {}, { token });
    expect(me.data?.me?.id).toBe(user.id);

    // Google may change the email; the subject is what identifies the person.
    const again = await server.gql<GoogleResult>(GOOGLE, {
      t: google.idToken({ sub: "g-1", email: "lin.new@example.com" }),
    });
    expect(again.data?.googleSignIn.user.id).toBe(user.id);
  });

  it("links to the existing account with the same verified Gmail address", async () => {
    await server.gql(REQUEST, { email: "mo@gmail.com" });
    await settle(server);
    const existing = await findUser(server, admin, "mo@gmail.com");
    expect(existing?.emailVerified).toBe(false);
    const link = await server.gql<{ emailLoginUrl: { url: string } }>(
      LOGIN_URL,
      { id: existing!.id },
      { token: admin },
    );
    await server.gql(REDEEM, { token: tokenOf(link.data!.emailLoginUrl.url) });

    const r = await server.gql<GoogleResult>(GOOGLE, {
      t: google.idToken({ sub: "g-mo", email: "MO@gmail.com" }),
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.googleSignIn.user.id).toBe(existing!.id);
    expect([...r.data!.googleSignIn.user.authMethods].sort()).toEqual(["GOOGLE", "MAGIC_LINK"]);

    // A different Google account claiming the same email cannot take it over.
    const other = await server.gql(GOOGLE, {
      t: google.idToken({ sub: "g-intruder", email: "mo@gmail.com" }),
    });
    expect(errorCode(other)).toBe("UNAUTHENTICATED");
    expect(other.errors?.[0]?.extensions?.reason).toBe("ACCOUNT_LINKED_ELSEWHERE");
  });

  const cases: [string, () => string, string][] = [
    [
      "wrong audience",
      () => google.idToken({ aud: "someone-else.apps.googleusercontent.com" }),
      "WRONG_AUDIENCE",
    ],
    [
      "expired",
      () =>
        google.idToken({
          iat: Math.floor(Date.now() / 1000) - 7200,
          exp: Math.floor(Date.now() / 1000) - 3600,
        }),
      "EXPIRED",
    ],
    [
      "unverified email",
      () =>
        google.idToken({
          sub: "g-unverified",
          email: "unverified@example.com",
          email_verified: false,
        }),
      "EMAIL_NOT_VERIFIED",
    ],
    ["bad signature", () => google.idTokenSignedByStranger({ sub: "g-forged" }), "BAD_SIGNATURE"],
    ["wrong issuer", () => google.idToken({ iss: "https://evil.example.com" }), "WRONG_ISSUER"],
    ["garbage", () => "not.a.jwt", "MALFORMED_TOKEN"],
  ];
  it.each(cases)(
    "refuses a token with %s: UNAUTHENTICATED, reason %s",
    async (_name, make, reason) => {
      const idToken = make();
      const r = await server.gql(GOOGLE, { t: idToken });
      expect(errorCode(r)).toBe("UNAUTHENTICATED");
      expect(r.errors?.[0]?.extensions?.reason).toBe(reason);
      expect(JSON.stringify(r.errors)).not.toContain(idToken);
      expect(sessionCookieFrom(r.headers)).toBeUndefined();
    },
  );

  it("nothing was created for refused tokens", async () => {
    expect(await findUser(server, admin, "unverified@example.com")).toBeUndefined();
  });
});

describe("googleSignIn when NEW_USER_IS_ACTIVE=false, and when Google is off", () => {
  let google: FakeGoogle;
  let server: TestServer;
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  it("a new Google account exists but waits for an admin (ACCOUNT_INACTIVE)", async () => {
    google = await startFakeGoogle();
    server = await startTestServer({ ...TEAM_ENV, ...google.env() });
    const admin = await signInAdmin(server);
    const r = await server.gql(GOOGLE, {
      t: google.idToken({ sub: "g-wait", email: "wait@gmail.com" }),
    });
    expect(errorCode(r)).toBe("ACCOUNT_INACTIVE");
    expect(sessionCookieFrom(r.headers)).toBeUndefined();
    const user = await findUser(server, admin, "wait@gmail.com");
    expect(user).toMatchObject({ isActive: false, emailVerified: true });
    // Starts its own server: PGlite start-up alone takes seconds on a busy machine.
  }, 120_000);

  it("without GOOGLE_CLIENT_ID: FEATURE_DISABLED and serverInfo.googleSignInEnabled false", async () => {
    const off = await startTestServer(TEAM_ENV);
    try {
      const info = await off.gql<{
        serverInfo: { googleSignInEnabled: boolean; googleClientId: null };
      }>(`{ serverInfo { googleSignInEnabled googleClientId } }`);
      expect(info.data?.serverInfo).toEqual({ googleSignInEnabled: false, googleClientId: null });
      const r = await off.gql(GOOGLE, { t: "anything" });
      expect(errorCode(r)).toBe("FEATURE_DISABLED");
      expect(r.errors?.[0]?.message).toMatch(/GOOGLE_CLIENT_ID/);
      const start = await fetch(`${off.url}/auth/google/start`, { redirect: "manual" });
      expect(start.status).toBe(302);
      expect(start.headers.get("location")).toBe("/login?error=google_disabled");
    } finally {
      await off.close();
    }
    // Starts its own server: PGlite start-up alone takes seconds on a busy machine.
  }, 120_000);
});
