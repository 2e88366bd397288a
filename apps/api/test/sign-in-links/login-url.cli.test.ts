import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { errorCode, startTestServer, type TestServer } from "../helpers/test-server.js";
import { REDEEM, REQUEST, settle, TEAM_ENV, tokenOf } from "./support.js";

describe("gatehouse login-url <email|username>", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-cli-"));
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints a fresh single-use link that the server redeems", async () => {
    const env = { ...TEAM_ENV, GATEHOUSE_NEW_USER_IS_ACTIVE: "true" };
    server = await startTestServer(env, { dataDir });
    await server.gql(REQUEST, { email: "cli@example.com" });
    await settle(server);
    const databaseUrl = server.databaseUrl;
    // Embedded PGlite has one owner at a time: stop the server while the CLI uses the data dir.
    if (!databaseUrl) {
      await server.close();
      server = undefined;
    }
    const cliEnv = {
      GATEHOUSE_DATA_DIR: dataDir,
      GATEHOUSE_PUBLIC_URL: "https://gate.example.test",
      GATEHOUSE_LOG_LEVEL: "silent",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    const byEmail = await runCli(["login-url", "CLI@example.com"], cliEnv);
    expect(byEmail.stderr).toMatch(/works once/);
    expect(byEmail.code).toBe(0);
    const url = byEmail.stdout.trim();
    expect(url).toMatch(/^https:\/\/gate\.example\.test\/auth\/magic\?token=[A-Za-z0-9_-]{43}$/);
    const byName = await runCli(["login-url", "cli"], cliEnv);
    expect(byName.code).toBe(0);
    const newer = byName.stdout.trim();
    expect(newer).not.toBe(url);

    const unknown = await runCli(["login-url", "nobody@example.com"], cliEnv);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/No user/);
    expect(unknown.stdout).toBe("");

    server ??= await startTestServer(env, { dataDir });
    // The second link superseded the first; the second signs in once.
    expect(errorCode(await server.gql(REDEEM, { token: tokenOf(url) }))).toBe("INVALID_LINK");
    const r = await server.gql<{ redeemLink: { user: { email: string } } }>(REDEEM, {
      token: tokenOf(newer),
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.redeemLink.user.email).toBe("cli@example.com");
    // Each CLI run starts Node, tsx and (embedded) PGlite: seconds apiece on a busy machine.
  }, 240_000);
});
