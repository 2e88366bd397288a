import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../../src/control/lock.js";
import { generateKeyText } from "../../src/features/secrets/key-material.js";
import { runCli } from "../helpers/cli.js";
import { createScratchDatabase, usingPostgres } from "../helpers/database.js";
import { type ServerProcess, spawnServer } from "../helpers/spawn-server.js";
import { gqlRequest } from "../helpers/test-server.js";

const ADMIN = { username: "admin", password: "admin-password-1" };
const TEAM = {
  GATEHOUSE_AUTO_LOGIN: "false",
  GATEHOUSE_SUPERUSER: ADMIN.username,
  GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
};
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token user { isSuperuser } } }`;
const CREATE = `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`;
const REDEEM = `mutation($token: String!) { redeemLink(token: $token) { token user { username } } }`;
const SET = `mutation($n: String!, $v: String!) { setVariable(name: $n, value: $v) { id } }`;
const VARIABLES = `{ variables { name value } }`;

async function signIn(url: string, u: string, p: string): Promise<string> {
  const r = await gqlRequest<{ signIn: { token: string } }>(url, SIGN_IN, { u, p });
  expect(r.errors).toBeUndefined();
  return r.data!.signIn.token;
}

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

describe("CLI commands against a running server", () => {
  let server: ServerProcess | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await server?.stop();
    await drop?.();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("superuser, login-url and rotate-key work while the server runs, through its socket", async () => {
    const dataDir = tempDir("gatehouse-live-");
    const scratch = usingPostgres ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    const db: Record<string, string> = scratch ? { DATABASE_URL: scratch.url } : {};
    // Info logs on: the test checks what the server says about CLI commands (and what not).
    server = await spawnServer({ ...TEAM, ...db, GATEHOUSE_LOG_LEVEL: "info" }, { dataDir });
    const env = { GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_LOG_LEVEL: "silent", ...db };

    if (!scratch) {
      // Only this OS user may reach the control socket.
      const sock = statSync(join(dataDir, "gatehouse.sock"));
      expect(sock.isSocket()).toBe(true);
      expect(sock.mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      // A second server on the same data dir is refused before it opens anything.
      const second = await spawnServer(TEAM, { dataDir }).catch((err: Error) => err);
      expect(second).toBeInstanceOf(Error);
      expect((second as Error).message).toMatch(
        new RegExp(
          `exited with 2: gatehouse: the embedded database in .* is open in another process \\(pid ${server.pid}\\)`,
        ),
      );
    }

    const made = await runCli(["superuser", "--username", "live", "--password-stdin"], env, {
      input: "live-password-1\n",
    });
    expect(made.stderr).toBe("");
    expect(made.stdout).toBe("Superuser created successfully.\n");
    expect(made.code).toBe(0);
    // The same rules as a local run, with the same exit code.
    const dup = await runCli(["superuser", "--username", "LIVE", "--password-stdin"], env, {
      input: "other-password-2\n",
    });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(
      /^gatehouse: user "live" already exists:\n[\s\S]*Run again with --update-password/,
    );
    const live = await signIn(server.url, "live", "live-password-1");

    const created = await gqlRequest(
      server.url,
      CREATE,
      {
        i: {
          username: "dora",
          email: "dora@example.com",
          password: "dora-password-1",
          isActive: true,
        },
      },
      { token: live },
    );
    expect(created.errors).toBeUndefined();
    const link = await runCli(["login-url", "dora@example.com"], env);
    expect(link.code).toBe(0);
    expect(link.stderr).toMatch(/^Sign-in link for dora <dora@example.com>: works once/);
    const url = new URL(link.stdout.trim());
    // Embedded, the server made the link: its own address. PostgreSQL: the CLI's settings.
    if (!scratch) expect(url.origin).toBe(server.url);
    const redeemed = await gqlRequest<{ redeemLink: { user: { username: string } } }>(
      server.url,
      REDEEM,
      { token: url.searchParams.get("token") },
    );
    expect(redeemed.errors).toBeUndefined();
    expect(redeemed.data!.redeemLink.user.username).toBe("dora");
    const nobody = await runCli(["login-url", "nobody@example.com"], env);
    expect(nobody.code).toBe(2);
    expect(nobody.stdout).toBe("");
    expect(nobody.stderr).toMatch(/^gatehouse: No user/);

    expect(
      (await gqlRequest(server.url, SET, { n: "TOKEN", v: "s3cret" }, { token: live })).errors,
    ).toBeUndefined();
    const dry = await runCli(["rotate-key", "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run: nothing was written/);
    expect(dry.stdout).toMatch(/already current: +1\n/);
    const real = await runCli(["rotate-key"], env);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/Rotation finished\./);
    expect(`${real.stdout}${real.stderr}`).not.toContain("s3cret");
    if (!scratch) {
      // A key in the CLI's environment that the server does not use is refused, not ignored.
      const other = await runCli(["rotate-key"], {
        ...env,
        GATEHOUSE_SECRET_KEY: generateKeyText(),
      });
      expect(other.code).toBe(2);
      expect(other.stderr).toMatch(/^gatehouse: the running server's primary key is \w+, not \w+/);
      expect(other.stderr.trim().split("\n")).toHaveLength(1);
    }

    const migrate = await runCli(["migrate"], env);
    expect(migrate.stdout).toBe("Database is up to date.\n");
    expect(migrate.code).toBe(0);

    // The server kept serving all along, and never logged the password.
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const vars = await gqlRequest<{ variables: { value: string }[] }>(
      server.url,
      VARIABLES,
      {},
      { token: live },
    );
    expect(vars.data!.variables.map((v) => v.value)).toEqual(["s3cret"]);
    expect(server.output()).not.toContain("live-password-1");
    if (!scratch) expect(server.output()).toMatch(/"command":"superuser".*running a CLI command/);
    expect(server.pid).toBeGreaterThan(0);
  }, 300_000);

  it.skipIf(usingPostgres)(
    "a stale socket from a killed server neither blocks the next start nor fools the CLI",
    async () => {
      const dataDir = tempDir("gatehouse-stale-");
      const first = await spawnServer(TEAM, { dataDir });
      first.kill("SIGKILL");
      await first.exited;
      // SIGKILL leaves the socket file behind; nobody listens on it any more.
      expect(existsSync(join(dataDir, "gatehouse.sock"))).toBe(true);
      const env = { GATEHOUSE_DATA_DIR: dataDir, GATEHOUSE_LOG_LEVEL: "silent" };
      // The CLI sees that no server answers and opens the database itself.
      const made = await runCli(["superuser", "--username", "after", "--password-stdin"], env, {
        input: "after-password-1\n",
      });
      expect(made.stderr).toBe("");
      expect(made.code).toBe(0);
      const second = await spawnServer(TEAM, { dataDir });
      try {
        await signIn(second.url, "after", "after-password-1");
        expect(statSync(join(dataDir, "gatehouse.sock")).mode & 0o777).toBe(0o600);
        const dry = await runCli(["rotate-key", "--dry-run"], env);
        expect(dry.code).toBe(0);
      } finally {
        await second.stop();
      }
      // A clean stop removes the socket and the pid file.
      expect(existsSync(join(dataDir, "gatehouse.sock"))).toBe(false);
      expect(existsSync(join(dataDir, "gatehouse.pid"))).toBe(false);
    },
    300_000,
  );

  it.skipIf(usingPostgres)(
    "refuses in one line, opening nothing, when the holder of the data dir does not answer",
    async () => {
      const env = (dataDir: string) => ({
        GATEHOUSE_DATA_DIR: dataDir,
        GATEHOUSE_LOG_LEVEL: "silent",
      });
      // Something accepts on the socket but never says hello (a hung server).
      const hungDir = tempDir("gatehouse-hung-");
      const hung = createServer(() => {});
      await new Promise<void>((r) => hung.listen(join(hungDir, "gatehouse.sock"), () => r()));
      try {
        const r = await runCli(["login-url", "x@example.com"], env(hungDir));
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^gatehouse: a server holds .* but did not answer/);
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
        expect(existsSync(join(hungDir, "pg"))).toBe(false);
      } finally {
        hung.close();
      }
      // Another process has the database open and no socket (a server starting, a command).
      const busyDir = tempDir("gatehouse-busy-");
      const lock = await lockDataDir(busyDir);
      try {
        const r = await runCli(
          ["superuser", "--username", "xavier", "--password-stdin"],
          env(busyDir),
          {
            input: "xavier-password-1\n",
          },
        );
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
          new RegExp(
            `^gatehouse: the embedded database in .* is open in another process \\(pid ${process.pid}\\)`,
          ),
        );
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
        expect(existsSync(join(busyDir, "pg"))).toBe(false);
      } finally {
        await lock.release();
      }
    },
    120_000,
  );
});
