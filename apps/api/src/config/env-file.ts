import { readFileSync } from "node:fs";
import { ConfigError } from "./config-error.js";

/**
 * Reads a dotenv-style file: KEY=VALUE lines, `#` comments, optional `export `,
 * single or double quotes. No interpolation: a value is what is written.
 */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ConfigError(`--env-file ${path}: cannot read the file (${code}); check the path.`);
  }
  return parseEnvText(text, path);
}

export function parseEnvText(text: string, source = "env file"): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === "" || raw.startsWith("#")) continue;
    const line = raw.startsWith("export ") ? raw.slice(7).trimStart() : raw;
    const eq = line.indexOf("=");
    if (eq <= 0) {
      throw new ConfigError(`${source} line ${i + 1}: expected KEY=VALUE.`);
    }
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\"/g, '"');
    } else {
      // An unquoted value may carry a trailing comment: `KEY=value # note`.
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash).trimEnd();
    }
    out[key] = value;
  }
  return out;
}
