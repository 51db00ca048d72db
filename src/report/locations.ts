import { normalizePath } from "../model/baseline.js";
import { sha256Hex } from "../model/digest.js";
import type { InputError } from "../model/errors.js";
import type { Finding, Report } from "../model/report.js";

/**
 * What CI formats share: input problems as annotations too, and a fingerprint per finding that
 * survives edits above the row (rule + file + record, the same key as a baseline).
 */
export function fingerprint(finding: Finding): string {
  return sha256Hex(JSON.stringify([finding.ruleId, normalizePath(finding.file), finding.recordId]));
}

export function inputRuleId(error: InputError): string {
  return `input/${error.code}`;
}

/** Input errors and notices, the ones that point at a file: CI shows them on the file. */
export function locatedInputProblems(report: Report): InputError[] {
  return [...report.inputErrors, ...report.notices];
}

/** A relative URI reference: `#` and `?` in a file name are part of the path, not a fragment or query. */
export function uriOf(file: string): string {
  return encodeURI(normalizePath(file)).replaceAll("#", "%23").replaceAll("?", "%3F");
}

/** Where a finding or a problem is, as people read it: `file:12:column`, or `book.xlsx [小区] C12`. */
export function placeText(where: {
  file: string;
  sheet?: string | undefined;
  cell?: string | undefined;
  line: number | null;
  column?: string | null;
}): string {
  if (where.sheet !== undefined) {
    const at = where.cell ?? (where.line === null ? "" : `:${where.line}`);
    return `${where.file} [${where.sheet}]${at.startsWith(":") || at === "" ? at : ` ${at}`}`;
  }
  return [where.file, where.line, where.column ?? null].filter((part) => part !== null).join(":");
}

/** A line of a text file: rows of a workbook's sheet are not lines of the .xlsx file. */
export function textLine(where: {
  sheet?: string | undefined;
  line: number | null;
}): number | null {
  return where.sheet === undefined ? where.line : null;
}

/** A sheet and cell as a spreadsheet names them: `'小区'!C12`, or the sheet's row. */
export function sheetReference(where: {
  sheet?: string | undefined;
  cell?: string | undefined;
  line: number | null;
}): string | undefined {
  if (where.sheet === undefined) return undefined;
  const sheet = `'${where.sheet.replaceAll("'", "''")}'`;
  if (where.cell) return `${sheet}!${where.cell}`;
  return where.line === null ? sheet : `${sheet}!${where.line}:${where.line}`;
}
