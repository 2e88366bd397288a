import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeResend, startFakeResend } from "../helpers/fake-resend.js";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server.js";
import {
  findUser,
  LATEST,
  ME,
  PREVIEW,
  REDEEM,
  REQUEST,
  sessionCookieFrom,
  settle,
  signInAdmin,
  TEAM_ENV,
  tokenOf,
} from "./support.js";

describe("magic links emailed through Resend (real SDK, local fake of POST /emails)", () => {
  let resend: FakeResend;
  let server: TestServer;
  let admin: string;

  beforeAll(async () => {
    resend = await startFakeResend();
    server = await startTestServer(
      {
        ...TEAM_ENV,
        GATEHOUSE_NEW_USER_IS_ACTIVE: "true",
        RESEND_API_KEY: resend.apiKey,
        RESEND_FROM: "Acme <auth@acme.test>",
        RESEND_BASE_URL: resend.url,
      },
      { overrides: { mailRetry: { attempts: 3, baseDelayMs: 20, timeoutMs: 1_500 } } },
    );
    admin = await signInAdmin(server);
  });
  afterAll(async () => {
    await server?.close();
    await resend?.close();
  });

  it("mails a link that signs in once: request, mail, preview, redeem, session, reuse", async () => {
    const r = await server.gql(REQUEST, { email: "  Ada@Example.COM " });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ requestMagicLink: { accepted: true } });
    await settle(server);
    const [mail] = await resend.waitForMessages(1);
    expect(mail!.to).toEqual(["ada@example.com"]);
    expect(mail!.from).toBe("Acme <auth@acme.test>");
    expect(mail!.authorization).toBe(`Bearer ${resend.apiKey}`);
    expect(mail!.subject).toContain("Acme Assistant");
    expect(mail!.text).toMatch(/works once/);
    expect(mail!.text).toMatch(/expires in 15 minutes/);
    expect(mail!.html).toContain("Acme Assistant");
    expect(mail!.idempotencyKey).toMatch(/^magic-link-/);
    const link = resend.linkIn(mail!);
    expect(link.startsWith(`${server.config.publicUrl}/auth/magic?token=`)).toBe(true);
    const token = tokenOf(link);

    // Looking at the link (what the confirmation page does) does not use it up.
    for (let i = 0; i < 2; i++) {
      const p = await server.gql<{ magicLinkPreview: { email: string; appName: string } }>(
        PREVIEW,
        { token },
      );
      expect(p.data?.magicLinkPreview).toMatchObject({
        email: "ada@example.com",
        appName: "Acme Assistant",
      });
    }

    const redeemed = await server.gql<{
      redeemLink: {
        token: string;
        user: { emailVerified: boolean; authMethods: string[]; username: string };
      };
    }>(REDEEM, { token });
    expect(redeemed.errors).toBeUndefined();
    const payload = redeemed.data!.redeemLink;
    expect(payload.user.emailVerified).toBe(true);
    expect(payload.user.authMethods).toContain("MAGIC_LINK");
    expect(payload.user.username).toBe("ada");
    const cookie = sessionCookieFrom(redeemed.headers);
    expect(cookie).toBeDefined();
    expect(redeemed.headers.getSetCookie().join()).toMatch(/HttpOnly/);

    const viaBearer = await server.gql<{ me: { email: string } }>(ME, {}, { token: payload.token });
    expect(viaBearer.data?.me?.email).toBe("ada@example.com");
    const viaCookie = await server.gql<{ me: { email: string } }>(ME, {}, { cookie });
    expect(viaCookie.data?.me?.email).toBe("ada@example.com");

    const again = await server.gql(REDEEM, { token });
    expect(errorCode(again)).toBe("INVALID_LINK");
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(errorCode(await server.gql(PREVIEW, { token }))).toBe("INVALID_LINK");

    const user = await findUser(server, admin, "ada@example.com");
    const status = await server.gql<{ user: { latestMagicLink: Record<string, unknown> } }>(
      LATEST,
      { id: user!.id },
      { token: admin },
    );
    expect(status.data?.user.latestMagicLink).toMatchObject({
      delivery: "SENT",
      deliveryError: null,
      deliveryAttempts: 1,
      origin: "REQUEST",
    });
    expect(status.data?.user.latestMagicLink.usedAt).not.toBeNull();
  });

  it("answers before the mail is sent (a slow Resend does not slow the request)", async () => {
    resend.delayMs = 1_000;
    try {
      const before = resend.messages.length;
      const started = performance.now();
      const r = await server.gql(REQUEST, { email: "slow@example.com" });
      const took = performance.now() - started;
      expect(r.data).toEqual({ requestMagicLink: { accepted: true } });
      expect(took).toBeLessThan(700);
      expect(resend.messages.length).toBe(before);
      await settle(server);
      expect(resend.messages.length).toBe(before + 1);
    } finally {
      resend.delayMs = 0;
    }
  });

  it("Resend answering 500 every time: accepted anyway, retried, FAILED with the reason, admin link still works", async () => {
    const requestsBefore = resend.requests;
    resend.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    const r = await server.gql(REQUEST, { email: "grace@example.com" });
    expect(r.data).toEqual({ requestMagicLink: { accepted: true } });
    await settle(server);
    expect(resend.requests - requestsBefore).toBe(3);

    const user = await findUser(server, admin, "grace@example.com");
    const status = await server.gql<{ user: { latestMagicLink: Record<string, unknown> } }>(
      LATEST,
      { id: user!.id },
      { token: admin },
    );
    expect(status.data?.user.latestMagicLink).toMatchObject({
      delivery: "FAILED",
      deliveryAttempts: 3,
    });
    expect(String(status.data?.user.latestMagicLink.deliveryError)).toMatch(/HTTP 500/);

    const audit = await server.gql<{
      auditLog: { edges: { node: { action: string; detail: string } }[] };
    }>(
      `query($t: ID) { auditLog(first: 20, targetId: $t) { edges { node { action detail } } } }`,
      { t: user!.id },
      { token: admin },
    );
    const failed = audit.data?.auditLog.edges.find(
      (e) => e.node.action === "magic_link.delivery_failed",
    );
    expect(failed?.node.detail).toMatch(/HTTP 500/);

    const url = await server.gql<{ emailLoginUrl: { url: string } }>(
      `mutation($id: ID!) { emailLoginUrl(userId: $id) { url expiresAt } }`,
      { id: user!.id },
      { token: admin },
    );
    const redeemed = await server.gql(REDEEM, { token: tokenOf(url.data!.emailLoginUrl.url) });
    expect(redeemed.errors).toBeUndefined();
  });

  it("a transient 500 followed by success counts as SENT after two attempts", async () => {
    resend.enqueue({ status: 503 });
    await server.gql(REQUEST, { email: "retry@example.com" });
    await settle(server);
    const user = await findUser(server, admin, "retry@example.com");
    const status = await server.gql<{ user: { latestMagicLink: Record<string, unknown> } }>(
      LATEST,
      { id: user!.id },
      { token: admin },
    );
    expect(status.data?.user.latestMagicLink).toMatchObject({
      delivery: "SENT",
      deliveryAttempts: 2,
    });
  });

  it("a 4xx Resend rejects (bad sender, say) is not retried: FAILED after one attempt", async () => {
    const requestsBefore = resend.requests;
    resend.enqueue({
      status: 403,
      body: {
        statusCode: 403,
        name: "validation_error",
        message: "The acme.test domain is not verified.",
      },
    });
    await server.gql(REQUEST, { email: "domain@example.com" });
    await settle(server);
    expect(resend.requests - requestsBefore).toBe(1);
    const user = await findUser(server, admin, "domain@example.com");
    const status = await server.gql<{ user: { latestMagicLink: Record<string, unknown> } }>(
      LATEST,
      { id: user!.id },
      { token: admin },
    );
    expect(status.data?.user.latestMagicLink).toMatchObject({
      delivery: "FAILED",
      deliveryAttempts: 1,
    });
    expect(String(status.data?.user.latestMagicLink.deliveryError)).toMatch(
      /HTTP 403: The acme.test domain is not verified/,
    );
  });

  it("Resend timing out: accepted, FAILED with a timeout reason, admin link still works", async () => {
    resend.enqueue({ hang: true }, { hang: true }, { hang: true });
    const r = await server.gql(REQUEST, { email: "hopper@example.com" });
    expect(r.data).toEqual({ requestMagicLink: { accepted: true } });
    await settle(server);
    const user = await findUser(server, admin, "hopper@example.com");
    const status = await server.gql<{ user: { latestMagicLink: Record<string, unknown> } }>(
      LATEST,
      { id: user!.id },
      { token: admin },
    );
    expect(status.data?.user.latestMagicLink).toMatchObject({
      delivery: "FAILED",
      deliveryAttempts: 3,
    });
    expect(String(status.data?.user.latestMagicLink.deliveryError)).toMatch(/timed out/);
    const url = await server.gql<{ emailLoginUrl: { url: string } }>(
      `mutation($id: ID!) { emailLoginUrl(userId: $id) { url } }`,
      { id: user!.id },
      { token: admin },
    );
    expect(
      errorCode(await server.gql(REDEEM, { token: tokenOf(url.data!.emailLoginUrl.url) })),
    ).toBeUndefined();
  });
});
