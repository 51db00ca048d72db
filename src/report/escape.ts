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

/**
 * Markdown that renders as the literal text: specials backslash-escaped, markup as entities,
 * control characters replaced, and `@name` kept from notifying anyone (a zero-width space after
 * the @, so a pull-request comment never mentions a user or team named in the data).
 */
export function markdownText(value: string): string {
  return (
    value
      .replaceAll("&", "&amp;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;")
      .replace(/([\\`*_[\]|~#])/g, "\\$1")
      .replace(/\r\n|\r|\n/g, " ")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing them is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "\uFFFD")
      .replaceAll("@", "@\u200B")
  );
}

/** GitHub Actions workflow commands: the message part. */
export function githubData(value: string): string {
  // The runner reads %, CR and LF as escapes; any other control character is shown as text.
  return safeText(value.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A"));
}

/** GitHub Actions workflow commands: a property value (file, title), which also ends at : and ,. */
export function githubProperty(value: string): string {
  return githubData(value).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/**
 * Text for a terminal or a CI log: control characters (ESC and OSC sequences, a carriage return
 * that would overwrite a line, a newline that would start a `::error` workflow command) become
 * visible escapes, so nothing from the data can move the cursor, recolour or command anything.
 */
export function safeText(text: string): string {
  let safe = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control =
      code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    safe += control ? (char === "\n" ? "\\n" : `\\x${code.toString(16).padStart(2, "0")}`) : char;
  }
  return safe;
}

/** Several lines for a terminal: each line made safe, the line breaks kept. */
export function safeLines(text: string): string {
  return text.split("\n").map(safeText).join("\n");
}
