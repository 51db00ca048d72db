import { open } from "node:fs/promises";
import type { RecordKind } from "../model/columns.js";
import { type InputProblem, problem } from "../model/errors.js";
import { columnLetters } from "../model/sheet-address.js";
import { matchHeaders } from "./headers.js";
import {
  headerQuality,
  type IngestOptions,
  ingestScanned,
  type ParsedInput,
  unusable,
} from "./index.js";
import { type Row, scanRows } from "./table.js";
import {
  planWorkbook,
  type SheetPlan,
  type WorkbookPlan,
  type WorkbookRefusal,
} from "./workbook-zip.js";

/**
 * Workbooks (.xlsx, as Excel and WPS write them) to the same rows a CSV file gives: each sheet's
 * cells as text, row numbers as lines, then the one road from rows to records (ingestScanned).
 * exceljs's streaming reader gives the cells (shared strings, dates by their number format,
 * cached formula values) without holding the workbook as objects; workbook-zip.ts reads what
 * that reader skips (merged ranges, hidden rows and sheets) and refuses archives that would
 * expand past the limits.
 */
export interface WorkbookOptions extends IngestOptions {
  /** --sheet: a sheet's name, or its position (1 = the first tab). */
  sheet?: string;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether the file is a zip archive (an .xlsx is one); false when it cannot be read. */
export async function looksLikeWorkbook(path: string): Promise<boolean> {
  try {
    const handle = await open(path, "r");
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await handle.read(head, 0, 4, 0);
      return bytesRead === 4 && ZIP_MAGIC.every((byte, index) => head[index] === byte);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/** A cell as exceljs gives it. */
type CellValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | Date
  | { formula?: string; sharedFormula?: string; result?: unknown }
  | { richText: Array<{ text: string }> }
  | { text: string; hyperlink?: string }
  | { error: string }
  | { sharedString: number };

/**
 * A cell's text as a CSV export of it would hold, but exact: numbers to the 15 significant
 * digits Excel shows (a cell showing 401.2 is 401.2, not 401.19999999999999), dates as
 * YYYY-MM-DD, a formula by its cached value (by its text when the file holds none).
 */
export function cellText(value: CellValue): { text: string; formulaWithoutValue?: true } {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "number") return { text: numberText(value) };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { text: dateText(value) };
  if ("richText" in value) return { text: value.richText.map((run) => run.text).join("") };
  if ("error" in value) return { text: value.error };
  if ("formula" in value || "sharedFormula" in value) {
    if (value.result === undefined || value.result === null) {
      return { text: `=${value.formula ?? value.sharedFormula ?? ""}`, formulaWithoutValue: true };
    }
    return cellText(value.result as CellValue);
  }
  if ("text" in value) return { text: String(value.text) };
  return { text: "" };
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const shown = Number(value.toPrecision(15));
  // Plain digits, never 1e+21 or 1e-7: the value parsers read decimals.
  if (Number.isInteger(shown)) return BigInt(shown).toString();
  const text = String(shown);
  return text.includes("e") ? shown.toFixed(20).replace(/0+$/, "") : text;
}

function dateText(date: Date): string {
  // exceljs makes dates at UTC midnight (plus the time of day the cell holds).
  const time = date.getTime();
  if (Number.isNaN(time)) return "";
  return date.toISOString().slice(0, 10);
}

interface SheetCells {
  plan: SheetPlan;
  rows: Row[];
  /** Cells whose formula has no cached value, as A1 references. */
  formulasWithoutValue: string[];
}

/** Reads the sheets' cells with exceljs's streaming reader. */
async function readCells(
  path: string,
  plan: WorkbookPlan,
  wanted: ReadonlySet<string>,
): Promise<Map<string, SheetCells>> {
  const { default: ExcelJS } = await import("exceljs");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const sheets = new Map<string, SheetCells>();
  for await (const worksheet of reader as unknown as AsyncIterable<
    AsyncIterable<{ number: number; values: CellValue[] }> & { id: string | number }
  >) {
    // The streaming reader knows a sheet by the number of its part (xl/worksheets/sheet3.xml),
    // not by its name.
    const sheetPlan = plan.sheets.find((sheet) => partNumber(sheet.entry) === String(worksheet.id));
    if (!sheetPlan || !wanted.has(sheetPlan.name)) {
      for await (const _row of worksheet) {
        // Drained: the reader moves on only when a sheet has been read.
      }
      continue;
    }
    const cells: SheetCells = { plan: sheetPlan, rows: [], formulasWithoutValue: [] };
    for await (const row of worksheet) {
      const fields: string[] = [];
      // exceljs's values are 1-based: values[1] is column A.
      for (let index = 1; index < row.values.length; index++) {
        const { text, formulaWithoutValue } = cellText(row.values[index]);
        fields[index - 1] = text;
        if (formulaWithoutValue)
          cells.formulasWithoutValue.push(`${columnLetters(index - 1)}${row.number}`);
      }
      for (let index = 0; index < fields.length; index++) fields[index] ??= "";
      cells.rows.push({ line: row.number, fields });
    }
    sheets.set(sheetPlan.name, cells);
  }
  return sheets;
}

function partNumber(entry: string): string | undefined {
  return /(?:^|\/)sheet(\d+)\.xml$/.exec(entry)?.[1];
}

/** The merged ranges filled from their top-left cell, as the eye reads a merged cell. */
function fillMerged(rows: Row[], plan: SheetPlan): void {
  if (plan.merges.length === 0) return;
  const byLine = new Map(rows.map((row) => [row.line, row]));
  for (const merge of plan.merges) {
    const value = byLine.get(merge.top)?.fields[merge.left] ?? "";
    if (value === "") continue;
    for (let line = merge.top; line <= merge.bottom; line++) {
      let row = byLine.get(line);
      if (!row) {
        row = { line, fields: [] };
        byLine.set(line, row);
        rows.push(row);
      }
      for (let column = merge.left; column <= merge.right; column++) {
        if ((row.fields[column] ?? "") === "") row.fields[column] = value;
      }
      for (let column = 0; column < row.fields.length; column++) row.fields[column] ??= "";
    }
  }
  rows.sort((a, b) => a.line - b.line);
}

/**
 * Every sheet of a workbook that holds records, read as an input of its own; a workbook none of
 * whose sheets does is one unusable input saying why.
 */
export async function readWorkbook(path: string, options: WorkbookOptions): Promise<ParsedInput[]> {
  let planned = await planWorkbook(path, options.maxFileSize);
  // An archive that could not be opened is tried once more (see readCells below) before the
  // file is called unreadable; one too large is refused at once.
  if ("refusal" in planned && planned.refusal.code === "workbook-unreadable") {
    planned = await planWorkbook(path, options.maxFileSize);
  }
  if ("refusal" in planned) return [refused(path, planned.refusal)];
  const plan = planned;
  const chosen = chooseSheets(plan, options.sheet);
  if ("problem" in chosen) return [unusable(path, [chosen.problem])];
  let cells: Map<string, SheetCells>;
  const wanted = new Set(chosen.sheets.map((sheet) => sheet.name));
  try {
    // Once more before giving up: exceljs parks sheets that come before the shared strings in
    // temporary files, and a CI run under heavy load once saw that read fail where a second
    // read of the same file succeeds. The structure was already checked (planWorkbook).
    cells = await readCells(path, plan, wanted).catch(() => readCells(path, plan, wanted));
  } catch (error) {
    return [
      unusable(path, [
        problem("workbook-unreadable", path, {
          data: { reason: error instanceof Error ? error.message : String(error) },
        }),
      ]),
    ];
  }
  const read = chosen.sheets.map((sheet) => {
    const sheetCells = cells.get(sheet.name) ?? { plan: sheet, rows: [], formulasWithoutValue: [] };
    return readSheet(path, sheetCells, options);
  });
  if (options.sheet !== undefined) return read;
  // Without --sheet: the first sheet of each kind; others that fit are named, not read twice.
  const taken = new Map<RecordKind, ParsedInput>();
  const notices: InputProblem[] = [];
  for (const input of read) {
    if (!input.usable || !input.kind) continue;
    if (taken.has(input.kind)) {
      notices.push(
        problem("sheet-not-read", path, {
          sheet: input.sheet ?? "",
          data: { sheet: input.sheet ?? "", other: taken.get(input.kind)?.sheet ?? "" },
        }),
      );
    } else taken.set(input.kind, input);
  }
  const inputs = [...taken.values()];
  if (inputs.length === 0) {
    // No sheet fits: the first one's problems say what it lacks.
    const [first] = read;
    return first ? [first] : [unusable(path, [problem("empty-file", path, { line: 1 })])];
  }
  const [firstInput] = inputs;
  if (firstInput) firstInput.problems.unshift(...sheetNotices(path, plan, read), ...notices);
  return inputs;
}

/** Notices about the workbook as a whole: hidden sheets left out, and sheets of neither kind. */
function sheetNotices(
  path: string,
  plan: WorkbookPlan,
  read: readonly ParsedInput[],
): InputProblem[] {
  return plan.sheets.flatMap((sheet) => {
    const input = read.find((each) => each.sheet === sheet.name);
    if (sheet.hidden && !sheet.veryHidden && !input) {
      return [problem("hidden-sheet", path, { sheet: sheet.name, data: { sheet: sheet.name } })];
    }
    if (input && !input.usable) {
      return [problem("sheet-skipped", path, { sheet: sheet.name, data: { sheet: sheet.name } })];
    }
    return [];
  });
}

function chooseSheets(
  plan: WorkbookPlan,
  wanted: string | undefined,
): { sheets: SheetPlan[] } | { problem: InputProblem } {
  if (wanted === undefined) return { sheets: plan.sheets.filter((sheet) => !sheet.hidden) };
  const byName = plan.sheets.find((sheet) => sheet.name === wanted);
  const position = /^\d+$/.test(wanted) ? plan.sheets[Number(wanted) - 1] : undefined;
  const sheet = byName ?? position;
  if (sheet) return { sheets: [sheet] };
  return {
    problem: problem("sheet-not-found", plan.path, {
      value: wanted,
      data: { sheets: plan.sheets.map((each) => each.name).join(", ") },
    }),
  };
}

function readSheet(path: string, cells: SheetCells, options: WorkbookOptions): ParsedInput {
  const { plan, rows } = cells;
  fillMerged(rows, plan);
  let header: Row | undefined;
  const input = ingestScanned(path, { encoding: null, sheet: plan.name }, options, (onHeader) =>
    scanRows(
      rows,
      {
        headerQuality: headerQuality(path, options),
        ...(options.headerLine !== undefined ? { headerLine: options.headerLine } : {}),
      },
      (chosen, delimiter) => {
        header = chosen;
        const consume = onHeader(chosen, delimiter);
        const width = chosen.fields.length;
        // A sheet stores no cell after a row's last value: a short row is not a ragged one.
        return (row) => {
          while (row.fields.length < width) row.fields.push("");
          consume(row);
        };
      },
    ),
  );
  // Where each column is, for cell references (C12) in every problem of a row.
  const letters = new Map<string, string>();
  if (header && input.kind) {
    for (const binding of matchHeaders(input.kind, header.fields, options.columnMap).bindings) {
      letters.set(binding.column.canonical, columnLetters(binding.index));
    }
  }
  for (const item of input.problems) {
    item.sheet = plan.name;
    if (item.line !== null && item.column !== null) {
      const letter = letters.get(item.column);
      if (letter) item.cell = `${letter}${item.line}`;
    }
  }
  const headerLine = input.headerLine;
  const notices: InputProblem[] = [];
  const dataMerges = plan.merges.filter((merge) => merge.bottom > headerLine);
  if (dataMerges.length > 0) {
    notices.push(
      problem("merged-cells", path, {
        sheet: plan.name,
        line: dataMerges[0]?.top ?? null,
        data: {
          count: dataMerges.length,
          ranges: dataMerges
            .slice(0, 5)
            .map((merge) => merge.ref)
            .join(", "),
        },
      }),
    );
  }
  const hiddenRows = plan.hiddenRows.filter((line) => line > headerLine);
  if (hiddenRows.length > 0) {
    notices.push(
      problem("hidden-rows", path, {
        sheet: plan.name,
        line: hiddenRows[0] ?? null,
        data: { count: hiddenRows.length, rows: hiddenRows.slice(0, 10).join(", ") },
      }),
    );
  }
  // Only where a record was read: a totals row's SUM is skipped with its row.
  const skippedLines = new Set(
    input.problems.filter((item) => item.code === "skipped-row").map((item) => item.line),
  );
  const formulas = cells.formulasWithoutValue.filter((reference) => {
    const line = Number(/\d+$/.exec(reference)?.[0]);
    return line > headerLine && !skippedLines.has(line);
  });
  if (formulas.length > 0) {
    notices.push(
      problem("formula-without-value", path, {
        sheet: plan.name,
        cell: formulas[0] ?? "",
        data: { count: formulas.length, cells: formulas.slice(0, 5).join(", ") },
      }),
    );
  }
  input.problems.unshift(...notices);
  return input;
}

function refused(path: string, refusal: WorkbookRefusal): ParsedInput {
  return unusable(path, [problem(refusal.code, path, { data: refusal.data })]);
}
