// Benchmarks start the server with the helper the durability tests use, but as production
// runs it: the pruned production install's compiled CLI under plain node (run `pnpm build`
// first), with production password hashing, since sign-in throughput is part of what they
// measure.
import {
  type ServerProcess,
  type SpawnOptions,
  spawnServer as spawnWithOptions,
} from "../../apps/api/test/helpers/spawn-server.js";
import { runtimeCli } from "./runtime.js";

export {
  freePort,
  REPO_ROOT as ROOT,
  type ServerProcess,
} from "../../apps/api/test/helpers/spawn-server.js";

export const spawnServer = (
  env: Record<string, string>,
  opts: SpawnOptions = {},
): Promise<ServerProcess> =>
  spawnWithOptions(env, { ...opts, passwordHashing: "production", compiledCli: runtimeCli() });
