import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../test/helpers/test-server.js";
import { ManualClock } from "../../clock.js";
import { databaseAdapter, pruneExpiredPayloads } from "./oidc-adapter.js";

describe("oidc-provider's database adapter", () => {
  let server: TestServer;
  const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const adapter = (model: string) => {
    const Adapter = databaseAdapter(server.app.services.dataSource, clock, {
      metadataFor: async () => undefined,
    });
    return new Adapter(model);
  };

  it("finds by id, uid and user code until expiry; consume marks; grants revoke together", async () => {
    const codes = adapter("AuthorizationCode");
    const tokens = adapter("AccessToken");
    const device = adapter("DeviceCode");
    await codes.upsert("c1", { grantId: "g1", uid: "u1" }, 60);
    await tokens.upsert("t1", { grantId: "g1" }, 3600);
    await device.upsert("d1", { userCode: "ABCD-EFGH", grantId: "g2" }, 600);
    expect(await codes.findByUid("u1")).toMatchObject({ grantId: "g1" });
    expect(await device.findByUserCode("ABCD-EFGH")).toMatchObject({ grantId: "g2" });
    await codes.consume("c1");
    expect((await codes.find("c1"))?.consumed).toBeTypeOf("number");
    await codes.revokeByGrantId("g1");
    expect(await codes.find("c1")).toBeUndefined();
    expect(await tokens.find("t1")).toBeUndefined();
    expect(await device.find("d1")).toBeDefined();

    clock.advance(601_000);
    expect(await device.find("d1")).toBeUndefined();
    expect(
      await pruneExpiredPayloads(server.app.services.dataSource, clock),
    ).toBeGreaterThanOrEqual(1);
  });
});
