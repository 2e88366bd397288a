import { useCallback, useRef, useState } from "react";
import { errorMessage } from "../lib/errors";

export interface Action {
  busy: boolean;
  /** The last failure as a sentence for the page, or null. */
  error: string | null;
  setError(message: string | null): void;
  /**
   * Runs `fn` with busy set and the previous error cleared; a failure becomes `error`.
   * Resolves true when `fn` succeeded. With `keepBusy` the busy flag stays on after success
   * (the page is about to navigate away).
   */
  run(fn: () => Promise<unknown>, opts?: { keepBusy?: boolean }): Promise<boolean>;
}

/**
 * Busy and error state around a mutation or other async call, the same everywhere:
 * `describe` turns a failure into the sentence shown (default: the server's message).
 */
export function useAction(describe: (err: unknown) => string = defaultMessage): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const describeRef = useRef(describe);
  describeRef.current = describe;

  const run = useCallback(async (fn: () => Promise<unknown>, opts?: { keepBusy?: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      if (!opts?.keepBusy) setBusy(false);
      return true;
    } catch (err) {
      setError(describeRef.current(err));
      setBusy(false);
      return false;
    }
  }, []);

  return { busy, error, setError, run };
}

function defaultMessage(err: unknown): string {
  return errorMessage(err) || String(err);
}
