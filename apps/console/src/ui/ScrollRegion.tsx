import type { ReactNode } from "react";

/**
 * A table's horizontal scroller. It can be focused, so keyboard users can scroll a table wider
 * than their screen (axe: scrollable-region-focusable); the label names it as a region.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
