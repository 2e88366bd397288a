import type { DataSource } from "typeorm";
import { type EncryptedColumn, quoted } from "./encrypted-columns.js";
import { rotateCheckValue } from "./key-check.js";
import type { KeyRing } from "./key-ring.js";

export interface RotationCounts {
  /** Re-encrypted under the primary key by this run (or, in a dry run, that would be). */
  rotated: number;
  /** Already under the primary key when the run started. */
  alreadyCurrent: number;
  /** No configured key could decrypt them; left untouched. */
  failed: number;
  /** Changed by someone else between our read and our write (a live write, another rotation). */
  skipped: number;
}

export interface RotationProgress {
  /** Rows looked at so far among those not under the primary key. */
  done: number;
  /** Rows not under the primary key when the run started (others may appear meanwhile). */
  total: number;
}

export interface RotationOptions {
  batchSize?: number;
  dryRun?: boolean;
  onProgress?: (p: RotationProgress) => void;
  /** Tests: runs after a batch was read, before it is written (to interleave live writes). */
  afterRead?: (batchIndex: number, ids: string[]) => Promise<void> | void;
  /** Tests: runs inside each batch's transaction before it commits; a throw rolls it back. */
  beforeCommit?: (batchIndex: number) => Promise<void> | void;
}

export const DEFAULT_BATCH_SIZE = 500;

interface Row {
  id: string;
  ciphertext: string;
  fingerprint: string;
}

/**
 * Re-encrypts every ciphertext not under the primary key. Batches walk the table in id
 * order and commit one by one, so a run killed half-way keeps what it finished and the
 * next run picks up the rest. A row is written only if it still holds the ciphertext we
 * read (compare-and-set): a value written meanwhile by setVariable, or rotated by another
 * run, is never overwritten with stale data. Ciphertext and fingerprint change together in
 * one statement, so no row is ever left unreadable.
 */
export async function rotateCiphertexts(
  dataSource: DataSource,
  ring: KeyRing,
  columns: readonly EncryptedColumn[],
  opts: RotationOptions = {},
): Promise<RotationCounts> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const primary = ring.primary.fingerprint;
  const counts: RotationCounts = { rotated: 0, alreadyCurrent: 0, failed: 0, skipped: 0 };

  let total = 0;
  for (const column of columns) {
    const q = quoted(column);
    const [row] = (await dataSource.query(
      `SELECT count(*) FILTER (WHERE ${q.fingerprint} = $1)::int AS current,
              count(*) FILTER (WHERE ${q.fingerprint} <> $1)::int AS stale
         FROM ${q.table}`,
      [primary],
    )) as { current: number; stale: number }[];
    counts.alreadyCurrent += row!.current;
    total += row!.stale;
  }

  let done = 0;
  let batchIndex = 0;
  for (const column of columns) {
    const q = quoted(column);
    let after: string | null = null;
    for (;;) {
      const index = batchIndex++;
      // Read and crypto happen outside any transaction: no locks are held while we compute,
      // and compare-and-set below makes the gap harmless.
      const rows = (await dataSource.query(
        `SELECT ${q.id}::text AS id, ${q.ciphertext} AS ciphertext, ${q.fingerprint} AS fingerprint
           FROM ${q.table}
          WHERE ${q.fingerprint} <> $1 AND ($2::text IS NULL OR ${q.id} > $2::${column.idType})
          ORDER BY ${q.id}
          LIMIT $3`,
        [primary, after, batchSize],
      )) as Row[];
      if (rows.length === 0) break;
      await opts.afterRead?.(
        index,
        rows.map((r) => r.id),
      );
      const ids: string[] = [];
      const olds: string[] = [];
      const news: string[] = [];
      let failed = 0;
      for (const row of rows) {
        const opened = ring.open(row.ciphertext, row.fingerprint);
        if (!opened) {
          failed++;
          continue;
        }
        ids.push(row.id);
        olds.push(row.ciphertext);
        if (!opts.dryRun) news.push(ring.seal(opened.plaintext).ciphertext);
      }
      let written = ids.length;
      if (!opts.dryRun && ids.length > 0) {
        written = await dataSource.transaction(async (m) => {
          // TypeORM answers an UPDATE with [rows, affected count].
          const [, affected] = (await m.query(
            `UPDATE ${q.table} AS t
                SET ${q.ciphertext} = u.new, ${q.fingerprint} = $1
               FROM unnest($2::${column.idType}[], $3::text[], $4::text[]) AS u(id, old, new)
              WHERE t.${q.id} = u.id AND t.${q.ciphertext} = u.old
             RETURNING t.${q.id}`,
            [primary, ids, olds, news],
          )) as [unknown[], number];
          await opts.beforeCommit?.(index);
          return affected;
        });
      }
      // Counted only once the batch committed: a rolled-back batch counts nothing.
      counts.failed += failed;
      counts.rotated += written;
      counts.skipped += ids.length - written;
      after = rows[rows.length - 1]!.id;
      done += rows.length;
      opts.onProgress?.({ done, total: Math.max(total, done) });
    }
  }
  if (!opts.dryRun) await rotateCheckValue(dataSource, ring);
  return counts;
}
