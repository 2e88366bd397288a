import type { DataSource } from "typeorm";
import { ConfigError } from "../../config/config-error.js";
import { type EncryptedColumn, quoted } from "./encrypted-columns.js";
import type { KeyRing } from "./key-ring.js";

/** The known plaintext of the check row; what matters is that it decrypts. */
const CHECK_PLAINTEXT = "gatehouse secret key check v1";
const CHECK_ID = 1;

interface CheckRow {
  ciphertext: string;
  fingerprint: string;
}

export async function readCheckValue(ds: DataSource): Promise<CheckRow | null> {
  const rows = (await ds.query(
    `SELECT ciphertext, key_fingerprint AS fingerprint FROM secret_key_check WHERE id = $1`,
    [CHECK_ID],
  )) as CheckRow[];
  return rows[0] ?? null;
}

function checkOpens(ring: KeyRing, row: CheckRow): boolean {
  return ring.open(row.ciphertext, row.fingerprint)?.plaintext.toString("utf8") === CHECK_PLAINTEXT;
}

/** Distinct fingerprints of every stored ciphertext, across all encrypted columns. */
export async function storedFingerprints(
  ds: DataSource,
  columns: readonly EncryptedColumn[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const column of columns) {
    const q = quoted(column);
    const rows = (await ds.query(
      `SELECT ${q.fingerprint} AS fingerprint, count(*)::int AS n FROM ${q.table} GROUP BY 1`,
    )) as { fingerprint: string; n: number }[];
    for (const r of rows) found.set(r.fingerprint, (found.get(r.fingerprint) ?? 0) + r.n);
  }
  return found;
}

export class KeyMismatchError extends Error {
  override name = "KeyMismatchError";
  constructor(
    readonly stored: string[],
    readonly configured: string[],
  ) {
    super(
      `the configured secret keys cannot read the stored secrets: stored data uses key fingerprint(s) ${stored.join(", ")}, configured key fingerprint(s) are ${configured.join(", ")}; set GATEHOUSE_SECRET_KEY (or GATEHOUSE_SECRET_KEY_FALLBACKS) to the key the data was written with.`,
    );
  }
}

/**
 * Guards against two instances (or a restart) with different keys: the first write stores
 * a check value under the current key, and an instance whose keys cannot open it never
 * writes. Once verified, the answer is kept for the life of the process.
 */
export class KeyCheck {
  private verified = false;

  constructor(
    private readonly ds: DataSource,
    private readonly ring: KeyRing,
    private readonly columns: readonly EncryptedColumn[],
  ) {}

  /** Start-up: refuse (ConfigError, one line) when the stored data is not readable by us. */
  async atStartup(): Promise<{ unknownFingerprints: string[] }> {
    const stored = await storedFingerprints(this.ds, this.columns);
    const check = await readCheckValue(this.ds);
    const configured = this.ring.fingerprints;
    const unknown = [...stored.keys()].filter((fp) => !this.ring.has(fp));
    const checkFails = check !== null && !checkOpens(this.ring, check);
    const noneKnown = stored.size > 0 && unknown.length === stored.size;
    if (checkFails || noneKnown) {
      const names = new Set([...stored.keys(), ...(check ? [check.fingerprint] : [])]);
      throw new ConfigError(new KeyMismatchError([...names].sort(), configured).message);
    }
    if (check) this.verified = true;
    return { unknownFingerprints: unknown };
  }

  /** Before writing a ciphertext: creates the check value if absent and proves we can read it. */
  async beforeWrite(): Promise<void> {
    if (this.verified) return;
    const sealed = this.ring.seal(CHECK_PLAINTEXT);
    await this.ds.query(
      `INSERT INTO secret_key_check (id, ciphertext, key_fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO NOTHING`,
      [CHECK_ID, sealed.ciphertext, sealed.fingerprint],
    );
    const check = await readCheckValue(this.ds);
    if (!check || !checkOpens(this.ring, check)) {
      throw new KeyMismatchError(check ? [check.fingerprint] : [], this.ring.fingerprints);
    }
    this.verified = true;
  }
}

/** Rotation's last step: the check value follows the data to the primary key. */
export async function rotateCheckValue(ds: DataSource, ring: KeyRing): Promise<void> {
  const check = await readCheckValue(ds);
  if (!check || check.fingerprint === ring.primary.fingerprint || !checkOpens(ring, check)) return;
  const sealed = ring.seal(CHECK_PLAINTEXT);
  await ds.query(
    `UPDATE secret_key_check SET ciphertext = $1, key_fingerprint = $2, updated_at = now()
      WHERE id = $3 AND ciphertext = $4`,
    [sealed.ciphertext, sealed.fingerprint, CHECK_ID, check.ciphertext],
  );
}
