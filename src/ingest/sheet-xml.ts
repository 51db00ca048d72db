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
  serialDate,
} from "./sheet-cells.js";
import type { Row } from "./table.js";
import type { SheetPlan, WorkbookPlan } from "./workbook-archive.js";
import {
  attribute,
  decodeOfficeEscapes,
  decodeText,
  eachAttribute,
  type XmlHandler,
} from "./xml-scan.js";
import { ArchiveReadError } from "./zip-archive.js";

/**
 * One Office Open XML sheet's cells (sheet-cells.ts says what a reader makes of a sheet): numbers
 * to the 15 significant digits Excel shows (401.2, not 401.19999999999999), date cells as
 * YYYY-MM-DD, a formula by its cached value. Read in one pass over the sheet's part.
 */
export async function readSheetCells(plan: WorkbookPlan, sheet: SheetPlan): Promise<SheetCells> {
  const cells = emptySheet(sheet.name);
  const layout = new Layout(sheet.name);
  const { strings, dateStyles, date1904 } = plan;
  let row: Row | undefined;
  let rowNumber = 0;
  let column = -1;
  // The cell being read.
  let type = "";
  let style = 0;
  // Text of the cell's <v>, <f> and inline <t>, undefined when it has none.
  let value: string | undefined;
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
    if (row) finishRow(cells, row, layout);
    row = undefined;
  };

  const finishCell = () => {
    const raw = value;
    let text: string | undefined;
    if (type === "inlineStr") text = decodeOfficeEscapes(inline ?? "");
    else if (raw === undefined) {
      if (formula !== undefined) {
        text = `=${formula}`;
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
      layout.value();
    }
    value = formula = inline = into = undefined;
  };

  if (!plan.archive) throw new ArchiveReadError(`sheet '${sheet.name}' has no part to read`);
  const handler: XmlHandler = {
    // A cell whose body is a lone <v>…</v> (nearly all of them) is read without its inner tags.
    element: {
      name: "c",
      take(attributes, body) {
        const simple =
          body.length >= 7 &&
          body.startsWith("<v>") &&
          body.indexOf("<", 3) === body.length - 4 &&
          body.endsWith("</v>");
        if (!simple && body !== "") return false;
        handler.open("c", attributes, false);
        if (simple) value = decodeText(body.slice(3, -4));
        finishCell();
        return true;
      },
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
          type = "n";
          style = 0;
          eachAttribute(attributes, (key, found) => {
            if (key === "r") reference = found;
            else if (key === "t") type = found;
            else if (key === "s") style = Number(found);
          });
          column = reference === undefined ? column + 1 : columnOf(reference);
          if (column < 0 || column >= MAX_COLUMN)
            throw outside(`cell ${reference ?? where(column)}`);
          value = formula = inline = into = undefined;
          phonetic = 0;
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
  await scanPart(plan.archive, sheet.entry, handler);
  endRow();
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
