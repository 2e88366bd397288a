import { generateKeyText } from "../features/secrets/key-material.js";

/** Prints a new key (32 random bytes, URL-safe base64) for GATEHOUSE_SECRET_KEY; nothing else. */
export function runGenerateKey(): void {
  process.stdout.write(`${generateKeyText()}\n`);
}
