import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/helpers/cli.js";
import { createScratchDatabase, usingPostgres } from "../../test/helpers/database.js";
import { type ServerProcess, spawnServer } from "../../test/helpers/spawn-server.js";
import { gqlRequest } from "../../test/helpers/test-server.js";

const ADMIN = { username: "admin", password: "admin-password-1" };
const TEAM = {
  GATEHOUSE_AUTO_LOGIN: "false",
  GATEHOUSE_SUPERUSER: ADMIN.username,
  GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
};
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;
const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;
const PREVIEW = `query($t: String!) { magicLinkPreview(token: $t) { username passwordReset } }`;
const ME = `{ me { username } }`;

describe("gatehouse reset-password <user>, against a running server", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-reset-"));
  let server: ServerProcess | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await server?.stop();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("clears lockouts, prints a reset link, or sets a password from stdin or a file", async () => {
    const scratch = usingPostgres ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    const db: Record<string, string> = scratch ? { DATABASE_URL: scratch.url } : {};
    server = await spawnServer({ ...TEAM, ...db }, { dataDir });
    const env = { GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_LOG_LEVEL: "silent", ...db };
    const url = server.url;
    const signIn = (u: string, p: string) =>
      gqlRequest<{ signIn: { token: string } }>(url, SIGN_IN, { u, p });
    const admin = (await signIn(ADMIN.username, ADMIN.password)).data!.signIn.token;
    const made = await gqlRequest(
      url,
      CREATE,
      {
        i: {
          username: "ada",
          email: "ada@example.com",
          password: "ada-password-1",
          isActive: true,
        },
      },
      { token: admin },
    );
    expect(made.errors).toBeUndefined();
    const old = (await signIn("ada", "ada-password-1")).data!.signIn.token;
    // Locked out from this address: even the right password is refused now.
    for (let i = 0; i < 5; i++) await signIn("ada", `wrong-${i}`);
    const locked = await signIn("ada", "ada-password-1");
    expect(locked.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");

    const link = await runCli(["reset-password", "ada"], env);
    expect(link.code).toBe(0);
    expect(link.stderr).toMatch(/^Reset link for ada: works once.*lockouts cleared/);
    const token = new URL(link.stdout.trim()).searchParams.get("token");
    const preview = await gqlRequest<{ magicLinkPreview: { passwordReset: boolean } }>(
      url,
      PREVIEW,
      { t: token },
    );
    expect(preview.data?.magicLinkPreview).toEqual({ username: "ada", passwordReset: true });
    // Lockouts cleared: the right password works again (a second session of ada).
    expect((await signIn("ada", "ada-password-1")).errors).toBeUndefined();

    const set = await runCli(
      ["reset-password", "ADA@example.com", "--password-stdin", "--sign-out-everywhere"],
      env,
      { input: "brand-new-secret-4\n" },
    );
    expect(set.stderr).toBe("");
    expect(set.stdout).toBe(
      "Password set for ada; sign-in lockouts cleared; 2 session(s) ended.\n",
    );
    expect(set.code).toBe(0);
    expect((await gqlRequest<{ me: null }>(url, ME, {}, { token: old })).data?.me).toBeNull();
    const fresh = (await signIn("ada", "brand-new-secret-4")).data!.signIn.token;

    const file = join(dataDir, "pw.txt");
    writeFileSync(file, "from-a-file-pass-5\n", { mode: 0o600 });
    const fromFile = await runCli(["reset-password", "ada", "--password-file", file], env);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe("Password set for ada; sign-in lockouts cleared.\n");
    expect((await signIn("ada", "from-a-file-pass-5")).errors).toBeUndefined();
    // Not asked to sign out: the session from before survives.
    const me = await gqlRequest<{ me: { username: string } }>(url, ME, {}, { token: fresh });
    expect(me.data?.me.username).toBe("ada");

    const unknown = await runCli(["reset-password", "nobody"], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/No user/);
    expect(unknown.stdout).toBe("");
    // Five CLI processes on a busy machine: far above a normal run, a backstop only.
  }, 300_000);
});
