import { expect } from "vitest";
import { ManualClock } from "../../src/clock.js";
import {
  ADMIN,
  createUser,
  signIn,
  startAuthenticatedServer,
} from "../accounts/accounts-helpers.js";
import type { TestServer } from "./test-server.js";

// Shared by the API-key tests: a team-mode server on a clock the test moves.

export const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    key apiKey { id name prefix userId username appIds groupIds expiresAt lastUsedAt createdAt }
  }
}`;
export const MY_KEYS = `{ myApiKeys { id name prefix lastUsedAt expiresAt } }`;
export const ALL_KEYS = `query($u: ID) { apiKeys(userId: $u) { id userId username name } }`;
export const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) }`;
export const ME = `{ me { id username isSuperuser isServiceAccount } }`;

export interface KeyEnv {
  server: TestServer;
  clock: ManualClock;
  adminToken: string;
  adminId: string;
}

export async function startKeyServer(): Promise<KeyEnv> {
  const clock = new ManualClock(Date.parse("2031-03-01T09:00:00Z"));
  const server = await startAuthenticatedServer({}, { overrides: { clock } });
  const admin = await signIn(server, ADMIN.username, ADMIN.password);
  return { server, clock, adminToken: admin.token, adminId: admin.userId };
}

/** A fresh ordinary user, signed in: its id and session token. */
export async function newPerson(
  env: KeyEnv,
  username: string,
): Promise<{ id: string; token: string; password: string }> {
  const password = `pw-${username}-Quartz9!`;
  const id = await createUser(env.server, env.adminToken, { username, password, isActive: true });
  const { token } = await signIn(env.server, username, password);
  return { id, token, password };
}

export interface CreatedKey {
  key: string;
  apiKey: { id: string; name: string; prefix: string; userId: string; username: string };
}

export async function createKey(
  env: KeyEnv,
  token: string,
  input: Record<string, unknown>,
): Promise<CreatedKey> {
  const r = await env.server.gql<{ createApiKey: CreatedKey }>(CREATE_KEY, { input }, { token });
  expect(r.errors).toBeUndefined();
  return r.data!.createApiKey;
}

/** Request headers carrying `key` one way or the other. */
export function keyHeaders(key: string, via: "x-api-key" | "bearer"): Record<string, string> {
  return via === "x-api-key" ? { "x-api-key": key } : { authorization: `Bearer ${key}` };
}

/** `me` as the key sees it: the username, or null when the key is refused (anonymous). */
export async function meWithKey(
  env: KeyEnv,
  key: string,
  via: "x-api-key" | "bearer" = "x-api-key",
): Promise<string | null> {
  const r = await env.server.gql<{ me: { username: string } | null }>(ME, undefined, {
    headers: keyHeaders(key, via),
  });
  return r.data?.me?.username ?? null;
}
