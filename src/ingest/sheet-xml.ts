import { phrase, problemPhrases } from "../model/errors.js";
import { ArchiveReadError } from "./archive.js";
import { scanPart } from "./archive-xml.js";
import {
  columnName,
  columnOf,
  emptySheet,
  FAULT,
  fillMerged,
  finishRow,
  isoDate,
  Layout,
  MAX_COLUMN,
  MAX_ROW,
  numberText,
  orderRows,
  parseRange,
  type SheetCells,
  SheetNeedsWhole,
  serialDate,
} from "./sheet-cells.js";
import type { Row } from "./table.js";
import type { SheetPlan, WorkbookPlan } from "./workbook-archive.js";
import {
  attribute,
  decodeOfficeEscapes,
  decodeText,
  eachAttribute,
  MORE_TEXT,
  NOT_MINE,
  type XmlHandler,
} from "./xml-scan.js";

/**
 * One Office Open XML sheet's cells (sheet-cells.ts says what a reader makes of a sheet): numbers
 * to the 15 significant digits Excel shows (401.2, not 401.19999999999999), date cells as
 * YYYY-MM-DD, a formula by its cached value. Read in one pass over the sheet's part.
 */
export async function readSheetCells(
  plan: WorkbookPlan,
  sheet: SheetPlan,
  /**
   * A sheet read as it inflates (sheet-stream.ts): each row handed to `onRow` as it is finished,
   * none kept, into the caller's `cells` (their faults are looked up as rows come); `again`
   * when the part was inflated before (its head, read first).
   */
  stream?: {
    onRow: (row: Row) => void;
    cells: SheetCells;
    again: boolean;
    /**
     * Read on a thread that does not hold the shared strings (sheet-worker.ts): how many the
     * workbook has; a cell naming one holds its index, a number, for the main thread to put the
     * text in.
     */
    sharedByIndex?: number;
  },
): Promise<SheetCells> {
  const onRow = stream?.onRow;
  const again = stream?.again ?? false;
  const cells = stream?.cells ?? emptySheet(sheet.name);
  if (sheet.totalRows) cells.totalRows = new Set(sheet.totalRows);
  const layout = new Layout(sheet.name);
  const { strings, dateStyles, date1904 } = plan;
  const byIndex = stream?.sharedByIndex !== undefined;
  const sharedCount = stream?.sharedByIndex ?? strings?.length ?? 0;
  // Looked for once in the shared strings rather than in every cell that names one.
  const faultInStrings = strings?.mayHoldFault() ?? false;
  // The same for the text the fast path reads a cell from: once a piece, not once a cell.
  let scanned: string | undefined;
  let faultInScanned = true;
  // Whether the cell's value came from text already known to hold no fault, nor white space
  // around it.
  let valueClean = false;
  let row: Row | undefined;
  let rowNumber = 0;
  let column = -1;
  // The cell being read.
  let type = "";
  let style = 0;
  // Text of the cell's <v>, <f> and inline <t>, undefined when it has none.
  let value: string | undefined;
  // A shared string's index read straight from the text by the fast path, -1 otherwise.
  let stringIndex = -1;
  let formula: string | undefined;
  let inline: string | undefined;
  let phonetic = 0;
  let into: "value" | "formula" | "inline" | undefined;
  const where = (index: number) => `${columnName(index)}${rowNumber}`;
  const outside = (what: string) =>
    new ArchiveReadError(
      `sheet '${sheet.name}': ${what} is outside a sheet's 1,048,576 rows and 16,384 columns`,
    );

  const endRow = () => {
    if (row) finishRow(cells, row, layout, onRow);
    row = undefined;
  };

  const finishCell = () => {
    const raw = value;
    let text: string | undefined;
    let mayHoldFault = !valueClean;
    if (byIndex && stringIndex < 0 && type === "s" && raw !== undefined) {
      const index = Number(raw.trim());
      if (Number.isInteger(index) && index >= 0 && index < sharedCount) stringIndex = index;
    }
    if (stringIndex >= 0 && byIndex && stringIndex < sharedCount) {
      if (!row) row = { line: rowNumber, fields: [] };
      place(row.fields as unknown[], column, stringIndex);
      layout.value();
      value = formula = inline = into = undefined;
      stringIndex = -1;
      return;
    }
    if (stringIndex >= 0 && strings && stringIndex < strings.length) {
      text = strings.get(stringIndex);
      mayHoldFault = faultInStrings;
    } else if (type === "inlineStr") text = decodeOfficeEscapes(inline ?? "");
    else if (raw === undefined) {
      if (formula !== undefined) {
        // Worked out from other cells (formula.ts): only a sheet read whole has them all.
        if (onRow) throw new SheetNeedsWhole(`a formula without a value at ${where(column)}`);
        text = `=${formula}`;
        cells.formulasWithoutValue.push(where(column));
        cells.formulas ??= new Map();
        cells.formulas.set(`${column}:${rowNumber}`, decodeText(formula));
      }
    } else if (type === "s") {
      const index = Number(raw.trim());
      const found = strings && Number.isInteger(index) ? strings.get(index) : undefined;
      if (found === undefined) {
        text = FAULT;
        cells.faults.set(`${rowNumber}:${column}`, {
          cell: where(column),
          reason: phrase("sharedStringMissing", {
            index: raw.trim(),
            count: sharedCount,
          }),
        });
      } else text = found;
    } else if (type === "str" || type === "e") text = decodeOfficeEscapes(raw);
    else if (type === "b") text = raw.trim() === "1" || raw.trim() === "true" ? "TRUE" : "FALSE";
    else if (type === "d") text = isoDate(raw.trim());
    else text = numberCell(valueClean ? raw : raw.trim(), dateStyles[style] === true, date1904);
    if (text !== undefined && text !== "") {
      if (mayHoldFault && text.includes(FAULT) && !cells.faults.has(`${rowNumber}:${column}`)) {
        cells.faults.set(`${rowNumber}:${column}`, {
          cell: where(column),
          reason: problemPhrases.sheetBytesRefused,
        });
      }
      if (!row) row = { line: rowNumber, fields: [] };
      place(row.fields, column, text);
      layout.value();
    }
    value = formula = inline = into = undefined;
    stringIndex = -1;
  };

  const startCell = (at: number, cellType: string, cellStyle: number, reference: number) => {
    column = at;
    if (column < 0 || column >= MAX_COLUMN) {
      throw outside(
        reference === -1 ? `a cell after ${where(column - 1)}` : `cell ${where(column)}`,
      );
    }
    type = cellType;
    style = cellStyle;
    value = formula = inline = into = undefined;
    phonetic = 0;
  };

  if (!plan.archive) throw new ArchiveReadError(`sheet '${sheet.name}' has no part to read`);
  const tag = new TagReader();
  // A plain cell (<c r="B2" s="1" t="s"><v>7</v></c>) read straight from the text, without a
  // string made for its tags or attributes; its end, or NOT_MINE / MORE_TEXT.
  const plainCell = (text: string, open: number, last: boolean): number => {
    const after = text.charCodeAt(open + 2);
    if (after !== 32 && after !== 62 && after !== 47) return NOT_MINE;
    tag.text = text;
    tag.at = open + 2;
    let found = tag.plainCellAttributes();
    let reference = tag.reference;
    let cellType = tag.cellType;
    let cellStyle = tag.cellStyle;
    if (found === NOT_MINE) {
      // Written some other way: attribute by attribute.
      tag.at = open + 2;
      reference = -1;
      cellType = "n";
      cellStyle = 0;
      for (found = tag.next(); found === ATTRIBUTE; found = tag.next()) {
        if (tag.prefixed || tag.escaped) return NOT_MINE;
        if (tag.nameLength !== 1) continue;
        const letter = text.charCodeAt(tag.nameStart);
        if (letter === 114 /* r */) reference = columnAt(text, tag.valueStart, tag.valueEnd);
        else if (letter === 116 /* t */) {
          cellType = cellTypeAt(text, tag.valueStart, tag.valueEnd);
        } else if (letter === 115 /* s */) {
          const index = wholeNumberAt(text, tag.valueStart, tag.valueEnd);
          cellStyle = index >= 0 ? index : Number(text.slice(tag.valueStart, tag.valueEnd));
        }
      }
    }
    if (found < 0) return found;
    let at = tag.at;
    let valueStart = -1;
    let valueEnd = -1;
    let escaped = false;
    let end: number;
    if (found === EMPTY_END) end = at;
    else if (startsCellEnd(text, at)) end = at + 4;
    else if (
      text.charCodeAt(at) === 60 &&
      text.charCodeAt(at + 1) === 118 /* v */ &&
      text.charCodeAt(at + 2) === 62
    ) {
      valueStart = at + 3;
      at = valueStart;
      let code = text.charCodeAt(at);
      while (code !== 60 && !Number.isNaN(code)) {
        if (code === 38 /* & */) escaped = true;
        code = text.charCodeAt(++at);
      }
      if (Number.isNaN(code)) return last ? NOT_MINE : MORE_TEXT;
      valueEnd = at;
      if (text.length < valueEnd + 8) return last ? NOT_MINE : MORE_TEXT;
      if (
        text.charCodeAt(valueEnd + 1) !== 47 ||
        text.charCodeAt(valueEnd + 2) !== 118 ||
        text.charCodeAt(valueEnd + 3) !== 62 ||
        !startsCellEnd(text, valueEnd + 4)
      ) {
        return NOT_MINE;
      }
      end = valueEnd + 8;
    } else {
      return at + 3 > text.length ? MORE_TEXT : NOT_MINE;
    }
    startCell(reference === -1 ? column + 1 : reference, cellType, cellStyle, reference);
    if (valueStart !== -1) {
      if (cellType === "s" && !escaped) stringIndex = wholeNumberAt(text, valueStart, valueEnd);
      // An index the workbook does not hold is reported from its text, as the slow path does.
      if (stringIndex < 0 || stringIndex >= sharedCount) {
        stringIndex = -1;
        const raw = text.slice(valueStart, valueEnd);
        value = escaped ? decodeText(raw) : raw;
      }
    }
    // A character reference may write the mark itself: such a value is looked at. A clean value
    // is also one with no white space around it (a number's, read without trimming).
    valueClean =
      !faultInScanned &&
      !escaped &&
      (valueStart === valueEnd ||
        (isPrintableAscii(text.charCodeAt(valueStart)) &&
          isPrintableAscii(text.charCodeAt(valueEnd - 1))));
    finishCell();
    valueClean = false;
    return end;
  };
  // A row's start tag: its number and whether it is hidden; its end, or NOT_MINE / MORE_TEXT.
  const plainRowStart = (text: string, open: number): number => {
    const after = text.charCodeAt(open + 4);
    if (after !== 32 && after !== 62 && after !== 47) return NOT_MINE;
    tag.text = text;
    tag.at = open + 4;
    let number = tag.plainRowAttributes();
    let hidden: boolean | undefined;
    if (number === MORE_TEXT) return MORE_TEXT;
    if (number === NOT_MINE) {
      // Written some other way: attribute by attribute.
      tag.at = open + 4;
      number = -1;
      let found = tag.next();
      for (; found === ATTRIBUTE; found = tag.next()) {
        const { nameStart, nameLength, valueStart, valueEnd } = tag;
        // As `attribute` finds them: the first, a namespace prefix or none.
        const local = tag.prefixed ? text.lastIndexOf(":", nameStart + nameLength) + 1 : nameStart;
        const localLength = nameStart + nameLength - local;
        if (localLength === 1 && number === -1 && text.charCodeAt(local) === 114 /* r */) {
          number = tag.escaped ? -2 : wholeNumberAt(text, valueStart, valueEnd);
          if (number < 0) return NOT_MINE;
        } else if (localLength === 6 && hidden === undefined && text.startsWith("hidden", local)) {
          if (tag.escaped) return NOT_MINE;
          const length = valueEnd - valueStart;
          hidden =
            (length === 1 && text.charCodeAt(valueStart) === 49) ||
            (length === 4 && text.startsWith("true", valueStart));
        }
      }
      if (found < 0) return found;
    }
    endRow();
    rowNumber = number === -1 ? rowNumber + 1 : number;
    if (rowNumber < 1 || rowNumber > MAX_ROW) throw outside(`row ${rowNumber}`);
    column = -1;
    if (hidden) cells.hiddenRows.push(rowNumber);
    return tag.at;
  };
  const handler: XmlHandler = {
    // Nearly every tag of a sheet is a plain cell or a row's start or end: a run of them is read
    // here, in one call, and anything else left to the scanner.
    fast(text, open, last) {
      if (text !== scanned) {
        scanned = text;
        faultInScanned = text.includes(FAULT);
      }
      // The chunk's last few tags are left to the scanner: read here, they would be read past
      // the text's end, and code that has once read past it runs slower for the rest.
      const until = text.length - FAST_TAIL;
      if (open >= until) return NOT_MINE;
      let at = open;
      for (;;) {
        const next = text.charCodeAt(at + 1);
        let taken = NOT_MINE;
        if (next === 99 /* c */) taken = plainCell(text, at, last);
        else if (next === 114 /* r */) {
          if (text.startsWith("row", at + 1)) taken = plainRowStart(text, at);
          else if (at + 4 > text.length && !last) taken = MORE_TEXT;
        } else if (next === 47 /* / */) {
          if (text.startsWith("row>", at + 2)) {
            endRow();
            taken = at + 6;
          } else if (at + 6 > text.length && !last) taken = MORE_TEXT;
        } else if (Number.isNaN(next) && !last) taken = MORE_TEXT;
        if (taken < 0) return at === open ? taken : at;
        at = taken;
        if (at >= until || text.charCodeAt(at) !== 60) return at;
      }
    },
    open(name, attributes, empty) {
      switch (name) {
        case "row": {
          endRow();
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
          let reference: string | undefined;
          let cellType = "n";
          let cellStyle = 0;
          eachAttribute(attributes, (key, found) => {
            if (key === "r") reference = found;
            else if (key === "t") cellType = found;
            else if (key === "s") cellStyle = Number(found);
          });
          const at = reference === undefined ? column + 1 : columnOf(reference);
          startCell(at, cellType, cellStyle, reference === undefined ? -1 : at);
          if (empty) finishCell();
          return;
        }
        case "v":
          value = "";
          into = empty ? undefined : "value";
          return;
        case "f":
          formula = "";
          into = empty ? undefined : "formula";
          return;
        case "is":
          inline = "";
          return;
        case "rPh":
          if (!empty) phonetic++;
          return;
        case "t":
          if (inline !== undefined && !empty && phonetic === 0) into = "inline";
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
          endRow();
          return;
      }
    },
    text(piece) {
      if (into === "value") value += piece;
      else if (into === "formula") formula += piece;
      else if (into === "inline") inline += piece;
    },
  };
  await scanPart(plan.archive, sheet.entry, handler, again);
  endRow();
  if (onRow) return cells;
  orderRows(cells, (line) => new ArchiveReadError(`sheet '${sheet.name}' holds row ${line} twice`));
  fillMerged(cells, layout);
  return cells;
}

