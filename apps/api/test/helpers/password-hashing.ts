import { ARGON2_PARAMS, type Argon2Params } from "../../src/features/passwords/password.service.js";

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
