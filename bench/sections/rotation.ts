import { fmt, type Row } from "../lib/table.js";
import { benchRotation } from "../rotation.bench.js";

/** Item 6: rotation of 100,000 ciphertexts vs the crypto and database ceilings, same run. */
export async function benchRotationSection(): Promise<Row[]> {
  const rows = Number(process.env.BENCH_ROTATION_ROWS ?? "100000");
  const r = await benchRotation({ rows, databaseUrl: process.env.DATABASE_URL });
  return [
    {
      section: "rotation",
      metric: `rotate ${fmt(rows, 0)} ciphertexts end to end`,
      value: `${fmt(Number(r.rotationRowsPerSecond), 0)} rows/s (${r.rotationSeconds} s)`,
    },
    {
      section: "rotation",
      metric: "bare decrypt+encrypt loop (crypto ceiling)",
      value: `${fmt(Number(r.cryptoRowsPerSecond), 0)} rows/s`,
    },
    {
      section: "rotation",
      metric: "bare batched UPDATE (database ceiling)",
      value: `${fmt(Number(r.bareUpdateRowsPerSecond), 0)} rows/s`,
    },
    {
      section: "rotation",
      metric: "rotation / crypto ceiling",
      value: fmt(Number(r.rotationVsCrypto), 2),
    },
    {
      section: "rotation",
      metric: "rotation / database ceiling",
      value: fmt(Number(r.rotationVsBareUpdate), 2),
    },
  ];
}
