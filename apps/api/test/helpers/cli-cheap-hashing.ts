// Entry point for spawned test servers: the real CLI, with the test-only cheap password
// hashing (at normal thread priority) passed in through the run command's overrides; no
// environment variable can do it.
import { serverOverrides } from "../../src/cli/run.js";
import { testHashingOverrides } from "./password-hashing.js";

Object.assign(serverOverrides, testHashingOverrides("test"));
await import("../../src/cli.js");
