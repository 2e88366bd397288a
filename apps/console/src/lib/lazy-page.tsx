import { type ComponentType, lazy } from "react";

/** Pages whose chunk failed to load, each with the way to ask for it again. */
const failed = new Set<() => void>();

/**
 * React.lazy keeps a rejected import for good, so one failed chunk request (server
 * restarting, network gone) would break the page until a reload. A page made here can be
 * asked for again: retryFailedPages() (the error boundary's Retry) swaps in a fresh import.
 * Only then, never during rendering: React renders again after a rejection, and a fresh
 * import at that point would retry forever instead of reaching the error boundary.
 */
export function lazyPage<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  const reset = () => {
    Current = fresh();
  };
  const fresh = () =>
    lazy(() =>
      load().catch((err: unknown) => {
        failed.add(reset);
        throw err;
      }),
    );
  let Current = fresh();
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module level, like lazy()
  return function LazyPage(props: P) {
    return <Current {...props} />;
  };
}

/** Forgets every failed page import, so the next render fetches those chunks again. */
export function retryFailedPages(): void {
  for (const reset of failed) reset();
  failed.clear();
}
