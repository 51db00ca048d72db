/**
 * Escaping for every output that a person opens: a name from the data must stay text, never
 * become a spreadsheet formula, markup or a workflow command.
 */

/** Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection"). */
const formulaStart = /^[=+\-@\t\r]/;

/** RFC 4180 quoting; also quotes the other delimiters and edge spaces, so any reader agrees. */
export function csvQuote(text: string): string {
  return /[",;\t\r\n]/.test(text) || text !== text.trim()
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  // The apostrophe makes Excel and LibreOffice show the cell as text; the rest is kept intact.
  return csvQuote(formulaStart.test(value) ? `'${value}` : value);
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** Excel on Windows reads a UTF-8 CSV right only with a byte-order mark. */
export const UTF8_BOM = "\uFEFF";

export function xmlText(value: string): string {
  return (
    value
      .replaceAll("&", "&amp;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;")
      .replaceAll('"', "&quot;")
      .replaceAll("'", "&apos;")
      // XML 1.0 cannot carry most control characters at all, even escaped.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\uFFFD")
  );
}

export const htmlText = xmlText;

/** Markdown that renders as the literal text: specials backslash-escaped, markup as entities. */
export function markdownText(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replace(/([\\`*_[\]|~])/g, "\\$1")
    .replace(/\r\n|\r|\n/g, " ");
}

/** GitHub Actions workflow commands: the message part. */
export function githubData(value: string): string {
  return value.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** GitHub Actions workflow commands: a property value (file, title), which also ends at : and ,. */
export function githubProperty(value: string): string {
  return githubData(value).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
