import { checkVariableName, checkVariableValue, Limits } from "@gatehouse/shared";
import type { DataSource } from "typeorm";
import { badInput } from "../../errors.js";
import { KeyMismatchError } from "../secrets/key-check.js";
import type { AuditSink, SecretsService } from "../secrets/secrets.service.js";
import { keyMismatch, tooManyVariables, variableExists } from "./variable.errors.js";

/**
 * A variable for its owner only. `readable` is false when no configured key opens the
 * stored value; `value` is then "" (the contract keeps it non-null) and `keyFingerprint`
 * names the key an administrator must add.
 */
export interface VariableView {
  id: string;
  name: string;
  value: string;
  readable: boolean;
  keyFingerprint: string;
  updatedAt: Date;
}

interface Row {
  id: string;
  name: string;
  ciphertext: string;
  key_fingerprint: string;
  updated_at: Date;
}

export const VariableAction = {
  SET: "variable.set",
  DELETED: "variable.deleted",
} as const;

/**
 * Per-user encrypted values. Every method takes the owner from the caller's identity,
 * never from input, so nobody (superusers included) reads another user's values.
 */
export class VariablesService {
  constructor(
    private readonly ds: DataSource,
    private readonly secrets: SecretsService,
    private readonly audit?: AuditSink,
  ) {}

  /**
   * Every variable of the owner. One row written under a key this server lacks (another
   * instance's, or one dropped from the fallbacks too early) must not hide the others: it
   * comes back marked unreadable instead of failing the whole list.
   */
  async list(ownerId: string): Promise<VariableView[]> {
    const rows = (await this.ds.query(
      `SELECT id, name, ciphertext, key_fingerprint, updated_at
         FROM variables WHERE owner_id = $1 ORDER BY name`,
      [ownerId],
    )) as Row[];
    return rows.map((r) => {
      const value = this.secrets.open(r.ciphertext, r.key_fingerprint);
      return {
        id: r.id,
        name: r.name,
        value: value ?? "",
        readable: value !== null,
        keyFingerprint: r.key_fingerprint,
        updatedAt: r.updated_at,
      };
    });
  }

  /**
   * Creates or replaces; the value is encrypted under the primary key. With `onlyNew`, an
   * existing name is refused (VARIABLE_EXISTS) instead of overwritten: "Add" must never
   * silently replace a value its owner cannot see.
   */
  async set(
    ownerId: string,
    name: string,
    value: string,
    ip?: string | null,
    opts: { onlyNew?: boolean } = {},
  ): Promise<VariableView> {
    const nameProblem = checkVariableName(name);
    if (nameProblem) throw badInput(nameProblem, "name");
    const valueProblem = checkVariableValue(value);
    if (valueProblem) throw badInput(valueProblem, "value");
    // A lone surrogate would silently become U+FFFD in UTF-8: the owner would read back
    // something other than what they stored.
    if (Buffer.from(value, "utf8").toString("utf8") !== value) {
      throw badInput("The value must be valid Unicode text.", "value");
    }

    const [counted] = (await this.ds.query(
      `SELECT count(*)::int AS others FROM variables WHERE owner_id = $1 AND name <> $2`,
      [ownerId, name],
    )) as { others: number }[];
    if (counted!.others >= Limits.variablesPerUser) throw tooManyVariables();

    let sealed: Awaited<ReturnType<SecretsService["seal"]>>;
    try {
      sealed = await this.secrets.seal(value);
    } catch (err) {
      if (err instanceof KeyMismatchError) throw keyMismatch(err.message);
      throw err;
    }
    // One statement either way, so two concurrent "Add"s of one name cannot both succeed.
    const onConflict = opts.onlyNew
      ? "DO NOTHING"
      : `DO UPDATE
         SET ciphertext = EXCLUDED.ciphertext,
             key_fingerprint = EXCLUDED.key_fingerprint,
             updated_at = now()`;
    const [inserted] = (await this.ds.query(
      `INSERT INTO variables (owner_id, name, ciphertext, key_fingerprint)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (owner_id, name) ${onConflict}
       RETURNING id, name, updated_at`,
      [ownerId, name, sealed.ciphertext, sealed.fingerprint],
    )) as Row[];
    if (!inserted) throw variableExists(name);
    const row = inserted;
    await this.audit?.record({
      action: VariableAction.SET,
      actorId: ownerId,
      targetId: row.id,
      ip: ip ?? null,
      detail: `name=${name}`,
    });
    return {
      id: row.id,
      name: row.name,
      value,
      readable: true,
      keyFingerprint: sealed.fingerprint,
      updatedAt: row.updated_at,
    };
  }

  /** False when there was no such variable. */
  async delete(ownerId: string, name: string, ip?: string | null): Promise<boolean> {
    // TypeORM answers a DELETE with [rows, affected count].
    const [rows] = (await this.ds.query(
      `DELETE FROM variables WHERE owner_id = $1 AND name = $2 RETURNING id`,
      [ownerId, name],
    )) as [{ id: string }[], number];
    if (rows.length === 0) return false;
    await this.audit?.record({
      action: VariableAction.DELETED,
      actorId: ownerId,
      targetId: rows[0]!.id,
      ip: ip ?? null,
      detail: `name=${name}`,
    });
    return true;
  }
}
