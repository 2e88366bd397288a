import { readFileSync } from "node:fs";
import { ConfigError } from "./config-error.js";
import { type Env, str } from "./parse.js";

/**
 * Secrets that may come from a file instead (Docker and Kubernetes mount secrets as files):
 * NAME_FILE holds the path, and the file's content, trimmed, becomes NAME.
 */
const SECRET_FILE_VARIABLES = {
  GATEHOUSE_SECRET_KEY_FILE: "GATEHOUSE_SECRET_KEY",
  GATEHOUSE_SUPERUSER_PASSWORD_FILE: "GATEHOUSE_SUPERUSER_PASSWORD",
  RESEND_API_KEY_FILE: "RESEND_API_KEY",
  GOOGLE_CLIENT_SECRET_FILE: "GOOGLE_CLIENT_SECRET",
  DATABASE_URL_FILE: "DATABASE_URL",
} as const;

/**
 * Returns `env` with every set NAME_FILE read into NAME. Both set, an unreadable file or an
 * empty one stop start-up with one line; the message names the path, never the content.
 */
export function readSecretFiles(env: Env): Env {
  const out: Env = { ...env };
  for (const [fileVar, name] of Object.entries(SECRET_FILE_VARIABLES)) {
    const path = str(env, fileVar);
    if (path === undefined) continue;
    if (str(env, name) !== undefined) {
      throw new ConfigError(`${name} and ${fileVar} are both set; keep only one of them.`);
    }
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
      throw new ConfigError(
        `${fileVar}=${path}: cannot read the file (${code}); check the path and that the server's user may read it.`,
      );
    }
    const value = text.trim();
    if (value === "") {
      throw new ConfigError(`${fileVar}=${path}: the file is empty; put the ${name} value in it.`);
    }
    out[name] = value;
  }
  return out;
}