/** A number cell's text: 15 significant digits, or the date its style shows. */
function numberCell(raw: string, isDate: boolean, date1904: boolean): string {
  if (raw === "") return "";
  if (!isDate && isShownAsWritten(raw)) return raw;
  const number = Number(raw);
  if (!Number.isFinite(number)) return raw;
  return isDate ? serialDate(number, date1904) : numberText(number);
}

/**
 * Whether a stored number is already what numberText would make of it: plain digits, at most
 * 15 significant, no exponent, no leading or trailing zero to drop. Most cells are, and skip
 * the conversion.
 */
function isShownAsWritten(raw: string): boolean {
  const length = raw.length;
  if (length > 16) return false;
  let digits = 0;
  let point = -1;
  for (let index = 0; index < length; index++) {
    const code = raw.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 46 && point === -1) point = index;
    else if (!(code === 45 && index === 0)) return false;
  }
  const first = raw.charCodeAt(raw.charCodeAt(0) === 45 ? 1 : 0);
  if (digits === 0 || digits > 15) return false;
  // "0", "0.5" and "12" are as written; "012", "1.50", "5." and "-0" are not.
  if (first === 48 && digits > 1 && raw.charCodeAt(raw.charCodeAt(0) === 45 ? 2 : 1) !== 46) {
    return false;
  }
  if (point !== -1 && (point === length - 1 || raw.charCodeAt(length - 1) === 48)) return false;
  return raw !== "-0";
}

