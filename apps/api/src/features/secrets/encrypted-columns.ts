/**
 * Every stored ciphertext column, so rotation, the status counts and the wrong-key guard
 * cover them all. A feature that stores a ciphertext adds one entry here; the table must
 * keep the key fingerprint beside the ciphertext.
 */
export interface EncryptedColumn {
  table: string;
  idColumn: string;
  /** SQL type of the id, for the typed arrays the batched UPDATE uses. */
  idType: "uuid" | "bigint" | "integer" | "text";
  ciphertextColumn: string;
  fingerprintColumn: string;
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  {
    table: "variables",
    idColumn: "id",
    idType: "uuid",
    ciphertextColumn: "ciphertext",
    fingerprintColumn: "key_fingerprint",
  },
  {
    table: "oidc_signing_keys",
    idColumn: "kid",
    idType: "text",
    ciphertextColumn: "ciphertext",
    fingerprintColumn: "key_fingerprint",
  },
];

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The names go into SQL text, so only plain lower-case identifiers are accepted. */
export function quoted(column: EncryptedColumn) {
  for (const name of [
    column.table,
    column.idColumn,
    column.ciphertextColumn,
    column.fingerprintColumn,
  ]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  }
  return {
    table: `"${column.table}"`,
    id: `"${column.idColumn}"`,
    ciphertext: `"${column.ciphertextColumn}"`,
    fingerprint: `"${column.fingerprintColumn}"`,
  };
}
