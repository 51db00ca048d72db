import type ExcelJS from "exceljs";
import type { Severity } from "../model/pack.js";
import { displayWidth } from "./width.js";

/**
 * What every workbook floorspace writes shares: text cells that are text (never a formula,
 * never a character XML cannot carry), column widths that fit Chinese text, a bold frozen
 * header with a filter, and severities by colour.
 */

/** The longest text a cell holds (Excel's limit). */
const CELL_LIMIT = 32_767;

/**
 * Text from the data as a cell's text: characters XML 1.0 cannot carry become a visible `\xNN`
 * (Excel refuses a file holding them), line breaks and tabs stay. Written as a string, so a
 * leading `=` is never a formula.
 */
export function sheetText(value: string): string {
  let text = "";
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const forbidden =
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0xfffe ||
      code === 0xffff ||
      (code >= 0xd800 && code <= 0xdfff);
    text += forbidden ? `\\x${code.toString(16).padStart(2, "0")}` : char;
  }
  return text.length > CELL_LIMIT ? `${text.slice(0, CELL_LIMIT - 1)}…` : text;
}

/** Widths that fit the header and the first rows, within reason. */
export function fitWidths(rows: ReadonlyArray<ReadonlyArray<unknown>>, max = 60): number[] {
  const widths: number[] = [];
  for (const row of rows.slice(0, 500)) {
    row.forEach((value, index) => {
      const text =
        value === null || value === undefined
          ? ""
          : typeof value === "number"
            ? value.toFixed(2)
            : String(value);
      const longest = Math.max(...text.split("\n").map(displayWidth));
      widths[index] = Math.min(max, Math.max(widths[index] ?? 8, longest + 2));
    });
  }
  return widths;
}

export const AREA_FORMAT = "#,##0.00";
export const COUNT_FORMAT = "#,##0";

const severityFill: Record<Severity, string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  info: "FFDDEBF7",
};
const severityFont: Record<Severity, string> = {
  error: "FF9C0006",
  warning: "FF9C5700",
  info: "FF1F4E78",
};

export function severityStyle(severity: Severity): Partial<ExcelJS.Style> {
  return {
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: severityFill[severity] } },
    font: { color: { argb: severityFont[severity] } },
  };
}

export const headerStyle: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } },
  alignment: { vertical: "middle", wrapText: true },
  border: { bottom: { style: "thin" } },
};

/** A 合计 row under a table. */
export const totalStyle: Partial<ExcelJS.Style> = {
  font: { bold: true },
  border: { top: { style: "thin" } },
};

/** A header row that stays in view, with a filter on every column. */
export function tableHeader(
  sheet: ExcelJS.Worksheet,
  headers: readonly string[],
  widths: readonly number[],
): void {
  sheet.columns = headers.map((header, index) => ({
    header,
    width: widths[index] ?? displayWidth(header) + 2,
  }));
  const row = sheet.getRow(1);
  row.eachCell((cell) => {
    cell.style = headerStyle;
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
}

/**
 * How a sheet prints: A4, fitted to the page's width (as many pages down as it takes), the
 * given rows repeated on every page, the report's title and as-of date at the top and the page
 * number at the foot. The title is data (a pack's name): '&' is doubled so that Excel prints it
 * rather than reading it as a header code.
 */
export function printSetup(
  running: string,
  orientation: "portrait" | "landscape",
  titleRows: string,
): Pick<Partial<ExcelJS.AddWorksheetOptions>, "pageSetup" | "headerFooter"> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: titleRows,
      horizontalCentered: true,
    },
    headerFooter: {
      oddHeader: `&C${running.replaceAll("&", "&&")}`,
      oddFooter: "&C&P / &N",
    },
  };
}

/**
 * A sheet holding one table, as every table sheet of the audit workbook is: its header frozen
 * and filtered, its columns fitted to their text (or as given), printed as asked; each row
 * committed as it is written, after `style` has had it.
 */
export function writeTableSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  header: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: {
    print: Partial<ExcelJS.AddWorksheetOptions>;
    style?: (row: ExcelJS.Row) => void;
  },
): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    ...options.print,
  });
  tableHeader(sheet, header, fitWidths([header, ...rows]));
  sheet.getRow(1).commit();
  for (const values of rows) {
    const row = sheet.addRow([...values]);
    options.style?.(row);
    row.commit();
  }
  sheet.commit();
}

/** The workbook's bytes. */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * A workbook written sheet by sheet and row by row, each committed when done: exceljs's
 * streaming writer where it has one (Node), so a long findings sheet is never held as cell
 * objects; in a page (exceljs's build for browsers has no streams) a workbook in memory whose
 * commits do nothing. The same renderer writes both; `bytes()` packs the result.
 */
export async function rowByRowWorkbook(): Promise<{
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  bytes(): Promise<Uint8Array>;
}> {
  const ExcelJS = await excel();
  if (ExcelJS.stream?.xlsx) {
    // Given no stream, the writer zips into a buffer of its own.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      useStyles: true,
      useSharedStrings: true,
    });
    return {
      workbook,
      async bytes() {
        await workbook.commit();
        return (workbook as unknown as { stream: { read(): Uint8Array } }).stream.read();
      },
    };
  }
  const book = new ExcelJS.Workbook();
  const committed = <T extends object>(made: T): T => Object.assign(made, { commit() {} });
  const addWorksheet = book.addWorksheet.bind(book);
  book.addWorksheet = (name, options) => {
    const sheet = committed(addWorksheet(name, options));
    const addRow = sheet.addRow.bind(sheet);
    const getRow = sheet.getRow.bind(sheet);
    sheet.addRow = (values, style) => committed(addRow(values, style));
    sheet.getRow = (index) => committed(getRow(index));
    return sheet;
  };
  return {
    workbook: book as unknown as ExcelJS.stream.xlsx.WorkbookWriter,
    bytes: () => workbookBytes(book),
  };
}

/** exceljs, loaded only when a workbook is written. */
export async function excel(): Promise<typeof ExcelJS> {
  // Node's loader gives the CommonJS module as `default`; the browser build (the page) is the
  // module itself.
  const loaded = (await import("exceljs")) as unknown as { default?: typeof ExcelJS };
  return loaded.default ?? (loaded as unknown as typeof ExcelJS);
}
