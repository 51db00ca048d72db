import type { Localized } from "../model/text.js";
import { ArchiveLimitError } from "./archive.js";
import type { Row } from "./table.js";

/**
 * What every spreadsheet reader (Office Open XML, OpenDocument, HTML tables) makes of a sheet:
 * rows of cell text as a CSV export of them would hold, but exact, with what the reader learnt
 * on the way (merged ranges, hidden rows, cells it could not read), and the bounds every reader
 * keeps so that no small file lays out more cells than it holds values.
 */
export interface SheetCells {
  /** The sheet's name, as its tab shows it. */
  name: string;
  rows: Row[];
  merges: Merge[];
  /** Merged ranges that reached past the sheet's last row or column, cut to it. */
  clippedMerges: string[];
  hiddenRows: number[];
  /** Cells whose formula has no cached value, as A1 references. */
  formulasWithoutValue: string[];
  /** Those formulas' text (without "="), by `column:line`, for evaluating them (formula.ts). */
  formulas?: Map<string, string>;
  /** Cells whose formula had no value and was evaluated here, as A1 references. */
  evaluated?: string[];
  /** Cells that could not be read, by `line:column`; their field holds FAULT. */
  faults: Map<string, CellFault>;
  /** Rows that are a table's total row by the file's own account (an Excel table's). */
  totalRows?: ReadonlySet<number>;
}

export interface Merge {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface CellFault {
  cell: string;
  reason: Localized;
}

/** Excel's own bounds: 1,048,576 rows and 16,384 columns (XFD). */
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;
/** Cells laid out (values, the blanks between them, merged fills) per cell holding a value. */
const LAYOUT_PER_VALUE = 8;
const LAYOUT_FLOOR = 1_000_000;

/** Marks a field whose cell could not be read (see SheetCells.faults). */
export const FAULT = "\uFFFD";

export function emptySheet(name: string): SheetCells {
  return {
    name,
    rows: [],
    merges: [],
    clippedMerges: [],
    hiddenRows: [],
    formulasWithoutValue: [],
    faults: new Map(),
  };
}

/**
 * Counts the cells a sheet lays out against the values it holds: a reader calls `value` for
 * each cell with a value and `layOut` for the cells it makes (blanks between values, fills).
 */
export class Layout {
  private values = 0;
  private cells = 0;
  constructor(private readonly sheet: string) {}
  value(): void {
    this.values++;
  }
  layOut(count: number): void {
    this.cells += count;
    if (this.cells > Math.max(LAYOUT_FLOOR, LAYOUT_PER_VALUE * this.values)) {
      throw new ArchiveLimitError(
        `sheet '${this.sheet}' spreads ${this.values} values over more than ${this.cells} cells`,
      );
    }
  }
}

/** A row finished: its blanks filled in and counted, then kept, or handed on (`onRow`). */
export function finishRow(
  cells: SheetCells,
  row: Row,
  layout: Layout,
  onRow?: (row: Row) => void,
): void {
  const { fields } = row;
  for (let index = 0; index < fields.length; index++) fields[index] ??= "";
  layout.layOut(fields.length);
  if (onRow) onRow(row);
  else cells.rows.push(row);
}

/**
 * A sheet being read as it inflates met what only a sheet read whole can mean (a formula whose
 * value must be worked out from other cells): the reader stops, and the sheet is read whole.
 */
export class SheetNeedsWhole extends Error {}

/** Rows in line order; a line given twice refuses the sheet (`error`). */
export function orderRows(cells: SheetCells, error: (line: number) => Error): void {
  const { rows } = cells;
  let ordered = true;
  for (let index = 1; index < rows.length && ordered; index++) {
    if ((rows[index]?.line ?? 0) <= (rows[index - 1]?.line ?? 0)) ordered = false;
  }
  if (ordered) return;
  rows.sort((a, b) => a.line - b.line);
  for (let index = 1; index < rows.length; index++) {
    if (rows[index]?.line === rows[index - 1]?.line) throw error(rows[index]?.line ?? 0);
  }
}

/**
 * Merged ranges filled from their top-left cell, as the eye reads a merged cell — within the
 * rows and columns that hold values: a range reaching past them is cut there, and never makes a
 * row the sheet does not have.
 */
export function fillMerged(cells: SheetCells, layout: Layout): void {
  const { rows, merges } = cells;
  if (merges.length === 0 || rows.length === 0) return;
  const lastLine = rows[rows.length - 1]?.line ?? 0;
  let width = 0;
  for (const row of rows) width = Math.max(width, row.fields.length);
  const byLine = new Map(rows.map((row, index) => [row.line, index]));
  for (const merge of merges) {
    const bottom = Math.min(merge.bottom, lastLine);
    const right = Math.min(merge.right, width - 1);
    if (bottom < merge.bottom || right < merge.right) cells.clippedMerges.push(merge.ref);
    const first = byLine.get(merge.top);
    const value = first === undefined ? "" : (rows[first]?.fields[merge.left] ?? "");
    if (value === "" || first === undefined) continue;
    for (let index = first; index < rows.length; index++) {
      const row = rows[index];
      if (!row || row.line > bottom) break;
      for (let column = merge.left; column <= right; column++) {
        if ((row.fields[column] ?? "") === "") {
          layout.layOut(1);
          row.fields[column] = value;
        }
      }
      for (let column = 0; column < row.fields.length; column++) row.fields[column] ??= "";
    }
  }
}

export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const shown = Number(value.toPrecision(15));
  // Plain digits, never 1e+21 or 1e-7: the value parsers read decimals.
  if (Number.isInteger(shown)) return BigInt(shown).toString();
  const text = String(shown);
  return text.includes("e") ? shown.toFixed(20).replace(/0+$/, "") : text;
}

