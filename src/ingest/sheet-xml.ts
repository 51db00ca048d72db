import type { Row } from "./table.js";
import {
  ArchiveLimitError,
  ArchiveReadError,
  type SheetPlan,
  scanPart,
  type WorkbookPlan,
} from "./workbook-archive.js";
import { attribute, decodeOfficeEscapes } from "./xml-scan.js";

/**
 * One sheet's cells as the text a CSV export of it would hold, but exact: numbers to the 15
 * significant digits Excel shows (401.2, not 401.19999999999999), date cells as YYYY-MM-DD, a
 * formula by its cached value. Read in one pass over the sheet's part; merged ranges filled from
 * their top-left cell within the cells the sheet really holds.
 */
export interface SheetCells {
  plan: SheetPlan;
  rows: Row[];
  merges: Merge[];
  /** Merged ranges that reached past the sheet's last row or column, cut to it. */
  clippedMerges: string[];
  hiddenRows: number[];
  /** Cells whose formula has no cached value, as A1 references. */
  formulasWithoutValue: string[];
  /** Cells that could not be read, by `line:column`; their field holds U+FFFD. */
  faults: Map<string, CellFault>;
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
  reason: { zh: string; en: string };
}

/** Excel's own bounds: 1,048,576 rows and 16,384 columns (XFD). */
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;
/** Cells laid out (values, the blanks between them, merged fills) per cell holding a value. */
const LAYOUT_PER_VALUE = 8;
const LAYOUT_FLOOR = 1_000_000;

/** Marks a field whose cell could not be read (see SheetCells.faults). */
export const FAULT = "\uFFFD";

export async function readSheetCells(plan: WorkbookPlan, sheet: SheetPlan): Promise<SheetCells> {
  const cells: SheetCells = {
    plan: sheet,
    rows: [],
    merges: [],
    clippedMerges: [],
    hiddenRows: [],
    formulasWithoutValue: [],
    faults: new Map(),
  };
  const { strings, dateStyles, date1904 } = plan;
  let row: Row | undefined;
  let rowNumber = 0;
  let column = -1;
  let outOfOrder = false;
  let lastLine = 0;
  // The cell being read.
  let type = "";
  let style = 0;
  let value: string[] | undefined;
  let formula: string[] | undefined;
  let inline: string[] | undefined;
  let phonetic = 0;
  let into: string[] | undefined;
  let valued = 0;
  let laidOut = 0;
  const layoutLimit = () => Math.max(LAYOUT_FLOOR, LAYOUT_PER_VALUE * valued);
  const where = (index: number) => `${columnName(index)}${rowNumber}`;
  const outside = (what: string) =>
    new ArchiveReadError(
      `sheet '${sheet.name}': ${what} is outside a sheet's 1,048,576 rows and 16,384 columns`,
    );

  const finishRow = () => {
    if (!row) return;
    const { fields } = row;
    for (let index = 0; index < fields.length; index++) fields[index] ??= "";
    laidOut += fields.length;
    if (laidOut > layoutLimit()) {
      throw new ArchiveLimitError(
        `sheet '${sheet.name}' spreads ${valued} values over more than ${laidOut} cells`,
      );
    }
    if (row.line <= lastLine) outOfOrder = true;
    lastLine = row.line;
    cells.rows.push(row);
    row = undefined;
  };

  const finishCell = () => {
    const raw = value?.join("");
    let text: string | undefined;
    if (type === "inlineStr") text = decodeOfficeEscapes((inline ?? []).join(""));
    else if (raw === undefined) {
      if (formula) {
        text = `=${formula.join("")}`;
        cells.formulasWithoutValue.push(where(column));
      }
    } else if (type === "s") {
      const index = Number(raw.trim());
      const found = strings && Number.isInteger(index) && index >= 0 ? strings[index] : undefined;
      if (found === undefined) {
        text = FAULT;
        cells.faults.set(`${rowNumber}:${column}`, {
          cell: where(column),
          reason: {
            zh: `引用了第 ${raw.trim()} 个共享字符串,而工作簿只有 ${strings?.length ?? 0} 个`,
            en: `names shared string ${raw.trim()}, but the workbook holds ${strings?.length ?? 0}`,
          },
        });
      } else text = found;
    } else if (type === "str" || type === "e") text = decodeOfficeEscapes(raw);
    else if (type === "b") text = raw.trim() === "1" || raw.trim() === "true" ? "TRUE" : "FALSE";
    else if (type === "d") text = isoDate(raw.trim());
    else text = numberCell(raw.trim(), dateStyles[style] === true, date1904);
    if (text !== undefined && text !== "") {
      if (text.includes(FAULT) && !cells.faults.has(`${rowNumber}:${column}`)) {
        cells.faults.set(`${rowNumber}:${column}`, {
          cell: where(column),
          reason: {
            zh: "含有无法按该表声明的编码解码的字节",
            en: "holds bytes the sheet's declared encoding refuses",
          },
        });
      }
      if (!row) row = { line: rowNumber, fields: [] };
      row.fields[column] = text;
      valued++;
    }
    value = formula = inline = into = undefined;
  };

  await scanPart(plan.archive, sheet.entry, {
    open(name, attributes, empty) {
      switch (name) {
        case "row": {
          finishRow();
          const r = attribute(attributes, "r");
          rowNumber = r === undefined ? rowNumber + 1 : Number(r);
          if (!Number.isInteger(rowNumber) || rowNumber < 1 || rowNumber > MAX_ROW) {
            throw outside(`row ${r}`);
          }
          column = -1;
          const hidden = attribute(attributes, "hidden");
          if (hidden === "1" || hidden === "true") cells.hiddenRows.push(rowNumber);
          return;
        }
        case "c": {
          const reference = attribute(attributes, "r");
          column = reference === undefined ? column + 1 : columnOf(reference);
          if (column < 0 || column >= MAX_COLUMN)
            throw outside(`cell ${reference ?? where(column)}`);
          type = attribute(attributes, "t") ?? "n";
          style = Number(attribute(attributes, "s") ?? 0);
          value = formula = inline = into = undefined;
          phonetic = 0;
          if (empty) finishCell();
          return;
        }
        case "v":
          value = [];
          into = empty ? undefined : value;
          return;
        case "f":
          formula = [];
          into = empty ? undefined : formula;
          return;
        case "is":
          inline = [];
          return;
        case "rPh":
          if (!empty) phonetic++;
          return;
        case "t":
          if (inline && !empty && phonetic === 0) into = inline;
          return;
        case "mergeCell": {
          const ref = attribute(attributes, "ref");
          const range = ref ? parseRange(ref) : undefined;
          if (ref && range) cells.merges.push({ ref, ...range });
          return;
        }
      }
    },
    close(name) {
      switch (name) {
        case "c":
          finishCell();
          return;
        case "v":
        case "f":
        case "t":
          into = undefined;
          return;
        case "rPh":
          phonetic--;
          return;
        case "row":
          finishRow();
          return;
      }
    },
    text(piece) {
      into?.push(piece);
    },
  });
  finishRow();
  if (outOfOrder) {
    cells.rows.sort((a, b) => a.line - b.line);
    for (let index = 1; index < cells.rows.length; index++) {
      if (cells.rows[index]?.line === cells.rows[index - 1]?.line) {
        throw new ArchiveReadError(
          `sheet '${sheet.name}' holds row ${cells.rows[index]?.line} twice`,
        );
      }
    }
  }
  fillMerged(cells, () => {
    laidOut++;
    if (laidOut > layoutLimit()) {
      throw new ArchiveLimitError(
        `sheet '${sheet.name}': its merged ranges fill more than ${laidOut} cells`,
      );
    }
  });
  return cells;
}

