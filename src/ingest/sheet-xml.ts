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
import { attribute, decodeOfficeEscapes } from "./xml-scan.js";
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
  let value: string[] | undefined;
  let formula: string[] | undefined;
  let inline: string[] | undefined;
  let phonetic = 0;
  let into: string[] | undefined;
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
      layout.value();
    }
    value = formula = inline = into = undefined;
  };

  if (!plan.archive) throw new ArchiveReadError(`sheet '${sheet.name}' has no part to read`);
  await scanPart(plan.archive, sheet.entry, {
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
          endRow();
          return;
      }
    },
    text(piece) {
      into?.push(piece);
    },
  });
  endRow();
  orderRows(cells, (line) => new ArchiveReadError(`sheet '${sheet.name}' holds row ${line} twice`));
  fillMerged(cells, layout);
  return cells;
}

/** A number cell's text: 15 significant digits, or the date its style shows. */
function numberCell(raw: string, isDate: boolean, date1904: boolean): string {
  if (raw === "") return "";
  const number = Number(raw);
  if (!Number.isFinite(number)) return raw;
  return isDate ? serialDate(number, date1904) : numberText(number);
}
