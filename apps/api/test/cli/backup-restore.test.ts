import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { usingPostgres } from "../helpers/database.js";
import { type ServerProcess, spawnServer } from "../helpers/spawn-server.js";
import { gqlRequest } from "../helpers/test-server.js";

const TEAM = {
  GATEHOUSE_AUTO_LOGIN: "false",
  GATEHOUSE_SUPERUSER: "admin",
  GATEHOUSE_SUPERUSER_PASSWORD: "admin-password-1",
};
const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`;
const SET = `mutation($n: String!, $v: String!) { setVariable(name: $n, value: $v) { id } }`;
const VARIABLES = `{ variables { name value } }`;
const ME = `{ me { username } }`;

async function signIn(url: string): Promise<string> {
  const r = await gqlRequest<{ signIn: { token: string } }>(url, SIGN_IN, {
    u: "admin",
    p: "admin-password-1",
  });
  expect(r.errors).toBeUndefined();
  return r.data!.signIn.token;
}

describe.skipIf(usingPostgres)("gatehouse backup and restore (embedded database)", () => {
  const root = mkdtempSync(join(tmpdir(), "gatehouse-backup-"));
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("backs up a running server and restores it into a fresh data dir", async () => {
    const source = join(root, "source");
    const server = await spawnServer(TEAM, { dataDir: source });
    servers.push(server);
    const token = await signIn(server.url);
    const set = await gqlRequest(server.url, SET, { n: "OPENAI_KEY", v: "sk-backup-1" }, { token });
    expect(set.errors).toBeUndefined();

    const file = join(root, "gatehouse.backup");
    const env = { GATEHOUSE_DATA_DIR: source, GATEHOUSE_LOG_LEVEL: "silent" };
    const made = await runCli(["backup", file], env);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^Backup written to .*gatehouse\.backup \(\d+\.\d MiB\)\.\n$/);
    expect(made.stderr).toMatch(/includes the secret key/);
    // The backup holds the key: only its owner may read it.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Writes after the backup must not be in it.
    await gqlRequest(server.url, SET, { n: "LATER", v: "after-backup" }, { token });
    // A restore into the running server's data dir is refused, and changes nothing.
    const busy = await runCli(["restore", file, "--force"], env);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/^gatehouse: a server is running on .*; stop it first/);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    // With no server, the CLI opens the data dir itself for the backup.
    const keyless = join(root, "keyless.backup");
    const withoutKey = await runCli(["backup", keyless, "--without-key"], env);
    expect(withoutKey.stderr).toMatch(/^It does not include the secret key \(--without-key\)/);
    expect(withoutKey.code).toBe(0);

    const target = join(root, "target");
    const tenv = { GATEHOUSE_DATA_DIR: target, GATEHOUSE_LOG_LEVEL: "silent" };
    const restored = await runCli(["restore", file], tenv);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/^Restored .* into .*target\./);
    // Only the database and its key: no staging or set-aside folders left behind.
    expect(readdirSync(target).sort()).toEqual(["pg", "secret.key"]);
    expect(statSync(join(target, "secret.key")).mode & 0o777).toBe(0o600);
    const again = await runCli(["restore", file], tenv);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds a database; add --force/);

    // Without its key the data cannot be read: refused before anything is put in place.
    const nokey = join(root, "nokey");
    const refused = await runCli(["restore", keyless], { ...tenv, GATEHOUSE_DATA_DIR: nokey });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^gatehouse: .*[0-9a-f]{16}/);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(join(nokey, "pg"))).toBe(false);

    // No GATEHOUSE_SUPERUSER: start-up succeeds because the restored admin exists.
    const after = await spawnServer({ GATEHOUSE_AUTO_LOGIN: "false" }, { dataDir: target });
    servers.push(after);
    // Sessions came along: the old token still works.
    const me = await gqlRequest<{ me: { username: string } }>(after.url, ME, {}, { token });
    expect(me.data?.me.username).toBe("admin");
    const fresh = await signIn(after.url);
    const vars = await gqlRequest<{ variables: { name: string; value: string }[] }>(
      after.url,
      VARIABLES,
      {},
      { token: fresh },
    );
    expect(vars.errors).toBeUndefined();
    expect(vars.data!.variables).toEqual([{ name: "OPENAI_KEY", value: "sk-backup-1" }]);
    await after.stop();

    // Over an existing database (--force): the variable written after the backup is gone,
    // and the replaced data was removed once the restored database opened.
    const before = await runCli(["rotate-key", "--dry-run"], env);
    expect(before.stdout).toMatch(/already current: +2\n/);
    const over = await runCli(["restore", file, "--force"], env);
    expect(over.stderr).toBe("");
    expect(over.code).toBe(0);
    expect(readdirSync(source).sort()).toEqual(["pg", "secret.key"]);
    const now = await runCli(["rotate-key", "--dry-run"], env);
    expect(now.stdout).toMatch(/already current: +1\n/);

    // What an interrupted restore set aside is never overwritten by the next one.
    mkdirSync(join(target, ".before-restore"));
    const interrupted = await runCli(["restore", file, "--force"], tenv);
    expect(interrupted.code).toBe(2);
    expect(interrupted.stderr).toMatch(
      /^gatehouse: an earlier restore was interrupted: .*\.before-restore/,
    );
    expect(readdirSync(target).sort()).toEqual([".before-restore", "pg", "secret.key"]);
  }, 300_000);

  it("refuses what it cannot do safely, in one line", async () => {
    const dir = join(root, "refusals");
    const env = { GATEHOUSE_DATA_DIR: dir, GATEHOUSE_LOG_LEVEL: "silent" };
    const junk = join(root, "junk.backup");
    writeFileSync(junk, "not a backup");
    const bad = await runCli(["restore", junk], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gatehouse: .*junk\.backup is not a Gatehouse backup/);
    expect(existsSync(join(dir, "pg"))).toBe(false);
    const missing = await runCli(["restore", join(root, "nope.backup")], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^gatehouse: no such file: /);
    const pg = { ...env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" };
    for (const cmd of [
      ["backup", join(root, "pg.backup")],
      ["restore", junk],
    ]) {
      const r = await runCli(cmd, pg);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^gatehouse: the database is PostgreSQL .*pg_dump/);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  }, 120_000);
});
