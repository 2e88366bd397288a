import { expect } from "vitest";
import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from "../helpers/test-server.js";

export const ADMIN = { username: "admin", password: "admin-password-1" };

/** A server with auto-login off and an env superuser, as a production install would run. */
export function startAuthenticatedServer(
  env: Record<string, string> = {},
  opts: TestServerOptions = {},
): Promise<TestServer> {
  return startTestServer(
    {
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: ADMIN.username,
      GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
      ...env,
    },
    opts,
  );
}

export const SIGN_IN = `mutation($u: String!, $p: String!) {
  signIn(username: $u, password: $p) {
    token expiresAt user { id username isSuperuser isActive authMethods lastLoginAt }
  }
}`;

export interface SignedIn {
  token: string;
  userId: string;
  expiresAt: string;
  setCookie: string | null;
}

/** Signs in and fails the test if that does not work. */
export async function signIn(
  server: TestServer,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<SignedIn> {
  const r = await server.gql<{
    signIn: { token: string; expiresAt: string; user: { id: string } };
  }>(SIGN_IN, { u: username, p: password }, { headers });
  expect(r.errors).toBeUndefined();
  const p = r.data?.signIn;
  if (!p) throw new Error("signIn returned no payload");
  return {
    token: p.token,
    userId: p.user.id,
    expiresAt: p.expiresAt,
    setCookie: r.headers.get("set-cookie"),
  };
}

export const CREATE_USER = `mutation($input: CreateUserInput!) {
  createUser(input: $input) { id username email isActive isSuperuser emailVerified authMethods }
}`;

/** Creates a user through the API as `token`'s owner and returns its id. */
export async function createUser(
  server: TestServer,
  token: string,
  input: Record<string, unknown>,
): Promise<string> {
  const r = await server.gql<{ createUser: { id: string } }>(CREATE_USER, { input }, { token });
  expect(r.errors).toBeUndefined();
  const id = r.data?.createUser.id;
  if (!id) throw new Error("createUser returned no id");
  return id;
}
