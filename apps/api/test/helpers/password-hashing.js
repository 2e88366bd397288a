import { ARGON2_PARAMS } from "../../src/features/passwords/password.service.js";
/**
 * argon2id at its cheapest: for tests of sign-in flows, where hashing is not what is tested.
 * Tests of the hashing itself (parameters, rehash, timing of unknown users) use
 * ARGON2_PARAMS, as production always does.
 */
export const TEST_ARGON2_PARAMS = { ...ARGON2_PARAMS, memoryCost: 64, timeCost: 1 };
export const argon2ParamsFor = (hashing = "test") =>
  hashing === "production" ? ARGON2_PARAMS : TEST_ARGON2_PARAMS;
/**
 * Test servers hash at normal priority: on a machine saturated by other jobs, SCHED_IDLE
 * threads get no CPU at all and sign-ins stall until the test times out. The priority itself
 * is tested in features/passwords/hash-threads.test.ts.
 */
export const TEST_HASH_THREADS = { idle: false, nice: 0 };
/** The Overrides a test server starts with. */
export const testHashingOverrides = (hashing = "test") => ({
  passwordHashing: argon2ParamsFor(hashing),
  hashThreads: TEST_HASH_THREADS,
});
//# sourceMappingURL=password-hashing.js.map
