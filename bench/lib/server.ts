// Benchmarks start the server exactly as the durability tests do: one helper for both.
export {
  freePort,
  REPO_ROOT as ROOT,
  type ServerProcess,
  spawnServer,
} from "../../apps/api/test/helpers/spawn-server.js";
