import type { LoadResult } from "../lib/load.js";

type Load = (seconds: number) => Promise<LoadResult>;

export interface RunResult {
  infos: LoadResult[];
  mes: LoadResult[];
  quiet: LoadResult[];
  busy: LoadResult[];
  signInsBusy: LoadResult[];
  /** me / serverInfo over this run's windows. */
  meRatio: number;
  /** me beside sign-ins / me alone over this run's windows. */
  duringRatio: number;
  /** Highest RSS sampled while `me` ran. */
  rssMiB: number;
}

/** Alternating windows within one run: this machine's throughput drifts ±20% over tens of seconds. */
const ROUNDS = 3;
const WINDOW_S = 4;

/**
 * One run of both ratios with targets. The two sides of each ratio are measured in
 * alternating windows and compared by their totals, so a drift hits both sides alike.
 */
export async function measureRun(
  infoLoad: Load,
  meLoad: Load,
  signInLoad: Load,
  rss: () => number,
): Promise<RunResult> {
  const infos: LoadResult[] = [];
  const mes: LoadResult[] = [];
  let rssMiB = 0;
  for (let round = 0; round < ROUNDS; round++) {
    infos.push(await infoLoad(WINDOW_S));
    const sampler = setInterval(() => {
      rssMiB = Math.max(rssMiB, rss());
    }, 250);
    mes.push(await meLoad(WINDOW_S));
    clearInterval(sampler);
  }
  const quiet: LoadResult[] = [];
  const busy: LoadResult[] = [];
  const signInsBusy: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    quiet.push(await meLoad(WINDOW_S));
    const [m, s] = await Promise.all([meLoad(WINDOW_S), signInLoad(WINDOW_S)]);
    busy.push(m);
    signInsBusy.push(s);
  }
  const all: Array<[string, LoadResult[]]> = [
    ["serverInfo", infos],
    ["me", mes],
    ["me quiet", quiet],
    ["me busy", busy],
    ["sign-ins busy", signInsBusy],
  ];
  for (const [name, rs] of all)
    for (const r of rs)
      if (r.non2xx > 0 || r.errors > 0 || r.refused > 0)
        throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.refused} refused`);
  const total = (rs: LoadResult[]) => rs.reduce((sum, r) => sum + r.rps, 0);
  return {
    infos,
    mes,
    quiet,
    busy,
    signInsBusy,
    meRatio: total(mes) / total(infos),
    duringRatio: total(busy) / total(quiet),
    rssMiB,
  };
}

/** Mean throughput and median latencies of several windows of the same load. */
export function average(rs: LoadResult[]): LoadResult {
  const median = (f: (r: LoadResult) => number) => rs.map(f).sort((a, b) => a - b)[rs.length >> 1]!;
  return {
    rps: rs.reduce((sum, r) => sum + r.rps, 0) / rs.length,
    p50: median((r) => r.p50),
    p99: median((r) => r.p99),
    errors: rs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: rs.reduce((sum, r) => sum + r.non2xx, 0),
    refused: rs.reduce((sum, r) => sum + r.refused, 0),
  };
}
