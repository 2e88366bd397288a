import { type ComponentType, lazy } from "react";

/**
 * React.lazy keeps a rejected import for good, so one failed chunk request (server
 * restarting, network gone) would break the page until a reload. This forgets a failed
 * import: the next render (the error boundary's Retry) asks for the chunk again.
 */
export function lazyPage<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  const fresh = () =>
    lazy(() =>
      load().catch((err: unknown) => {
        Current = fresh();
        throw err;
      }),
    );
  let Current = fresh();
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module level, like lazy()
  return function LazyPage(props: P) {
    return <Current {...props} />;
  };
}