const FAST_TAIL = 256;

/**
 * A cell's value into its row's fields, the cells skipped before it as "" (as the row is
 * finished anyway): a row's array then has no holes, and the code reading every row's fields
 * stays on V8's fast path for arrays without them.
 */
function place<T>(fields: T[], column: number, value: T): void {
  if (column < fields.length) {
    fields[column] = value;
    return;
  }
  while (fields.length < column) fields.push("" as T);
  fields.push(value);
}

/** A character that is neither white space nor one `trim` might remove. */
function isPrintableAscii(code: number): boolean {
  return code > 32 && code < 127;
}

/** Whether `</c>` begins at `at`. */
function startsCellEnd(text: string, at: number): boolean {
  return (
    text.charCodeAt(at) === 60 &&
    text.charCodeAt(at + 1) === 47 &&
    text.charCodeAt(at + 2) === 99 &&
    text.charCodeAt(at + 3) === 62
  );
}

const ATTRIBUTE = 0;
const TAG_END = 1;
const EMPTY_END = 2;

/**
 * A start tag's attributes read where they stand, one `next()` at a time: where the name and
 * the value are in `text`, whether the name has a prefix and the value a reference. No string
 * is made.
 */
class TagReader {
  text = "";
  /** Where reading goes on: after the attribute, or after the tag once it has ended. */
  at = 0;
  nameStart = 0;
  nameLength = 0;
  valueStart = 0;
  valueEnd = 0;
  prefixed = false;
  escaped = false;
  /** A plain cell's reference (its column), type and style. */
  reference = -1;
  cellType = "n";
  cellStyle = 0;

