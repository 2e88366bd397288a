import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { errorCode, type TestServer } from "../helpers/test-server.js";
import { ADMIN, CREATE_USER, signIn, startAuthenticatedServer } from "./accounts-helpers.js";

const scratchDir = () => mkdtempSync(join(tmpdir(), "gh-pwpolicy-"));

describe("password policy through the API", () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startAuthenticatedServer();
    admin = (await signIn(server, ADMIN.username, ADMIN.password)).token;
  });
  afterAll(() => server?.close());

  const create = (input: Record<string, unknown>) =>
    server.gql(CREATE_USER, { input }, { token: admin });

  it("refuses common and breached-list passwords, saying why", async () => {
    for (const password of ["password123", "iloveyou2", "qwertyuiop123"]) {
      const r = await create({ username: `weak-${password}`, password });
      expect(errorCode(r)).toBe("BAD_USER_INPUT");
      expect(r.errors?.[0]?.extensions?.field).toBe("password");
      expect(r.errors?.[0]?.message).toMatch(/common|guess/i);
    }
    expect(
      (await create({ username: "strong", password: "Tarn-Gravel-Orbit-42" })).errors,
    ).toBeUndefined();
  });

  it("refuses a password made of the username", async () => {
    const r = await create({ username: "margaret1987", password: "margaret1987" });
    expect(errorCode(r)).toBe("BAD_USER_INPUT");
  });

  it("asks 12 characters of a superuser's password", async () => {
    const r = await create({ username: "short-su", password: "Tz9#kq2!Lm", isSuperuser: true });
    expect(errorCode(r)).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toContain("at least 12");
    const ok = await create({ username: "short-user", password: "Tz9#kq2!Lm" });
    expect(ok.errors).toBeUndefined();
  });
});

describe("password policy at start-up and in the CLI", () => {
  it("a weak GATEHOUSE_SUPERUSER_PASSWORD stops start-up with one line naming it", async () => {
    const r = await runCli(["run"], {
      GATEHOUSE_DATA_DIR: scratchDir(),
      GATEHOUSE_PORT: "0",
      GATEHOUSE_AUTO_LOGIN: "false",
      GATEHOUSE_SUPERUSER: "root",
      GATEHOUSE_SUPERUSER_PASSWORD: "password1234",
    });
    const stderr = r.stderr.trim();
    expect(r.code).toBe(2);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^gatehouse: GATEHOUSE_SUPERUSER_PASSWORD: /);
    expect(stderr).not.toContain("password1234");
  }, 60_000);

  it("gatehouse superuser refuses a weak or short password", async () => {
    const env = { GATEHOUSE_DATA_DIR: scratchDir() };
    const weak = await runCli(["superuser", "--username", "root", "--password-stdin"], env, {
      input: "password1234\n",
    });
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toMatch(/common/i);
    const short = await runCli(["superuser", "--username", "root", "--password-stdin"], env, {
      input: "Tz9#kq2!Lm\n",
    });
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain("at least 12");
  }, 60_000);
});
