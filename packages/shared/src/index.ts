export * from "./errors.js";
export * from "./limits.js";
export * from "./reserved-names.js";
export * from "./return-path.js";
export * from "./return-url.js";
export * from "./roles.js";
export * from "./rules.js";