  /**
   * A row's attributes as Excel writes them: ` r="12"` first, and after it nothing that says the
   * row is hidden (no "h" at all outside quoted values) or holds a reference: the row's number,
   * MORE_TEXT, or NOT_MINE for anything else (read it with `next`).
   */
  plainRowAttributes(): number {
    const { text } = this;
    let at = this.at;
    if (
      text.charCodeAt(at) !== 32 ||
      text.charCodeAt(at + 1) !== 114 /* r */ ||
      text.charCodeAt(at + 2) !== 61 ||
      text.charCodeAt(at + 3) !== 34
    ) {
      return Number.isNaN(text.charCodeAt(at + 3)) ? MORE_TEXT : NOT_MINE;
    }
    at += 4;
    const start = at;
    let number = 0;
    let code = text.charCodeAt(at);
    while (code >= 48 && code <= 57) {
      number = number * 10 + (code - 48);
      code = text.charCodeAt(++at);
    }
    if (code !== 34) return Number.isNaN(code) ? MORE_TEXT : NOT_MINE;
    if (at === start || at - start > 7) return NOT_MINE;
    for (code = text.charCodeAt(++at); code !== 62; code = text.charCodeAt(++at)) {
      if (code === 34) {
        // A value: read past, unless it holds a reference or a tag's start.
        for (code = text.charCodeAt(++at); code !== 34; code = text.charCodeAt(++at)) {
          if (Number.isNaN(code)) return MORE_TEXT;
          if (code === 38 || code === 60) return NOT_MINE;
        }
      } else if (Number.isNaN(code)) return MORE_TEXT;
      else if (code === 104 /* h */ || code === 47 || code === 60 || code === 39 || code === 38) {
        return NOT_MINE;
      }
    }
    this.at = at + 1;
    return number;
  }

