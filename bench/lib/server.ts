// Benchmarks start the server exactly as the durability tests do (one helper for both), but
// always with production password hashing: sign-in throughput is part of what they measure.
import {
  type ServerProcess,
  type SpawnOptions,
  spawnServer as spawnWithOptions,
} from "../../apps/api/test/helpers/spawn-server.js";

export {
  freePort,
  REPO_ROOT as ROOT,
  type ServerProcess,
} from "../../apps/api/test/helpers/spawn-server.js";

export const spawnServer = (
  env: Record<string, string>,
  opts: SpawnOptions = {},
): Promise<ServerProcess> => spawnWithOptions(env, { ...opts, passwordHashing: "production" });
