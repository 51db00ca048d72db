import { problemPhrases } from "../model/errors.js";
import { ArchiveReadError } from "./archive.js";
import { decode, decodeLeniently, type EncodingChoice } from "./decode.js";
import {
  columnName,
  emptySheet,
  FAULT,
  fillMerged,
  finishRow,
  Layout,
  MAX_COLUMN,
  MAX_ROW,
  numberText,
  type SheetCells,
} from "./sheet-cells.js";
import type { Row } from "./table.js";

/**
 * A web page holding tables: what OA systems and Excel's "save as web page" send under an .xls
 * name. Each top-level <table> is read as a sheet (named "table 1", "table 2", …), its cells as
 * the text a browser shows, row and column spans as merged ranges, and Excel's exact number
 * (x:num) where the text shows that number rounded.
 */
export function readHtmlTables(bytes: Uint8Array, encoding: EncodingChoice): SheetCells[] {
  const text = decodeHtml(bytes, encoding);
  const sheets: SheetCells[] = [];
  let depth = 0;
  let table: { cells: SheetCells; layout: Layout; occupied: Map<number, Set<number>> } | undefined;
  let rowNumber = 0;
  let row: Row | undefined;
  let column = 0;
  let cell:
    | { parts: string[]; number: string | undefined; across: number; down: number }
    | undefined;
  let skip = 0;

  const endCell = () => {
    if (!table || !cell) return;
    const shown = collapse(cell.parts.join(""));
    const exact = cell.number !== undefined ? Number(cell.number) : Number.NaN;
    const value =
      Number.isFinite(exact) && /^-?[\d,]+(\.\d+)?$/.test(shown) ? numberText(exact) : shown;
    if (column >= MAX_COLUMN)
      throw new ArchiveReadError(`${table.cells.name}: more than ${MAX_COLUMN} columns`);
    if (value !== "") {
      row ??= { line: rowNumber, fields: [] };
      row.fields[column] = value;
      table.layout.value();
      if (value.includes(FAULT)) {
        table.cells.faults.set(`${rowNumber}:${column}`, {
          cell: `${columnName(column)}${rowNumber}`,
          reason: problemPhrases.pageBytesRefused,
        });
      }
    }
    const right = Math.min(column + cell.across - 1, MAX_COLUMN - 1);
    const bottom = Math.min(rowNumber + cell.down - 1, MAX_ROW);
    if (right > column || bottom > rowNumber) {
      table.cells.merges.push({
        ref: `${columnName(column)}${rowNumber}:${columnName(right)}${bottom}`,
        top: rowNumber,
        left: column,
        bottom,
        right,
      });
      // The rows below have these columns taken: their own cells start further right.
      for (let line = rowNumber + 1; line <= bottom; line++) {
        let taken = table.occupied.get(line);
        if (!taken) {
          taken = new Set();
          table.occupied.set(line, taken);
        }
        for (let index = column; index <= right; index++) taken.add(index);
        table.layout.layOut(right - column + 1);
      }
    }
    column = right + 1;
    cell = undefined;
  };
  const nextFree = () => {
    const taken = table?.occupied.get(rowNumber);
    while (taken?.has(column)) column++;
  };
  const endRow = () => {
    endCell();
    if (table && row) finishRow(table.cells, row, table.layout);
    if (table) table.occupied.delete(rowNumber);
    row = undefined;
  };

  const pattern =
    /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)|</g;
  for (const match of text.matchAll(pattern)) {
    const [whole, closing, rawName, attributes = "", body] = match;
    if (body !== undefined || whole === "<") {
      if (cell && skip === 0) cell.parts.push(decodeEntities(body ?? whole));
      continue;
    }
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    if (name === "script" || name === "style") {
      skip += closing ? -1 : 1;
      skip = Math.max(0, skip);
      continue;
    }
    if (name === "table") {
      if (closing) {
        depth = Math.max(0, depth - 1);
        if (depth === 0 && table) {
          endRow();
          fillMerged(table.cells, table.layout);
          table = undefined;
        }
      } else if (++depth === 1) {
        const cells = emptySheet(`table ${sheets.length + 1}`);
        sheets.push(cells);
        table = { cells, layout: new Layout(cells.name), occupied: new Map() };
        rowNumber = 0;
      }
      continue;
    }
    if (depth !== 1 || !table) {
      // A table inside a cell: its text is the cell's text.
      if (cell && (name === "td" || name === "th" || name === "br") && !closing)
        cell.parts.push(" ");
      continue;
    }
    if (name === "tr") {
      endRow();
      if (!closing) {
        rowNumber++;
        if (rowNumber > MAX_ROW)
          throw new ArchiveReadError(`${table.cells.name}: more than ${MAX_ROW} rows`);
        column = 0;
      }
      continue;
    }
    if (name === "td" || name === "th") {
      endCell();
      if (!closing) {
        if (rowNumber === 0) rowNumber = 1;
        nextFree();
        cell = {
          parts: [],
          number: attribute(attributes, "x:num"),
          across: span(attribute(attributes, "colspan")),
          down: span(attribute(attributes, "rowspan")),
        };
      }
      continue;
    }
    if (cell && !closing && (name === "br" || name === "p" || name === "div")) {
      cell.parts.push("\n");
    }
  }
  if (table) {
    endRow();
    fillMerged(table.cells, table.layout);
  }
  return sheets.filter((sheet) => sheet.rows.length > 0);
}

function decodeHtml(bytes: Uint8Array, encoding: EncodingChoice): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === "auto" && declared) {
    try {
      return new TextDecoder(
        declared === "gb2312" || declared === "gbk" ? "gb18030" : declared,
      ).decode(bytes);
    } catch {
      // An unknown name: decoded as a CSV would be.
    }
  }
  const decoded = decode(bytes, encoding);
  if (decoded.ok) return decoded.text;
  return decodeLeniently(bytes, decoded.encoding) ?? "";
}

function attribute(attributes: string, name: string): string | undefined {
  const escaped = name.replace(/[:-]/g, "\\$&");
  const match = new RegExp(
    `(?:^|\\s)${escaped}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`,
    "i",
  ).exec(attributes);
  return match ? decodeEntities(match[1] ?? match[2] ?? match[3] ?? "") : undefined;
}

function span(value: string | undefined): number {
  const number = Number(value ?? 1);
  return Number.isInteger(number) && number > 1 ? Math.min(number, MAX_COLUMN) : 1;
}

/** The text a browser shows: runs of white space as one space, edges trimmed, breaks kept. */
function collapse(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\r\f\u00a0]+/g, " ").trim())
    .filter((line, index, lines) => line !== "" || (index > 0 && index < lines.length - 1))
    .join("\n")
    .trim();
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ensp: " ",
  emsp: " ",
  middot: "·",
  mdash: "—",
  ndash: "–",
  times: "×",
  yen: "¥",
  sup2: "²",
};

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code =
        body[1] === "x" || body[1] === "X"
          ? Number.parseInt(body.slice(2), 16)
          : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}
