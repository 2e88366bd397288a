// CSV for spreadsheets, written by hand: RFC 4180 quoting plus formula-injection defence.

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab / carriage return, which some
 * strip before looking) as a formula: such a cell gets a leading apostrophe, which Excel,
 * LibreOffice and Sheets show as text. Usernames and details are user-controlled.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line, CRLF-terminated as RFC 4180 says. */
export function csvRow(values: ReadonlyArray<string | null | undefined>): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
