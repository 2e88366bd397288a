import { expect } from "vitest";
import { type GqlOptions, type TestServer } from "../helpers/test-server.js";

export const ADMIN = { username: "admin", password: "admin-password-1" };

/** Authenticated mode with an env superuser: what a team deployment looks like. */
export const TEAM_ENV: Record<string, string> = {
  GATEHOUSE_AUTO_LOGIN: "false",
  GATEHOUSE_SUPERUSER: ADMIN.username,
  GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
  GATEHOUSE_APP_NAME: "Acme Assistant",
};

export const REQUEST = `mutation($email: String!) { requestMagicLink(email: $email) { accepted } }`;
export const REDEEM = `mutation($token: String!) {
  redeemLink(token: $token) { token expiresAt user { id username email emailVerified isActive authMethods } }
}`;
export const PREVIEW = `query($token: String!) { magicLinkPreview(token: $token) { appName email username expiresAt } }`;
export const ME = `{ me { id username email emailVerified authMethods lastLoginAt } }`;
export const LOGIN_URL = `mutation($id: ID!) { emailLoginUrl(userId: $id) { url expiresAt } }`;
export const LATEST = `query($id: ID!) { user(id: $id) { id latestMagicLink {
  delivery deliveryError deliveryAttempts origin usedAt superseded expiresAt } } }`;
export const USERS = `query($search: String) { users(search: $search) { totalCount edges { node {
  id username email emailVerified isActive isSuperuser authMethods } } } }`;

export async function signInAdmin(server: TestServer): Promise<string> {
  const r = await server.gql<{ signIn: { token: string } }>(
    `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`,
    { u: ADMIN.username, p: ADMIN.password },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.signIn.token;
}

/** Waits for the work requestMagicLink left for after its response (account, link, mail). */
export function settle(server: TestServer): Promise<void> {
  return server.app.services.background.idle();
}

export function tokenOf(url: string): string {
  const token = new URL(url).searchParams.get("token");
  if (!token) throw new Error("no token in the link");
  return token;
}

export interface UserRow {
  id: string;
  username: string;
  email: string | null;
  emailVerified: boolean;
  isActive: boolean;
  isSuperuser: boolean;
  authMethods: string[];
}

export async function findUser(
  server: TestServer,
  adminToken: string,
  email: string,
): Promise<UserRow | undefined> {
  const r = await server.gql<{ users: { edges: { node: UserRow }[] } }>(
    USERS,
    { search: email },
    { token: adminToken },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.users.edges.map((e) => e.node).find((u) => u.email === email);
}

/** The session cookie a response set, ready to send back. */
export function sessionCookieFrom(headers: Headers): string | undefined {
  const cookie = headers.getSetCookie().find((c) => c.startsWith("gatehouse_session="));
  return cookie?.split(";")[0];
}

export const asClient = (ip: string): GqlOptions => ({ headers: { "x-forwarded-for": ip } });
