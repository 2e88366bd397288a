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

const REQUEST_CHANGE = `mutation($e: String!) { requestEmailChange(email: $e) }`;
const CONFIRM = `mutation($t: String!) { confirmEmailChange(token: $t) }`;
const ME = `{ me { id email emailVerified } }`;
const INVITE = `mutation($input: InviteUserInput!, $send: Boolean) {
  inviteUser(input: $input, sendEmail: $send) {
    emailed user { id username email hasPassword isActive } loginUrl { url warning } } }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id hasPassword } }`;

type Invite = {
  inviteUser: {
    emailed: boolean;
    user: { id: string; hasPassword: boolean; isActive: boolean };
    loginUrl: { url: string; warning: string | null } | null;
  };
};

function confirmTokenIn(text: string): string {
  const m = /https?:\/\/\S+\/auth\/confirm-email\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!m?.[1]) throw new Error("no confirmation link in the mail");
  return m[1];
}

describe("own email change and invitations, with Resend", () => {
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
  });
  afterAll(async () => {
    await server?.close();
    await resend?.close();
  });

  it("a new email takes effect only through the link sent to it", async () => {
    await createUser(server, admin, {
      username: "ada",
      password: "correct-horse-9",
      email: "ada@example.com",
      isActive: true,
    });
    await createUser(server, admin, {
      username: "bob",
      password: "correct-horse-9",
      email: "bob@example.com",
      isActive: true,
    });
    const ada = await signIn(server, "ada", "correct-horse-9");
    const r = await server.gql(REQUEST_CHANGE, { e: "Ada@New.Example" }, { token: ada.token });
    expect(r.errors).toBeUndefined();
    await server.app.services.background.idle();
    const [mail] = await resend.waitForMessages(1);
    expect(mail!.to).toEqual(["ada@new.example"]);
    expect(mail!.subject).toBe("Confirm your new email for Acme");
    const me = await server.gql<{ me: { email: string } }>(ME, {}, { token: ada.token });
    expect(me.data?.me.email).toBe("ada@example.com");

    const token = confirmTokenIn(mail!.text);
    const ok = await server.gql(CONFIRM, { t: token });
    expect(ok.data).toEqual({ confirmEmailChange: true });
    const after = await server.gql<{ me: { email: string; emailVerified: boolean } }>(
      ME,
      {},
      {
        token: ada.token,
      },
    );
    expect(after.data?.me).toMatchObject({ email: "ada@new.example", emailVerified: true });
    expect(errorCode(await server.gql(CONFIRM, { t: token }))).toBe("INVALID_LINK");

    // An address another account holds by the time of the click: refused, nothing changes.
    await server.gql(REQUEST_CHANGE, { e: "carol@example.com" }, { token: ada.token });
    await server.app.services.background.idle();
    const [, second] = await resend.waitForMessages(2);
    const bob = (await server.app.services.users.findByUsername("bob"))!;
    await server.gql(
      `mutation($id: ID!) { updateUser(userId: $id, input: { email: "carol@example.com" }) { id } }`,
      { id: bob.id },
      { token: admin },
    );
    const clash = await server.gql(CONFIRM, { t: confirmTokenIn(second!.text) });
    expect(errorCode(clash)).toBe("CONFLICT");
    const still = await server.gql<{ me: { email: string } }>(ME, {}, { token: ada.token });
    expect(still.data?.me.email).toBe("ada@new.example");
    const unauth = await server.gql(REQUEST_CHANGE, { e: "x@example.com" });
    expect(errorCode(unauth)).toBe("UNAUTHENTICATED");
  });

  it("creates a user without a password (email required) and invites by mail", async () => {
    const noEmail = await server.gql(INVITE, { input: { username: "nomail" } }, { token: admin });
    expect(errorCode(noEmail)).toBe("BAD_USER_INPUT");
    // createUser keeps the contract's required password.
    const noPassword = await server.gql(
      CREATE,
      { input: { username: "nopw", email: "nopw@example.com" } },
      { token: admin },
    );
    expect(errorCode(noPassword)).toBe("BAD_USER_INPUT");
    const created = await server.gql<Invite>(
      INVITE,
      { input: { username: "linkonly", email: "linkonly@example.com", isActive: true } },
      { token: admin },
    );
    expect(created.data?.inviteUser.user.hasPassword).toBe(false);

    const before = resend.messages.length;
    const sent = await server.gql<Invite>(
      INVITE,
      { input: { username: "newbie", email: "newbie@example.com", isActive: true }, send: true },
      { token: admin },
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.inviteUser).toMatchObject({ emailed: true, loginUrl: null });
    const [mail] = (await resend.waitForMessages(before + 1)).slice(before);
    expect(mail!.to).toEqual(["newbie@example.com"]);
    expect(mail!.subject).toBe("You are invited to Acme");
    const redeemed = await server.gql(REDEEM, { token: tokenOf(resend.linkIn(mail!)) });
    expect(redeemed.errors).toBeUndefined();
  });

  it("create and get login URL: a pending user's link is not burnt by an early click, and the admin is warned", async () => {
    const r = await server.gql<Invite>(
      INVITE,
      { input: { username: "pending", email: "pending@example.com", isActive: false } },
      { token: admin },
    );
    expect(r.errors).toBeUndefined();
    const { user, loginUrl, emailed } = r.data!.inviteUser;
    expect(emailed).toBe(false);
    expect(user.hasPassword).toBe(false);
    expect(loginUrl?.warning).toMatch(/not active/);
    const token = tokenOf(loginUrl!.url);
    expect(errorCode(await server.gql(REDEEM, { token }))).toBe("ACCOUNT_INACTIVE");
    await server.gql(
      `mutation($id: ID!) { setActive(userId: $id, active: true) { id } }`,
      { id: user.id },
      { token: admin },
    );
    const ok = await server.gql(REDEEM, { token });
    expect(ok.errors).toBeUndefined();
    const again = await server.gql<{ emailLoginUrl: { warning: string | null } }>(
      `mutation($id: ID!) { emailLoginUrl(userId: $id) { url warning } }`,
      { id: user.id },
      { token: admin },
    );
    expect(again.data?.emailLoginUrl.warning).toBeNull();
  });
});

describe("own email change without a mail provider", () => {
  it("explains that an admin sets the email", async () => {
    const server = await startAuthenticatedServer();
    try {
      const admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
      const r = await server.gql(REQUEST_CHANGE, { e: "me@example.com" }, { token: admin });
      expect(errorCode(r)).toBe("FEATURE_DISABLED");
      expect(r.errors?.[0]?.message).toMatch(/ask an administrator/);
      const send = await server.gql(
        INVITE,
        { input: { username: "x1", email: "x1@example.com" }, send: true },
        { token: admin },
      );
      expect(errorCode(send)).toBe("FEATURE_DISABLED");
    } finally {
      await server.close();
    }
  });
});
