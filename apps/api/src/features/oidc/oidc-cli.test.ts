import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../../test/helpers/cli.js";
import { createScratchDatabase, usingPostgres } from "../../../test/helpers/database.js";
import { type ServerProcess, spawnServer } from "../../../test/helpers/spawn-server.js";

async function kids(url: string): Promise<string[]> {
  const jwks = (await (await fetch(`${url}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((k) => k.kid);
}

describe("gatehouse rotate-oidc-keys", () => {
  let server: ServerProcess | undefined;
  let drop: (() => Promise<void>) | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-oidc-cli-"));
  afterAll(async () => {
    await server?.stop();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("publishes new keys beside the old ones on a running server", async () => {
    const scratch = usingPostgres ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    const db: Record<string, string> = scratch ? { DATABASE_URL: scratch.url } : {};
    server = await spawnServer(
      {
        GATEHOUSE_AUTO_LOGIN: "false",
        GATEHOUSE_SUPERUSER: "admin",
        GATEHOUSE_SUPERUSER_PASSWORD: "admin-password-1",
        ...db,
      },
      { dataDir },
    );
    const before = await kids(server.url);
    expect(before).toHaveLength(2);
    const run = await runCli(["rotate-oidc-keys"], {
      GATEHOUSE_DATA_DIR: dataDir,
      GATEHOUSE_LOG_LEVEL: "silent",
      ...db,
    });
    expect(run.stderr).toContain("previous ones stay published");
    expect(run.code).toBe(0);
    const made = run.stdout.trim().split("\n");
    expect(made).toHaveLength(2);
    // The server rebuilds its provider within its key check interval.
    await expect
      .poll(async () => (await kids(server!.url)).sort(), { timeout: 20_000, interval: 250 })
      .toEqual([...made, ...before].sort());
  });
});
