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

/** One batch, read and re-encrypted, ready to be written. */
interface Batch {
  index: number;
  seen: number;
  ids: string[];
  olds: string[];
  news: string[];
  failed: number;
  /** Keyset cursor: the last id of this batch. */
  after?: string;
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
    // Reads and crypto happen outside any transaction: no locks are held while we compute,
    // and compare-and-set below makes the gap harmless.
    // Each batch must walk the primary key from the cursor, not rescan or sort the table:
    // hence two spellings rather than "$3 IS NULL OR id > $3" (which hides the range from the
    // planner), and ORDER BY on the table's column (the output alias `id` is text).
    const read = async (after: string | null): Promise<Row[]> =>
      (await dataSource.query(
        `SELECT t.${q.id}::text AS id, t.${q.ciphertext} AS ciphertext, t.${q.fingerprint} AS fingerprint
           FROM ${q.table} AS t
          WHERE t.${q.fingerprint} <> $1 ${after === null ? "" : `AND t.${q.id} > $3::${column.idType}`}
          ORDER BY t.${q.id}
          LIMIT $2`,
        after === null ? [primary, batchSize] : [primary, batchSize, after],
      )) as Row[];

    const prepare = async (rows: Row[]): Promise<Batch> => {
      const index = batchIndex++;
      await opts.afterRead?.(
        index,
        rows.map((r) => r.id),
      );
      const batch: Batch = { index, seen: rows.length, ids: [], olds: [], news: [], failed: 0 };
      for (const row of rows) {
        const opened = ring.open(row.ciphertext, row.fingerprint);
        if (!opened) {
          batch.failed++;
          continue;
        }
        batch.ids.push(row.id);
        batch.olds.push(row.ciphertext);
        if (!opts.dryRun) batch.news.push(ring.seal(opened.plaintext).ciphertext);
      }
      batch.after = rows[rows.length - 1]!.id;
      return batch;
    };

    const write = async (b: Batch): Promise<number> => {
      if (opts.dryRun || b.ids.length === 0) return b.ids.length;
      return dataSource.transaction(async (m) => {
        // TypeORM answers an UPDATE with [rows, affected count].
        const [, affected] = (await m.query(
          `UPDATE ${q.table} AS t
              SET ${q.ciphertext} = u.new, ${q.fingerprint} = $1
             FROM unnest($2::${column.idType}[], $3::text[], $4::text[]) AS u(id, old, new)
            WHERE t.${q.id} = u.id AND t.${q.ciphertext} = u.old`,
          [primary, b.ids, b.olds, b.news],
        )) as [unknown[], number];
        await opts.beforeCommit?.(b.index);
        return affected;
      });
    };

    const first = await read(null);
    let current = first.length > 0 ? await prepare(first) : null;
    while (current) {
      // Pipelined: while PostgreSQL writes this batch, the next one is read (on another pooled
      // connection) and its crypto runs here. PGlite's single connection just queues the read.
      const writing = write(current);
      writing.catch(() => {}); // awaited below; this only keeps Node from calling it unhandled
      const nextRows = await read(current.after!);
      const next = nextRows.length > 0 ? await prepare(nextRows) : null;
      const written = await writing;
      // Counted only once the batch committed: a rolled-back batch counts nothing.
      counts.failed += current.failed;
      counts.rotated += written;
      counts.skipped += current.ids.length - written;
      done += current.seen;
      opts.onProgress?.({ done, total: Math.max(total, done) });
      current = next;
    }
  }
  if (!opts.dryRun) await rotateCheckValue(dataSource, ring);
  return counts;
}
