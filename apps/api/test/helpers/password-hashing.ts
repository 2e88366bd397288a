import type { HashThreadOptions } from "../../src/features/passwords/hash-threads.js";
import { ARGON2_PARAMS, type Argon2Params } from "../../src/features/passwords/password.service.js";
import type { Overrides } from "../../src/services.js";

/**
 * argon2id at its cheapest: for tests of sign-in flows, where hashing is not what is tested.
 * Tests of the hashing itself (parameters, rehash, timing of unknown users) use
 * ARGON2_PARAMS, as production always does.
 */
export const TEST_ARGON2_PARAMS: Argon2Params = { ...ARGON2_PARAMS, memoryCost: 64, timeCost: 1 };

/** Which cost a test server hashes with: "test" (cheap, the default) or "production". */
export type PasswordHashing = "test" | "production";

export const argon2ParamsFor = (hashing: PasswordHashing = "test"): Argon2Params =>
  hashing === "production" ? ARGON2_PARAMS : TEST_ARGON2_PARAMS;

/**
 * Test servers hash at normal priority: on a machine saturated by other jobs, SCHED_IDLE
 * threads get no CPU at all and sign-ins stall until the test times out. The priority itself
 * is tested in features/passwords/hash-threads.test.ts.
 */
export const TEST_HASH_THREADS: HashThreadOptions = { idle: false, nice: 0 };

/** The Overrides a test server starts with. */
export const testHashingOverrides = (hashing: PasswordHashing = "test"): Overrides => ({
  passwordHashing: argon2ParamsFor(hashing),
  hashThreads: TEST_HASH_THREADS,
});