  /**
   * A cell's attributes as Excel and most programs write them, ` r="B2"`, ` s="1"` and ` t="s"`
   * each at most once, one space before each: TAG_END or EMPTY_END, MORE_TEXT, or NOT_MINE for
   * anything else (read it with `next`).
   */
  plainCellAttributes(): number {
    const { text } = this;
    let at = this.at;
    let reference = -1;
    let cellType = "n";
    let cellStyle = -1;
    for (;;) {
      let code = text.charCodeAt(at);
      if (code === 62) {
        this.at = at + 1;
        break;
      }
      if (code === 47 && text.charCodeAt(at + 1) === 62) {
        this.at = at + 2;
        this.reference = reference;
        this.cellType = cellType;
        this.cellStyle = cellStyle === -1 ? 0 : cellStyle;
        return EMPTY_END;
      }
      if (code !== 32 || text.charCodeAt(at + 2) !== 61 || text.charCodeAt(at + 3) !== 34) {
        return Number.isNaN(text.charCodeAt(at + 3)) ? MORE_TEXT : NOT_MINE;
      }
      const name = text.charCodeAt(at + 1);
      at += 4;
      code = text.charCodeAt(at);
      if (name === 114 /* r */ && reference === -1) {
        let column = 0;
        let letters = 0;
        while (code >= 65 && code <= 90 && letters < 3) {
          column = column * 26 + (code - 64);
          letters++;
          code = text.charCodeAt(++at);
        }
        if (letters === 0) return NOT_MINE;
        while (code >= 48 && code <= 57) code = text.charCodeAt(++at);
        reference = column - 1;
      } else if (name === 115 /* s */ && cellStyle === -1) {
        cellStyle = 0;
        const start = at;
        while (code >= 48 && code <= 57) {
          cellStyle = cellStyle * 10 + (code - 48);
          code = text.charCodeAt(++at);
        }
        if (at === start || at - start > 9) return NOT_MINE;
      } else if (name === 116 /* t */ && cellType === "n") {
        const start = at;
        while (code >= 97 && code <= 122) code = text.charCodeAt(++at);
        if (at === start) return NOT_MINE;
        cellType = cellTypeAt(text, start, at);
      } else return NOT_MINE;
      if (code !== 34) return Number.isNaN(code) ? MORE_TEXT : NOT_MINE;
      at++;
    }
    this.reference = reference;
    this.cellType = cellType;
    this.cellStyle = cellStyle === -1 ? 0 : cellStyle;
    return TAG_END;
  }