/**
 * Merged ranges filled from their top-left cell, as the eye reads a merged cell — within the
 * rows and columns that hold values: a range reaching past them is cut there, and never makes a
 * row the sheet does not have.
 */
function fillMerged(cells: SheetCells, count: () => void): void {
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
          count();
          row.fields[column] = value;
        }
      }
      for (let column = 0; column < row.fields.length; column++) row.fields[column] ??= "";
    }
  }
}

/** A number cell's text: 15 significant digits, or the date its style shows. */
function numberCell(raw: string, isDate: boolean, date1904: boolean): string {
  if (raw === "") return "";
  const number = Number(raw);
  if (!Number.isFinite(number)) return raw;
  return isDate ? serialDate(number, date1904) : numberText(number);
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
/** Excel's day 0 in the 1900 system falls on 1899-12-30 once its phantom 1900-02-29 is passed. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A date serial as YYYY-MM-DD (the time of day, if any, dropped). */
export function serialDate(serial: number, date1904: boolean): string {
  if (serial < 0 || serial > 2_958_465) return numberText(serial);
  const days = Math.floor(Math.round(serial * DAY) / DAY);
  if (date1904) return new Date(EPOCH_1904 + days * DAY).toISOString().slice(0, 10);
  // Excel counts 1900-02-29, which never was: serial 60 is that day, earlier ones one day later.
  if (days === 60) return "1900-02-29";
  return new Date(EPOCH_1900 + (days < 60 ? days + 1 : days) * DAY).toISOString().slice(0, 10);
}

/** A Strict Open XML date cell (`t="d"`): its ISO 8601 text, the date part. */
function isoDate(raw: string): string {
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
function columnOf(reference: string): number {
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
