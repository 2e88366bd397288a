import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ADMIN,
  CREATE_USER,
  signIn,
  startAuthenticatedServer,
} from "../accounts/accounts-helpers.js";
import { errorCode, type GqlResult, type TestServer } from "../helpers/test-server.js";

const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;
const MAGIC = `mutation($e: String!) { requestMagicLink(email: $e) { __typename } }`;
const SET_VAR = `mutation($n: String!, $v: String!) { setVariable(name: $n, value: $v) { name } }`;

function expectBadInput(r: GqlResult<unknown>, what: string): void {
  expect(r.status, what).toBe(400);
  expect(errorCode(r), what).toBe("BAD_USER_INPUT");
  expect(r.errors?.[0]?.message, what).toMatch(/NUL|surrogate|longer than/);
  expect(r.data ?? null, what).toBeNull();
}

describe("input PostgreSQL cannot store is refused at the edge", () => {
  let server: TestServer;
  let token: string;
  let errorLog: ReturnType<typeof vi.spyOn>;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
    ({ token } = await signIn(server, ADMIN.username, ADMIN.password));
    errorLog = vi.spyOn(server.app.services.logger, "error");
  });
  afterAll(() => server?.close());

  it("a NUL in signIn's username, requestMagicLink's email and a superuser mutation", async () => {
    expectBadInput(await server.gql(SIGN_IN, { u: "adm\u0000in", p: "whatever1" }), "signIn");
    expectBadInput(await server.gql(MAGIC, { e: "a\u0000b@example.com" }), "requestMagicLink");
    expectBadInput(
      await server.gql(
        CREATE_USER,
        { input: { username: "nul\u0000user", password: "long enough password" } },
        { token },
      ),
      "createUser",
    );
    expectBadInput(
      await server.gql(SET_VAR, { n: "API_KEY", v: "x\u0000y" }, { token }),
      "setVariable",
    );
    // Written inline in the document as an escape, not as a variable.
    expectBadInput(
      await server.gql(
        `mutation { requestMagicLink(email: "a\\u0000b@example.com") { __typename } }`,
      ),
      "inline",
    );
  });

  it("an unpaired surrogate and an absurdly long string", async () => {
    expectBadInput(await server.gql(SIGN_IN, { u: "x\ud800y", p: "whatever1" }), "surrogate");
    expectBadInput(
      await server.gql(SET_VAR, { n: "BIG", v: "v".repeat(70_000) }, { token }),
      "long value",
    );
  });

  it("logs no error (and so no SQL) for any of it", () => {
    expect(errorLog).not.toHaveBeenCalled();
  });

  it("counts against the client address's sign-in budget", async () => {
    let last: GqlResult<unknown> | undefined;
    for (let i = 0; i < 40; i++) {
      last = await server.gql(MAGIC, { e: `probe${i}\u0000@example.com` });
      if (errorCode(last) === "RATE_LIMITED") break;
    }
    expect(last && errorCode(last)).toBe("RATE_LIMITED");
    expect(last?.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // The address is now locked out of password guessing as well.
    const r = await server.gql(SIGN_IN, { u: ADMIN.username, p: ADMIN.password });
    expect(errorCode(r)).toBe("RATE_LIMITED");
    expect(errorLog).not.toHaveBeenCalled();
  });
});
