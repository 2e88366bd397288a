export * from "./errors.js";
export * from "./limits.js";
export * from "./roles.js";
export * from "./rules.js";
