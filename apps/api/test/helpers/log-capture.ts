import type { DestinationStream } from "pino";

export interface LogCapture {
  stream: DestinationStream;
  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Everything written so far, raw (for "never contains" checks). */
  text(): string;
  /** Resolves with the first line that matches, waiting for it if need be. */
  waitFor(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
}

/** A pino destination that keeps what the server logs, for assertions. */
export function captureLogs(): LogCapture {
  let raw = "";
  const waiters: Array<() => void> = [];
  const parsed = () =>
    raw
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    stream: {
      write(chunk: string) {
        raw += chunk;
        for (const w of waiters.splice(0)) w();
      },
    },
    lines: parsed,
    text: () => raw,
    waitFor(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no matching log line within ${timeoutMs} ms:\n${raw.slice(-2000)}`)),
          timeoutMs,
        );
        const check = () => {
          const found = parsed().find(match);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}