const DAY = 86_400_000;

/** A date serial as YYYY-MM-DD (the time of day, if any, dropped). */
export function serialDate(serial: number, date1904: boolean): string {
  if (serial < 0 || serial > 2_958_465) return numberText(serial);
  const days = Math.floor(Math.round(serial * DAY) / DAY);
  if (days >= CACHED_DAYS) return dayText(days, date1904);
  const cache = dayCache(date1904);
  let text = cache[days];
  if (text === undefined) {
    text = dayText(days, date1904);
    cache[days] = text;
  }
  return text;
}

/**
 * A register's dates repeat: each day's text is made once, kept by its serial (an array, not a
 * map: a date cell is a lookup by index) for the days up to the year 2100.
 */
const CACHED_DAYS = 73_051;
let days1900: Array<string | undefined> | undefined;
let days1904: Array<string | undefined> | undefined;
function dayCache(date1904: boolean): Array<string | undefined> {
  if (date1904) {
    days1904 ??= new Array(CACHED_DAYS);
    return days1904;
  }
  days1900 ??= new Array(CACHED_DAYS);
  return days1900;
}

function dayText(days: number, date1904: boolean): string {
  // Excel counts 1900-02-29, which never was: serial 60 is that day, earlier ones one day later.
  if (!date1904 && days === 60) return "1900-02-29";
  const sinceEpoch = date1904 ? days + DAYS_1904_AFTER_1900 : days < 60 ? days + 1 : days;
  return civilDate(sinceEpoch + DAYS_1899_12_30);
}

/** Days from 1970-01-01 to Excel's day 0 (1899-12-30), and from it to the 1904 system's. */
const DAYS_1899_12_30 = -25_569;
const DAYS_1904_AFTER_1900 = 1_462;

/**
 * A day counted from 1970-01-01 as YYYY-MM-DD, in the proleptic Gregorian calendar: Howard
 * Hinnant's days-to-civil algorithm, without a Date made for each day.
 */
function civilDate(daysSince1970: number): string {
  const z = daysSince1970 + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1_460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

/** A Strict Open XML date cell (`t="d"`): its ISO 8601 text, the date part. */
export function isoDate(raw: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(raw);
  return match?.[1] ?? raw;
}

export function columnName(index: number): string {
  let name = "";
  let rest = index + 1;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    name = String.fromCharCode(65 + digit) + name;
    rest = Math.floor((rest - 1) / 26);
  }
  return name;
}

/** The 0-based column of a reference such as "AB12" (-1 when it has no letters). */
export function columnOf(reference: string): number {
  let index = 0;
  let letters = 0;
  for (let at = 0; at < reference.length && letters < 4; at++) {
    const code = reference.charCodeAt(at) | 32;
    if (code < 97 || code > 122) break;
    index = index * 26 + (code - 96);
    letters++;
  }
  return letters === 0 ? -1 : index - 1;
}

/** "B3:D5" as 1-based rows and 0-based columns. */
export function parseRange(ref: string): Omit<Merge, "ref"> | undefined {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const left = columnOf(match[1]);
  const top = Number(match[2]);
  const right = match[3] ? columnOf(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  if (top < 1 || bottom < 1) return undefined;
  return {
    top: Math.min(top, bottom, MAX_ROW),
    bottom: Math.min(Math.max(top, bottom), MAX_ROW),
    left: Math.min(left, right, MAX_COLUMN - 1),
    right: Math.min(Math.max(left, right), MAX_COLUMN - 1),
  };
}

/** Excel's built-in number formats that show a date (Chinese Excel's 27–36 and 50–58 among them). */
export const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a format code shows a date: a y, m, d, h or s outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, "")
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "");
  // The part for positive numbers decides; General and @ are not dates.
  const positive = bare.split(";")[0] ?? "";
  return /[ymdhsYMDHSe]/.test(positive.replace(/General/gi, ""));
}
