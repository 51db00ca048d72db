import type { Archive } from "./archive.js";
import { ArchiveReadError } from "./archive.js";
import { scanPart } from "./archive-xml.js";
import {
  columnName,
  emptySheet,
  fillMerged,
  finishRow,
  isoDate,
  Layout,
  MAX_COLUMN,
  MAX_ROW,
  numberText,
  type SheetCells,
} from "./sheet-cells.js";
import type { Row } from "./table.js";
import { attribute } from "./xml-scan.js";

/**
 * An OpenDocument spreadsheet (.ods, as LibreOffice and WPS save it): every table of its
 * content.xml, read in one pass, to the same sheet cells an .xlsx gives (sheet-cells.ts). Rows
 * and cells repeated by the format (number-rows-repeated) are laid out only where they hold a
 * value, so the million empty rows LibreOffice writes at a sheet's end cost nothing.
 */
export interface OdsSheet {
  cells: SheetCells;
  hidden: boolean;
}

export async function readOdsSheets(archive: Archive): Promise<OdsSheet[]> {
  const sheets: OdsSheet[] = [];
  const hiddenStyles = new Set<string>();
  // A boolean is a number shown as TRUE or FALSE: by its style's format, or as =TRUE().
  const booleanFormats = new Set<string>();
  const booleanStyles = new Set<string>();
  let styleName: string | undefined;
  let current: { cells: SheetCells; layout: Layout } | undefined;
  let rowNumber = 0;
  let rowRepeat = 1;
  let row: Row | undefined;
  let column = 0;
  // The cell being read.
  let cell:
    | { value: string | undefined; paragraphs: string[][]; repeat: number; formula: boolean }
    | undefined;
  let annotation = 0;
  let paragraph: string[] | undefined;

  const outside = (what: string) =>
    new ArchiveReadError(
      `table '${current?.cells.name}': ${what} is outside a sheet's 1,048,576 rows and 16,384 columns`,
    );

  const endCell = () => {
    if (!current || !cell) return;
    const { cells, layout } = current;
    const text = cell.value ?? cell.paragraphs.map((pieces) => pieces.join("")).join("\n");
    if (text !== "") {
      if (column + cell.repeat > MAX_COLUMN) throw outside(`column ${column + cell.repeat}`);
      row ??= { line: rowNumber, fields: [] };
      for (let copy = 0; copy < cell.repeat; copy++) row.fields[column + copy] = text;
      layout.value();
      layout.layOut(cell.repeat - 1);
    } else if (cell.formula) {
      cells.formulasWithoutValue.push(`${columnName(column)}${rowNumber}`);
    }
    column += cell.repeat;
    cell = undefined;
  };

  const endRow = () => {
    if (!current) return;
    const { cells, layout } = current;
    if (row) {
      const first = row;
      finishRow(cells, first, layout);
      // A repeated row with values: each copy is a row of the sheet.
      for (let copy = 1; copy < rowRepeat; copy++) {
        const line = first.line + copy;
        if (line > MAX_ROW) throw outside(`row ${line}`);
        const fields = [...first.fields];
        layout.layOut(fields.length);
        cells.rows.push({ line, fields });
      }
    }
    rowNumber += rowRepeat - 1;
    row = undefined;
  };

  await scanPart(archive, "content.xml", {
    open(name, attributes, empty) {
      switch (name) {
        case "style": {
          styleName = attribute(attributes, "name");
          const dataStyle = attribute(attributes, "data-style-name");
          if (styleName && dataStyle && booleanFormats.has(dataStyle)) booleanStyles.add(styleName);
          return;
        }
        case "boolean-style": {
          const name = attribute(attributes, "name");
          if (name) booleanFormats.add(name);
          return;
        }
        case "table-properties":
          if (styleName && attribute(attributes, "display") === "false") {
            hiddenStyles.add(styleName);
          }
          return;
        case "table": {
          const style = attribute(attributes, "style-name");
          const cells = emptySheet(attribute(attributes, "name") ?? `Sheet${sheets.length + 1}`);
          current = { cells, layout: new Layout(cells.name) };
          sheets.push({ cells, hidden: style !== undefined && hiddenStyles.has(style) });
          rowNumber = 0;
          if (empty) current = undefined;
          return;
        }
        case "table-row": {
          if (!current) return;
          rowNumber++;
          rowRepeat = Math.max(1, Number(attribute(attributes, "number-rows-repeated") ?? 1) || 1);
          if (rowNumber > MAX_ROW) throw outside(`row ${rowNumber}`);
          column = 0;
          const visibility = attribute(attributes, "visibility");
          if (visibility === "collapse" || visibility === "filter") {
            for (let copy = 0; copy < Math.min(rowRepeat, MAX_ROW); copy++) {
              if (rowNumber + copy <= MAX_ROW) current.cells.hiddenRows.push(rowNumber + copy);
            }
          }
          if (empty) endRow();
          return;
        }
        case "table-cell":
        case "covered-table-cell": {
          if (!current) return;
          const repeat = Math.max(
            1,
            Number(attribute(attributes, "number-columns-repeated") ?? 1) || 1,
          );
          const type = attribute(attributes, "value-type");
          const formula = attribute(attributes, "formula");
          const style = attribute(attributes, "style-name");
          const boolean =
            (style !== undefined && booleanStyles.has(style)) ||
            (formula !== undefined && /^(?:of:)?=(?:TRUE|FALSE)\(\)$/i.test(formula));
          cell = {
            value: typedValue(boolean && type === "float" ? "boolean-number" : type, attributes),
            paragraphs: [],
            repeat: Math.min(repeat, MAX_COLUMN),
            formula: formula !== undefined,
          };
          const across = Number(attribute(attributes, "number-columns-spanned") ?? 1);
          const down = Number(attribute(attributes, "number-rows-spanned") ?? 1);
          if (name === "table-cell" && (across > 1 || down > 1)) {
            const right = Math.min(column + Math.max(1, across) - 1, MAX_COLUMN - 1);
            const bottom = Math.min(rowNumber + Math.max(1, down) - 1, MAX_ROW);
            current.cells.merges.push({
              ref: `${columnName(column)}${rowNumber}:${columnName(right)}${bottom}`,
              top: rowNumber,
              left: column,
              bottom,
              right,
            });
          }
          if (empty) endCell();
          return;
        }
        case "annotation":
          if (!empty) annotation++;
          return;
        case "p":
          if (cell && annotation === 0) {
            paragraph = [];
            cell.paragraphs.push(paragraph);
            if (empty) paragraph = undefined;
          }
          return;
        case "s":
          paragraph?.push(" ".repeat(Math.min(1000, Number(attribute(attributes, "c") ?? 1) || 1)));
          return;
        case "tab":
          paragraph?.push("\t");
          return;
        case "line-break":
          paragraph?.push("\n");
          return;
      }
    },
    close(name) {
      switch (name) {
        case "table-cell":
        case "covered-table-cell":
          endCell();
          return;
        case "table-row":
          endRow();
          return;
        case "table":
          if (current) fillMerged(current.cells, current.layout);
          current = undefined;
          return;
        case "annotation":
          annotation--;
          return;
        case "p":
          paragraph = undefined;
          return;
      }
    },
    text(value) {
      if (annotation === 0) paragraph?.push(value);
    },
  });
  return sheets;
}

/** A cell's value as its type attribute states it; undefined for text, read from its paragraphs. */
function typedValue(type: string | undefined, attributes: string): string | undefined {
  switch (type) {
    case "float":
    case "percentage":
    case "currency": {
      const raw = attribute(attributes, "value");
      const number = Number(raw);
      return raw === undefined || !Number.isFinite(number) ? undefined : numberText(number);
    }
    case "date": {
      const raw = attribute(attributes, "date-value");
      return raw === undefined ? undefined : isoDate(raw);
    }
    case "boolean-number": {
      const raw = attribute(attributes, "value");
      return raw === undefined ? undefined : Number(raw) !== 0 ? "TRUE" : "FALSE";
    }
    case "boolean": {
      const raw = attribute(attributes, "boolean-value");
      return raw === undefined ? undefined : raw === "true" ? "TRUE" : "FALSE";
    }
    default:
      return undefined;
  }
}
