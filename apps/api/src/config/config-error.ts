/** A start-up configuration problem. Its message is one line that says what to fix. */
export class ConfigError extends Error {
  override name = "ConfigError";
}
