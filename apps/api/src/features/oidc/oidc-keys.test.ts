import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN, signIn } from "../../../test/accounts/accounts-helpers.js";
import { createScratchDatabase, usingPostgres } from "../../../test/helpers/database.js";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import { generateKeyText } from "../secrets/key-material.js";

const BASE = {
  GATEHOUSE_AUTO_LOGIN: "false",
  GATEHOUSE_SUPERUSER: ADMIN.username,
  GATEHOUSE_SUPERUSER_PASSWORD: ADMIN.password,
};

async function kids(s: TestServer): Promise<string[]> {
  const jwks = (await (await fetch(`${s.url}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((k) => k.kid).sort();
}

describe("OIDC signing keys under the secret key ring", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-oidc-keys-"));
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("rotateSecretKey re-encrypts them: after dropping the old secret key the same keys serve", async () => {
    const scratch = usingPostgres ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    const where = scratch ? { databaseUrl: scratch.url } : { dataDir };
    const K1 = generateKeyText();
    const K2 = generateKeyText();

    const first = await startTestServer({ ...BASE, GATEHOUSE_SECRET_KEY: K1 }, where);
    const original = await kids(first);
    expect(original).toHaveLength(2);
    await first.close();

    const second = await startTestServer(
      { ...BASE, GATEHOUSE_SECRET_KEY: K2, GATEHOUSE_SECRET_KEY_FALLBACKS: K1 },
      where,
    );
    expect(await kids(second)).toEqual(original);
    const { token } = await signIn(second, ADMIN.username, ADMIN.password);
    const r = await second.gql<{ rotateSecretKey: { rotated: number; failed: number } }>(
      "mutation { rotateSecretKey { rotated failed } }",
      {},
      { token },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.rotateSecretKey).toEqual({ rotated: 2, failed: 0 });
    await second.close();

    const third = await startTestServer({ ...BASE, GATEHOUSE_SECRET_KEY: K2 }, where);
    expect(await kids(third)).toEqual(original);
    await third.close();
  });
});
