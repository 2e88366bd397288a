// Entry point for spawned test servers: the real CLI, with the test-only cheap password
// hashing passed in through the run command's overrides (no environment variable can do it).
import { serverOverrides } from "../../src/cli/run.js";
import { TEST_ARGON2_PARAMS } from "./password-hashing.js";

serverOverrides.passwordHashing = TEST_ARGON2_PARAMS;
await import("../../src/cli.js");
