import type { ReactNode } from "react";

/**
 * The box around a table that may be wider than a phone: it scrolls sideways, and since a
 * keyboard user can only scroll what can take focus, it is a named, focusable region (a labelled section)
 * (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to scroll by keyboard
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
