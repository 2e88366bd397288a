import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../accounts/accounts-helpers.js";
import { type FakeGoogle, startFakeGoogle } from "../helpers/fake-google.js";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server.js";
import {
  asClient,
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

const GOOGLE = `mutation($t: String!) { googleSignIn(idToken: $t) { token user { id } } }`;
const USER = `query($id: ID!) { user(id: $id) { id googleLinked authMethods } }`;
const AUDIT = `query($action: String, $target: ID) { auditLog(action: $action, targetId: $target) {
  edges { node { action actorId targetId detail } } } }`;

function cookiesFrom(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return jar;
}
const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Issue 12, item 3: Google may not take over accounts by email; owners link it themselves. */
describe("Google: linking by email only where Google vouches, and from My account", () => {
  let google: FakeGoogle;
  let server: TestServer;
  let admin: string;
  let ip = 0;
  const client = () => asClient(`192.0.2.${++ip}`);

  beforeAll(async () => {
    google = await startFakeGoogle();
    server = await startTestServer({
      ...TEAM_ENV,
      GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
      GATEHOUSE_TRUST_PROXY: "true",
      ...google.env(),
    });
    admin = await signInAdmin(server);
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  /** An account whose email its owner proved by redeeming a link. */
  async function verifiedAccount(email: string): Promise<{ id: string; session: string }> {
    await server.gql(REQUEST, { email }, client());
    await settle(server);
    const user = await findUser(server, admin, email);
    const link = await server.gql<{ emailLoginUrl: { url: string } }>(
      LOGIN_URL,
      { id: user!.id },
      { token: admin },
    );
    const r = await server.gql<{ redeemLink: { token: string } }>(REDEEM, {
      token: tokenOf(link.data!.emailLoginUrl.url),
    });
    expect(r.errors).toBeUndefined();
    return { id: user!.id, session: r.data!.redeemLink.token };
  }

  async function linked(id: string): Promise<boolean> {
    const r = await server.gql<{ user: { googleLinked: boolean } }>(USER, { id }, { token: admin });
    return r.data!.user.googleLinked;
  }

  async function audit(action: string, target: string) {
    const r = await server.gql<{
      auditLog: { edges: { node: { actorId: string | null; detail: string } }[] };
    }>(AUDIT, { action, target }, { token: admin });
    return r.data!.auditLog.edges.map((e) => e.node);
  }

  it("never links a superuser's account by email, even a verified Gmail one", async () => {
    const sam = await verifiedAccount("sam@gmail.com");
    const promoted = await server.gql(
      `mutation($id: ID!) { setSuperuser(userId: $id, superuser: true) { id } }`,
      { id: sam.id },
      { token: admin },
    );
    expect(promoted.errors).toBeUndefined();
    const r = await server.gql(GOOGLE, {
      t: google.idToken({ sub: "g-sam", email: "sam@gmail.com" }),
    });
    expect(errorCode(r)).toBe("LINK_REQUIRED");
    expect(r.errors?.[0]?.message).toBe(
      "An account with this email exists. Sign in the usual way, then link Google from My account.",
    );
    expect(sessionCookieFrom(r.headers)).toBeUndefined();
    expect(await linked(sam.id)).toBe(false);
    expect(await audit("google.link_refused", sam.id)).toHaveLength(1);
  });

  it("never links an account whose email was never verified", async () => {
    await server.gql(REQUEST, { email: "una@gmail.com" }, client());
    await settle(server);
    const una = await findUser(server, admin, "una@gmail.com");
    expect(una?.emailVerified).toBe(false);
    const r = await server.gql(GOOGLE, {
      t: google.idToken({ sub: "g-una", email: "una@gmail.com" }),
    });
    expect(errorCode(r)).toBe("LINK_REQUIRED");
    expect(await linked(una!.id)).toBe(false);
  });

  it("links a verified account only when Google manages the address (Gmail, or the hd domain)", async () => {
    const vic = await verifiedAccount("vic@corp.example");
    // Any Google account can carry a "verified" corp.example address; that proves nothing today.
    const plain = await server.gql(GOOGLE, {
      t: google.idToken({ sub: "g-vic", email: "vic@corp.example" }),
    });
    expect(errorCode(plain)).toBe("LINK_REQUIRED");
    const otherDomain = await server.gql(GOOGLE, {
      t: google.idToken({ sub: "g-vic", email: "vic@corp.example", hd: "elsewhere.example" }),
    });
    expect(errorCode(otherDomain)).toBe("LINK_REQUIRED");
    expect(await linked(vic.id)).toBe(false);

    const workspace = await server.gql<{ googleSignIn: { user: { id: string } } }>(GOOGLE, {
      t: google.idToken({ sub: "g-vic", email: "vic@corp.example", hd: "corp.example" }),
    });
    expect(workspace.errors).toBeUndefined();
    expect(workspace.data!.googleSignIn.user.id).toBe(vic.id);
    expect(await linked(vic.id)).toBe(true);
    expect(await audit("google.linked", vic.id)).toHaveLength(1);

    const gil = await verifiedAccount("gil@gmail.com");
    const gmail = await server.gql<{ googleSignIn: { user: { id: string } } }>(GOOGLE, {
      t: google.idToken({ sub: "g-gil", email: "gil@gmail.com" }),
    });
    expect(gmail.data?.googleSignIn.user.id).toBe(gil.id);
  });

  it("a Google account that pre-registers someone else's address loses it to the mailbox owner", async () => {
    // A stranger's Google account carries pre@corp.example (Google does not run corp.example).
    const early = await server.gql<{ googleSignIn: { token: string; user: { id: string } } }>(
      GOOGLE,
      { t: google.idToken({ sub: "g-pre", email: "pre@corp.example" }) },
    );
    expect(early.errors).toBeUndefined();
    const id = early.data!.googleSignIn.user.id;
    expect((await findUser(server, admin, "pre@corp.example"))?.emailVerified).toBe(false);
    // The real owner proves the mailbox with a link.
    const link = await server.gql<{ emailLoginUrl: { url: string } }>(
      LOGIN_URL,
      { id },
      { token: admin },
    );
    const owner = await server.gql(REDEEM, { token: tokenOf(link.data!.emailLoginUrl.url) });
    expect(owner.errors).toBeUndefined();
    expect(await linked(id)).toBe(false);
    expect(await audit("google.unlinked", id)).toHaveLength(1);
    const stale = await server.gql<{ me: { id: string } | null }>(
      "{ me { id } }",
      {},
      { token: early.data!.googleSignIn.token },
    );
    expect(stale.data?.me ?? null).toBeNull();
    // And that Google account cannot come back in by email.
    const again = await server.gql(GOOGLE, {
      t: google.idToken({ sub: "g-pre", email: "pre@corp.example" }),
    });
    expect(errorCode(again)).toBe("LINK_REQUIRED");
  });

  /** Runs /start (or the link mutation's URL) through the fake consent screen to the callback. */
  async function consent(authorizeUrl: string, user: FakeGoogle["nextUser"]): Promise<URL> {
    google.nextUser = user;
    const r = await fetch(authorizeUrl, { redirect: "manual" });
    expect(r.status).toBe(302);
    return new URL(r.headers.get("location")!);
  }

  it("the redirect flow sends a LINK_REQUIRED sign-in to the login page with its own error", async () => {
    await verifiedAccount("rae@corp.example");
    const start = await fetch(`${server.url}/auth/google/start`, {
      redirect: "manual",
      headers: client().headers,
    });
    const callback = await consent(start.headers.get("location")!, {
      sub: "g-rae",
      email: "rae@corp.example",
    });
    const done = await fetch(callback, {
      redirect: "manual",
      headers: { cookie: header(cookiesFrom(start)) },
    });
    expect(done.headers.get("location")).toBe("/login?error=google_link_required");
    expect(cookiesFrom(done).get("gatehouse_session")).toBeUndefined();
  });

  /** My account → Link Google, in `session`'s browser; returns where the callback sent it. */
  async function linkFromAccount(
    session: string,
    user: FakeGoogle["nextUser"],
    finishWith = session,
  ): Promise<string> {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `gatehouse_session=${session}` },
      body: JSON.stringify({ query: "mutation { startGoogleLink { url } }" }),
    });
    const body = (await res.json()) as { data: { startGoogleLink: { url: string } } };
    const jar = cookiesFrom(res);
    expect(jar.get("gatehouse_google_flow")).toBeDefined();
    const callback = await consent(body.data.startGoogleLink.url, user);
    jar.set("gatehouse_session", finishWith);
    const done = await fetch(callback, { redirect: "manual", headers: { cookie: header(jar) } });
    expect(done.status).toBe(302);
    return done.headers.get("location")!;
  }

  it("My account → Link Google links that Google account to the signed-in user, audited", async () => {
    const patId = await createUser(server, admin, {
      username: "pat",
      password: "pat-password-1",
      email: "pat@corp.example",
      isActive: true,
    });
    const pat = await server.gql<{ signIn: { token: string } }>(
      `mutation { signIn(username: "pat", password: "pat-password-1") { token } }`,
    );
    const where = await linkFromAccount(pat.data!.signIn.token, {
      sub: "g-pat",
      email: "pat.home@gmail.com",
    });
    expect(where).toBe("/account?google=linked");
    expect(await linked(patId)).toBe(true);
    const events = await audit("google.linked", patId);
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(patId);
    // From now on that Google account signs in as pat.
    const r = await server.gql<{ googleSignIn: { user: { id: string } } }>(GOOGLE, {
      t: google.idToken({ sub: "g-pat", email: "pat.home@gmail.com" }),
    });
    expect(r.data?.googleSignIn.user.id).toBe(patId);

    // Someone else cannot link the Google account that is pat's.
    const quinId = await createUser(server, admin, {
      username: "quin",
      password: "quin-password-1",
      isActive: true,
    });
    const quin = await server.gql<{ signIn: { token: string } }>(
      `mutation { signIn(username: "quin", password: "quin-password-1") { token } }`,
    );
    const taken = await linkFromAccount(quin.data!.signIn.token, {
      sub: "g-pat",
      email: "pat.home@gmail.com",
    });
    expect(taken).toBe("/account?google=subject_taken");
    expect(await linked(quinId)).toBe(false);
    expect(await audit("google.link_refused", quinId)).toHaveLength(1);

    // A link started in pat's session cannot be finished in quin's.
    const crossed = await linkFromAccount(
      pat.data!.signIn.token,
      { sub: "g-cross", email: "cross@gmail.com" },
      quin.data!.signIn.token,
    );
    expect(crossed).toBe("/account?google=session_changed");
    expect(await linked(quinId)).toBe(false);

    // Unlinking is the owner's choice too, and audited.
    const un = await server.gql<{ unlinkGoogle: { googleLinked: boolean } }>(
      "mutation { unlinkGoogle { googleLinked } }",
      {},
      { token: pat.data!.signIn.token },
    );
    expect(un.data?.unlinkGoogle.googleLinked).toBe(false);
    expect(await audit("google.unlinked", patId)).toHaveLength(1);
  });
});
