import { expect } from "vitest";
import { startTestServer } from "../helpers/test-server.js";
export const ADMIN = { username: "admin", password: "admin-password-1" };
/** A server with auto-login off and an env superuser, as a production install would run. */
export function startAuthenticatedServer(env = {}, opts = {}) {
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
/** Signs in and fails the test if that does not work. */
export async function signIn(server, username, password, headers = {}) {
  const r = await server.gql(SIGN_IN, { u: username, p: password }, { headers });
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
export async function createUser(server, token, input) {
  const r = await server.gql(CREATE_USER, { input }, { token });
  expect(r.errors).toBeUndefined();
  const id = r.data?.createUser.id;
  if (!id) throw new Error("createUser returned no id");
  return id;
}
//# sourceMappingURL=accounts-helpers.js.map
