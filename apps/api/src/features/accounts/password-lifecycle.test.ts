import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  createUser,
  signIn,
  startAuthenticatedServer,
} from "../../../test/accounts/accounts-helpers.js";
import { type FakeResend, startFakeResend } from "../../../test/helpers/fake-resend.js";
import { errorCode, type TestServer } from "../../../test/helpers/test-server.js";
import { REDEEM, tokenOf } from "../../../test/sign-in-links/support.js";

const PREVIEW_RESET = `query($token: String!) { magicLinkPreview(token: $token) { username passwordReset } }`;
const CHANGE = `mutation($c: String!, $n: String!, $out: Boolean) {
  changePassword(currentPassword: $c, newPassword: $n, signOutOtherSessions: $out) { id hasPassword } }`;
const SET_NEW = `mutation($n: String!, $out: Boolean) {
  setNewPassword(newPassword: $n, signOutOtherSessions: $out) { id hasPassword } }`;
const FORGOT = `mutation($login: String!) { requestPasswordReset(login: $login) { accepted } }`;
const ME = `{ me { id } }`;

describe("passwords: change my own, forgot password (Resend), set a new one after a link", () => {
  let resend: FakeResend;
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    resend = await startFakeResend();
    server = await startAuthenticatedServer(
      {
        RESEND_API_KEY: resend.apiKey,
        RESEND_FROM: "Acme <auth@acme.test>",
        RESEND_BASE_URL: resend.url,
        GATEHOUSE_APP_NAME: "Acme",
      },
      { overrides: { mailRetry: { attempts: 2, baseDelayMs: 20, timeoutMs: 1_500 } } },
    );
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
    await createUser(server, admin, {
      username: "ada",
      password: "correct-horse-9",
      email: "ada@example.com",
      isActive: true,
    });
  });
  afterAll(async () => {
    await server?.close();
    await resend?.close();
  });

  it("change: needs the current password, keeps other sessions unless asked", async () => {
    const a = await signIn(server, "ada", "correct-horse-9");
    const b = await signIn(server, "ada", "correct-horse-9");
    const wrong = await server.gql(
      CHANGE,
      { c: "not-my-password", n: "battery-staple-7" },
      { token: a.token },
    );
    expect(errorCode(wrong)).toBe("BAD_USER_INPUT");
    expect(wrong.errors?.[0]?.extensions?.field).toBe("password");
    const weak = await server.gql(
      CHANGE,
      { c: "correct-horse-9", n: "password" },
      { token: a.token },
    );
    expect(errorCode(weak)).toBe("BAD_USER_INPUT");

    const ok = await server.gql(
      CHANGE,
      { c: "correct-horse-9", n: "battery-staple-7" },
      { token: a.token },
    );
    expect(ok.errors).toBeUndefined();
    expect(
      (await server.gql<{ me: { id: string } | null }>(ME, {}, { token: b.token })).data?.me,
    ).not.toBeNull();
    await signIn(server, "ada", "battery-staple-7");

    const out = await server.gql(
      CHANGE,
      { c: "battery-staple-7", n: "correct-horse-9", out: true },
      { token: a.token },
    );
    expect(out.errors).toBeUndefined();
    expect((await server.gql<{ me: null }>(ME, {}, { token: b.token })).data?.me).toBeNull();
    expect(
      (await server.gql<{ me: { id: string } }>(ME, {}, { token: a.token })).data?.me,
    ).not.toBeNull();
  });

  it("change: wrong current passwords count against the sign-in limits", async () => {
    const a = await signIn(server, "ada", "correct-horse-9");
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(
        errorCode(
          await server.gql(CHANGE, { c: `guess-${i}`, n: "battery-staple-7" }, { token: a.token }),
        ),
      );
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill("BAD_USER_INPUT"));
    expect(codes[5]).toBe("RATE_LIMITED");
    await server.app.services.signInThrottle.unlock(a.userId);
  });

  it("forgot password: same answer for unknown logins, a reset link by mail, then a new password", async () => {
    const other = await signIn(server, "ada", "correct-horse-9");
    const unknown = await server.gql(FORGOT, { login: "nobody@example.com" });
    const known = await server.gql(FORGOT, { login: "ADA" });
    expect(unknown.data).toEqual(known.data);
    expect(known.data).toEqual({ requestPasswordReset: { accepted: true } });
    await server.app.services.background.idle();
    const [mail] = await resend.waitForMessages(1);
    expect(resend.messages).toHaveLength(1);
    expect(mail!.to).toEqual(["ada@example.com"]);
    expect(mail!.subject).toBe("Reset your password for Acme");
    const token = tokenOf(resend.linkIn(mail!));

    const preview = await server.gql<{ magicLinkPreview: { passwordReset: boolean } }>(
      PREVIEW_RESET,
      { token },
    );
    expect(preview.data?.magicLinkPreview.passwordReset).toBe(true);
    const redeemed = await server.gql<{ redeemLink: { token: string } }>(REDEEM, { token });
    expect(redeemed.errors).toBeUndefined();
    const session = redeemed.data!.redeemLink.token;
    const set = await server.gql(SET_NEW, { n: "new-horse-battery-3" }, { token: session });
    expect(set.errors).toBeUndefined();
    await signIn(server, "ada", "new-horse-battery-3");
    // Not asked to: the other session lives on.
    expect(
      (await server.gql<{ me: { id: string } }>(ME, {}, { token: other.token })).data?.me,
    ).not.toBeNull();
    const withOut = await server.gql(
      SET_NEW,
      { n: "correct-horse-9", out: true },
      { token: session },
    );
    expect(withOut.errors).toBeUndefined();
    expect((await server.gql<{ me: null }>(ME, {}, { token: other.token })).data?.me).toBeNull();
  });

  it("forgot password is rate limited like requestMagicLink", async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(errorCode(await server.gql(FORGOT, { login: "limit@example.com" })));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill(undefined));
    expect(codes[5]).toBe("RATE_LIMITED");
  });

  it("an admin-fetched link also lets the user set a new password (no reset flag)", async () => {
    const ada = (await server.app.services.users.findByUsername("ada"))!;
    const r = await server.gql<{ emailLoginUrl: { url: string } }>(
      `mutation($id: ID!) { emailLoginUrl(userId: $id) { url warning } }`,
      { id: ada.id },
      { token: admin },
    );
    const token = tokenOf(r.data!.emailLoginUrl.url);
    const preview = await server.gql<{ magicLinkPreview: { passwordReset: boolean } }>(
      PREVIEW_RESET,
      { token },
    );
    expect(preview.data?.magicLinkPreview.passwordReset).toBe(false);
    const session = (await server.gql<{ redeemLink: { token: string } }>(REDEEM, { token })).data!
      .redeemLink.token;
    const set = await server.gql(SET_NEW, { n: "via-admin-link-5" }, { token: session });
    expect(set.errors).toBeUndefined();
    await signIn(server, "ada", "via-admin-link-5");
  });
});

describe("forgot password without a mail provider", () => {
  it("says an admin hands out links instead (the same for every login)", async () => {
    const server = await startAuthenticatedServer();
    try {
      const r = await server.gql(FORGOT, { login: "admin" });
      expect(errorCode(r)).toBe("FEATURE_DISABLED");
      expect(r.errors?.[0]?.message).toMatch(/Get email login URL/);
      const unknown = await server.gql(FORGOT, { login: "nobody" });
      expect(unknown.errors?.[0]?.message).toBe(r.errors?.[0]?.message);
    } finally {
      await server.close();
    }
  });
});
