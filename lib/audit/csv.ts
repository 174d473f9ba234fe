// CSV for spreadsheets, safe to open: RFC 4180 quoting, and every cell a spreadsheet would read as
// a formula (starting with = + - @, a tab or a carriage return) prefixed with an apostrophe (OWASP
// "CSV injection"): a name such as "=HYPERLINK(…)" typed into the app stays text in Excel.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line, CRLF-terminated as RFC 4180 asks. */
export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