  /** ATTRIBUTE, TAG_END (`>`), EMPTY_END (`/>`), MORE_TEXT or NOT_MINE. */
  next(): number {
    const { text } = this;
    let at = this.at;
    let code = text.charCodeAt(at);
    while (code === 32 || code === 9 || code === 10 || code === 13) code = text.charCodeAt(++at);
    if (Number.isNaN(code) /* the text ends */) return MORE_TEXT;
    if (code === 62) {
      this.at = at + 1;
      return TAG_END;
    }
    if (code === 47) {
      const after = text.charCodeAt(at + 1);
      if (after !== 62) return Number.isNaN(after) ? MORE_TEXT : NOT_MINE;
      this.at = at + 2;
      return EMPTY_END;
    }
    const nameStart = at;
    let prefixed = false;
    while (code !== 61 && code !== 32 && code !== 9 && code !== 10 && code !== 13) {
      if (Number.isNaN(code)) return MORE_TEXT;
      if (code === 58) prefixed = true;
      else if (code === 62 || code === 47 || code === 60 || code === 34 || code === 39) {
        return NOT_MINE;
      }
      code = text.charCodeAt(++at);
    }
    const nameLength = at - nameStart;
    while (code === 32 || code === 9 || code === 10 || code === 13) code = text.charCodeAt(++at);
    if (Number.isNaN(code)) return MORE_TEXT;
    if (code !== 61 || nameLength === 0) return NOT_MINE;
    code = text.charCodeAt(++at);
    while (code === 32 || code === 9 || code === 10 || code === 13) code = text.charCodeAt(++at);
    if (Number.isNaN(code)) return MORE_TEXT;
    if (code !== 34 && code !== 39) return NOT_MINE;
    const quote = code;
    const valueStart = at + 1;
    let escaped = false;
    code = text.charCodeAt(++at);
    while (code !== quote) {
      if (Number.isNaN(code)) return MORE_TEXT;
      if (code === 38) escaped = true;
      else if (code === 60) return NOT_MINE;
      code = text.charCodeAt(++at);
    }
    this.nameStart = nameStart;
    this.nameLength = nameLength;
    this.valueStart = valueStart;
    this.valueEnd = at;
    this.prefixed = prefixed;
    this.escaped = escaped;
    this.at = at + 1;
    return ATTRIBUTE;
  }
}

/** A whole number written plainly in `text` between `from` and `to`; -1 for anything else. */
function wholeNumberAt(text: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let number = 0;
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code < 48 || code > 57) return -1;
    number = number * 10 + (code - 48);
  }
  return number;
}

/** A cell's t="…", as the constant string for the types Excel writes (no string made). */
function cellTypeAt(text: string, from: number, to: number): string {
  const length = to - from;
  const first = text.charCodeAt(from);
  if (length === 1) {
    if (first === 115) return "s";
    if (first === 110) return "n";
    if (first === 98) return "b";
    if (first === 101) return "e";
    if (first === 100) return "d";
  }
  if (length === 3 && text.startsWith("str", from)) return "str";
  return text.slice(from, to);
}

/** The column of a cell reference written in `text` between `from` and `to` ("AB12": 27). */
function columnAt(text: string, from: number, to: number): number {
  let index = 0;
  let letters = 0;
  for (let at = from; at < to && letters < 4; at++) {
    const code = text.charCodeAt(at) | 32;
    if (code < 97 || code > 122) break;
    index = index * 26 + (code - 96);
    letters++;
  }
  return letters === 0 ? MAX_COLUMN : index - 1;
}
