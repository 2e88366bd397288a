import type { Adapter, AdapterPayload } from "oidc-provider";
import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import { LookupCoalescer } from "../../db/lookup-coalescer.js";

/** Looks clients up from the oidc_clients table (oidc-client.service.ts). */
export interface ClientSource {
  metadataFor(clientId: string): Promise<AdapterPayload | undefined>;
}

interface Row {
  payload: AdapterPayload;
  consumed_at: Date | null;
}

/** Splits "<model> <id>" keys (model names have no spaces). */
const SEP = " ";

/**
 * oidc-provider's storage on the database, so every instance sees every code, token, grant,
 * session and interaction. One table for all models; expired rows are ignored on read and
 * deleted by prune(). Clients come from their own table.
 */
export function databaseAdapter(ds: DataSource, clock: Clock, clients: ClientSource) {
  // Look-ups by id (codes, tokens, grants, sessions) that arrive together share one round
  // trip: a refresh reads a token and its grant, and on embedded PGlite every statement waits
  // its turn, so round trips are what limits the token endpoint. Never answered by a query
  // sent before the look-up arrived (LookupCoalescer), so a consumed token reads as consumed.
  const byId = new LookupCoalescer<string, Row>(async (keys) => {
    const models = keys.map((k) => k.slice(0, k.indexOf(SEP)));
    const ids = keys.map((k) => k.slice(k.indexOf(SEP) + 1));
    const rows = (await ds.query(
      `SELECT p.model, p.id, p.payload, p.consumed_at
         FROM unnest($1::text[], $2::text[]) AS k(model, id)
         JOIN oidc_payloads p ON p.model = k.model AND p.id = k.id
        WHERE p.expires_at IS NULL OR p.expires_at > $3`,
      [models, ids, clock.now()],
    )) as (Row & { model: string; id: string })[];
    return new Map(rows.map((r) => [`${r.model}${SEP}${r.id}`, r]));
  });

  return class DatabaseAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === "Client") return;
      const expiresAt = expiresIn ? new Date(clock.now().getTime() + expiresIn * 1000) : null;
      await ds.query(
        `INSERT INTO oidc_payloads (model, id, payload, grant_id, user_code, uid, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (model, id) DO UPDATE
           SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
               user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [
          this.model,
          id,
          JSON.stringify(payload),
          payload.grantId ?? null,
          payload.userCode ?? null,
          payload.uid ?? null,
          expiresAt,
        ],
      );
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === "Client") return clients.metadataFor(id);
      const row = await byId.load(`${this.model}${SEP}${id}`);
      return row ? withConsumed(row) : undefined;
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.one("user_code = $2", userCode);
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.one("uid = $2", uid);
    }

    async consume(id: string): Promise<void> {
      await ds.query(
        `UPDATE oidc_payloads SET consumed_at = $3 WHERE model = $1 AND id = $2 AND consumed_at IS NULL`,
        [this.model, id, clock.now()],
      );
    }

    async destroy(id: string): Promise<void> {
      await ds.query(`DELETE FROM oidc_payloads WHERE model = $1 AND id = $2`, [this.model, id]);
    }

    /** Every token of a grant, whatever its model (a reused code revokes them all). */
    async revokeByGrantId(grantId: string): Promise<void> {
      await ds.query(`DELETE FROM oidc_payloads WHERE grant_id = $1`, [grantId]);
    }

    private async one(where: string, value: string): Promise<AdapterPayload | undefined> {
      const rows = (await ds.query(
        `SELECT payload, consumed_at FROM oidc_payloads
          WHERE model = $1 AND ${where} AND (expires_at IS NULL OR expires_at > $3)
          LIMIT 1`,
        [this.model, value, clock.now()],
      )) as Row[];
      const row = rows[0];
      return row ? withConsumed(row) : undefined;
    }
  };
}

/** The library reads `consumed` to detect a reused code or refresh token. */
function withConsumed(row: Row): AdapterPayload {
  // A copy: look-ups that shared a row must not share the object the library mutates.
  const payload = structuredClone(row.payload);
  if (row.consumed_at) payload.consumed = Math.floor(new Date(row.consumed_at).getTime() / 1000);
  return payload;
}

/** Deletes expired payloads; returns how many. */
export async function pruneExpiredPayloads(ds: DataSource, clock: Clock): Promise<number> {
  const [, affected] = (await ds.query(
    `DELETE FROM oidc_payloads WHERE expires_at IS NOT NULL AND expires_at <= $1`,
    [clock.now()],
  )) as [unknown, number];
  return affected;
}
