export interface Row {
  section: string;
  metric: string;
  value: string;
  target?: string;
  /** undefined when there is no target. */
  met?: boolean;
}

export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return "n/a";
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(digits);
}

export function markdown(rows: Row[]): string {
  const head = "| section | metric | value | target | met |\n| --- | --- | --- | --- | --- |";
  const body = rows
    .map(
      (r) =>
        `| ${r.section} | ${r.metric} | ${r.value} | ${r.target ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`,
    )
    .join("\n");
  return `${head}\n${body}`;
}
