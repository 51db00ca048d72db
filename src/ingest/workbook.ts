import { stat } from "node:fs/promises";
import { recordKinds } from "../model/columns.js";
import { type InputProblem, phrase, problem } from "../model/errors.js";
import type { Center, Estate } from "../model/records.js";
import { columnLetters } from "../model/sheet-address.js";
import { isLocalized } from "../model/text.js";
import { evaluateFormula } from "./formula.js";
import { matchColumn, matchHeaders } from "./headers.js";
import {
  type HeaderAnalysis,
  headerQuality,
  type IngestOptions,
  type ParsedInput,
  scannedReader,
  type Undecodable,
  unusable,
} from "./index.js";
import { nonRecordKind } from "./non-records.js";
import type { SheetCells } from "./sheet-cells.js";
import { FAULT } from "./sheet-cells.js";
import { readSheetCells } from "./sheet-xml.js";
import { type Row, rowsHandler } from "./table.js";
import {
  ArchiveLimitError,
  planWorkbook,
  type SheetPlan,
  tooLarge,
  unreadable,
  type WorkbookPlan,
  type WorkbookRefusal,
} from "./workbook-archive.js";
import { type SpreadsheetKind, spreadsheetKind, spreadsheetKindOf } from "./workbook-sniff.js";

/**
 * Workbooks (.xlsx, .xlsm, Strict Open XML, as Excel, WPS and LibreOffice write them) to the same
 * rows a CSV file gives: each sheet's cells as text, row numbers as lines, then the one road from
 * rows to records (ingestScanned). The archive is read through its central directory and each
 * part inflated once, in memory (workbook-archive.ts, sheet-xml.ts): nothing is parked on disk,
 * and a part the workbook needs is read whole or the file is refused naming it.
 */
export interface WorkbookOptions extends IngestOptions {
  /** --sheet: sheets' names, or their positions (1 = the first tab). */
  sheet?: readonly string[];
  /** The pack's name of a district it knows, under any spelling (a sheet named for one). */
  districtOf?: (text: string) => string | undefined;
  /** What the file's first bytes said it is, when it was planned already (plan.ts). */
  spreadsheet?: SpreadsheetKind;
  /** The file's bytes, when they are in memory already (the page): nothing is read from disk. */
  bytes?: Uint8Array;
}

export async function readWorkbook(path: string, options: WorkbookOptions): Promise<ParsedInput[]> {
  const planned = options.bytes
    ? await planWorkbook(
        path,
        options.bytes.length,
        options.maxFileSize,
        options.spreadsheet ?? spreadsheetKindOf(options.bytes) ?? "zip",
        options.encoding,
        options.bytes,
      )
    : await planFile(path, options.maxFileSize, options.encoding, options.spreadsheet);
  if ("refusal" in planned) return [refused(path, planned.refusal)];
  const plan = planned;
  try {
    return await readPlanned(path, plan, options);
  } finally {
    plan.archive?.close();
  }
}

/** A spreadsheet file planned by the reader its first bytes call for. */
export async function planFile(
  path: string,
  maxFileSize: number,
  encoding: WorkbookOptions["encoding"] = "auto",
  spreadsheet?: SpreadsheetKind,
  withStrings = true,
): ReturnType<typeof planWorkbook> {
  const size = await stat(path).then(
    (info) => info.size,
    () => 0,
  );
  const kind = spreadsheet ?? (await spreadsheetKind(path)) ?? "zip";
  return planWorkbook(path, size, maxFileSize, kind, encoding, undefined, withStrings);
}

/** A sheet's cells: read while planning (.ods, .xls, web pages) or now, from its part. */
async function cellsOf(plan: WorkbookPlan, sheet: SheetPlan): Promise<SheetCells> {
  return plan.read?.get(sheet.name) ?? (await readSheetCells(plan, sheet));
}

/**
 * Every sheet's cells as the readers make them, before any header is looked for: what the
 * differential tests hold against independent readers.
 */
export async function spreadsheetCells(
  path: string,
  maxFileSize: number,
): Promise<Array<{ name: string; hidden: boolean; cells: SheetCells }>> {
  const planned = await planFile(path, maxFileSize);
  if ("refusal" in planned) throw new Error(String(planned.refusal.data.reason));
  try {
    const sheets = [];
    for (const sheet of planned.sheets) {
      sheets.push({ name: sheet.name, hidden: sheet.hidden, cells: await cellsOf(planned, sheet) });
    }
    return sheets;
  } finally {
    planned.archive?.close();
  }
}

async function readPlanned(
  path: string,
  plan: WorkbookPlan,
  options: WorkbookOptions,
): Promise<ParsedInput[]> {
  const chosen = chooseSheets(plan, options.sheet);
  if ("problem" in chosen) return [unusable(path, [chosen.problem])];
  const read: ParsedInput[] = [];
  for (const sheet of chosen.sheets) {
    let cells: SheetCells;
    try {
      cells = await cellsOf(plan, sheet);
    } catch (error) {
      // A sheet that cannot be read whole refuses the workbook: no register is read in part.
      const message = error instanceof Error ? error.message : String(error);
      return [
        refused(
          path,
          (error instanceof ArchiveLimitError ? tooLarge(message) : unreadable(message)).refusal,
        ),
      ];
    }
    read.push(...readSheet(path, cells, options));
  }
  if (options.sheet !== undefined) return read;
  // Without --sheet: every sheet whose header fits a kind is an input of its own (a sheet per
  // district or per batch is all of the register); the others are named in a notice.
  // A sheet whose header names a register's columns but lacks some is that register, refused
  // (saying what it lacks), never a sheet skipped with a notice; so is a table that cannot be read
  // on a sheet that holds a register: it is part of that register's sheet.
  const registerSheets = new Set(
    read.filter((input) => input.usable && input.kind).map((input) => input.sheet),
  );
  const inputs = read.filter(
    (input) =>
      input.usable ||
      (input.kind !== null && !isInstructionSheet(input.sheet)) ||
      registerSheets.has(input.sheet),
  );
  if (inputs.length === 0) {
    // No sheet fits: the first one's problems say what it lacks.
    const [first] = read;
    return first ? [first] : [unusable(path, [problem("empty-file", path, { line: 1 })])];
  }
  const [firstInput] = inputs;
  if (firstInput) firstInput.problems.unshift(...sheetNotices(path, plan, read, inputs));
  return inputs;
}

/**
 * Sheets that say how to fill the others in (the fill-in template's own among them): not
 * registers, and not worth a notice in every report of a filled-in form.
 */
const INSTRUCTION_SHEETS = new Set(["填表说明", "填报说明", "instructions"]);

function isInstructionSheet(name: string | undefined): boolean {
  return name !== undefined && INSTRUCTION_SHEETS.has(name.trim().toLowerCase());
}

/** Notices about the workbook as a whole: hidden sheets left out, and sheets of neither kind. */
export function sheetNotices(
  path: string,
  plan: WorkbookPlan,
  read: readonly ParsedInput[],
  kept: readonly ParsedInput[],
): InputProblem[] {
  return plan.sheets.flatMap((sheet) => {
    const input = read.find((each) => each.sheet === sheet.name);
    if (sheet.hidden && !sheet.veryHidden && !input) {
      return [problem("hidden-sheet", path, { sheet: sheet.name, data: { sheet: sheet.name } })];
    }
    const refused = kept.some((each) => each.sheet === sheet.name);
    if (input && !input.usable && !refused && !isInstructionSheet(sheet.name)) {
      return [problem("sheet-skipped", path, { sheet: sheet.name, data: { sheet: sheet.name } })];
    }
    return [];
  });
}

export function chooseSheets(
  plan: WorkbookPlan,
  wanted: readonly string[] | undefined,
): { sheets: SheetPlan[] } | { problem: InputProblem } {
  if (wanted === undefined) return { sheets: plan.sheets.filter((sheet) => !sheet.hidden) };
  const sheets: SheetPlan[] = [];
  for (const name of wanted) {
    const byName = plan.sheets.find((sheet) => sheet.name === name);
    const position = /^\d+$/.test(name) ? plan.sheets[Number(name) - 1] : undefined;
    const sheet = byName ?? position;
    if (!sheet) {
      return {
        problem: problem("sheet-not-found", plan.path, {
          value: name,
          data: { sheets: plan.sheets.map((each) => each.name).join(", ") },
        }),
      };
    }
    if (!sheets.includes(sheet)) sheets.push(sheet);
  }
  return { sheets };
}

/**
 * A sheet's tables, each an input: a second table under the first (after a blank row, with a
 * header of its own, as centers typed below estates) is read as one more, never as rows of the
 * first. Notices about the sheet as a whole go with its first table.
 */
function readSheet(path: string, cells: SheetCells, options: WorkbookOptions): ParsedInput[] {
  evaluateFormulas(cells);
  const tables =
    options.headerLine === undefined ? splitTables(path, cells.rows, options) : [cells.rows];
  // From here the tables hold the rows, and each gives a row up once it is a record (draining),
  // so that a large sheet's rows and its records are not all held at once.
  cells.rows = [];
  return tables.map((rows, index) => readTable(path, cells, rows, options, index === 0));
}

/** A table's rows, each let go of as it is taken. */
function* draining(rows: Row[]): Generator<Row> {
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as Row;
    (rows as Array<Row | undefined>)[index] = undefined;
    yield row;
  }
  rows.length = 0;
}

/** Rows cut where a header-like row follows a blank one, once a first header has been seen. */
function splitTables(path: string, rows: readonly Row[], options: WorkbookOptions): Row[][] {
  const startsTable = tableStarts(path, options);
  const tables: Row[][] = [[]];
  for (const row of rows) {
    if (startsTable(row)) tables.push([]);
    tables[tables.length - 1]?.push(row);
  }
  return tables;
}

/**
 * Whether each row, given in line order, starts a table below the first: only rows that could
 * start one are weighed as headers (the first ones, and those after a blank row). After a blank
 * row, a row naming two known columns or more starts a table even when it fits no register: that
 * table is then refused whole, saying what its header lacks, instead of its rows being read as
 * bad rows of the table above.
 */
export function tableStarts(path: string, options: WorkbookOptions): (row: Row) => boolean {
  const quality = headerQuality(path, options);
  let headerSeen = false;
  let previous: Row | undefined;
  let index = 0;
  return (row) => {
    const afterBlank =
      previous === undefined ||
      row.line > previous.line + 1 ||
      previous.fields.every((field) => field.trim() === "");
    let starts = false;
    if (index < 20 || afterBlank) {
      const usable = quality(row.fields).usable;
      const known = row.fields.filter(
        (field) => field.trim() !== "" && quality.knows?.(field),
      ).length;
      if (usable || (headerSeen && afterBlank && known >= 2)) {
        starts = headerSeen && afterBlank;
        headerSeen = true;
      }
    }
    previous = row;
    index++;
    return starts;
  };
}

/** Headers that name the district column, whatever the kind. */
function districtColumnOf(fields: readonly string[], options: WorkbookOptions): number {
  return fields.findIndex((field) =>
    recordKinds.some(
      (kind) => matchColumn(kind, field, options.columnMap)?.canonical === "district",
    ),
  );
}

const SUPPLIED_DISTRICT_HEADER = "所属区";

function readTable(
  path: string,
  cells: SheetCells,
  rows: Row[],
  options: WorkbookOptions,
  first: boolean,
): ParsedInput {
  const reading = tableReading(path, cells, options, first, faultsOf(path, cells, false));
  for (const row of draining(rows)) reading.handle(row);
  return reading.finish();
}

/**
 * A table of a sheet read row by row: `handle` each row in line order, then `finish` for the
 * input. The same for a sheet read whole (readTable) and one read as it inflates
 * (sheet-stream.ts), which hands `onRecord` each record instead of keeping it.
 */
export function tableReading(
  path: string,
  cells: SheetCells,
  options: WorkbookOptions,
  first: boolean,
  faults: Undecodable | undefined,
  onRecord?: (line: number, record: Estate | Center) => void,
  onAnalysed?: (header: HeaderAnalysis) => void,
): { handle(row: Row): void; finish(): ParsedInput } {
  const { name } = cells;
  let header: Row | undefined;
  const notes: string[] = [];
  // A sheet named for a district (a sheet per district) gives its rows their district when they
  // have no such column, and refuses a row whose own district is another one.
  const sheetDistrict = options.districtOf?.(name);
  let supplied = false;
  const quality = headerQuality(path, options);
  const sheetQuality: typeof quality = Object.assign(
    (fields: readonly string[]) => {
      const plain = quality(fields);
      if (plain.usable || !sheetDistrict || districtColumnOf(fields, options) !== -1) return plain;
      return quality([...fields, SUPPLIED_DISTRICT_HEADER]);
    },
    { knows: quality.knows },
  );
  const sheetDistrictFaults = sheetDistrict !== undefined ? faultsOf(path, cells, true) : faults;
  const reader = scannedReader(
    path,
    { encoding: null, sheet: name },
    options,
    sheetDistrictFaults,
    onRecord,
    onAnalysed,
  );
  const onHeader = reader.onHeader;
  const table = rowsHandler(
    {
      headerQuality: sheetQuality,
      ...(options.headerLine !== undefined ? { headerLine: options.headerLine } : {}),
    },
    (chosen, delimiter) => {
      header = chosen;
      const districtColumn = sheetDistrict ? districtColumnOf(chosen.fields, options) : -1;
      if (sheetDistrict && districtColumn === -1) {
        chosen.fields.push(SUPPLIED_DISTRICT_HEADER);
        supplied = true;
      }
      const consume = onHeader(chosen, delimiter);
      const width = chosen.fields.length - (supplied ? 1 : 0);
      // A sheet stores no cell after a row's last value: a short row is not a ragged one.
      // Cells right of the header's last column are notes beside the table (a sheet's
      // columns cannot shift as a CSV line's fields can): read past, said once per sheet.
      return (row) => {
        while (row.fields.length < width) row.fields.push("");
        if (row.fields.length > width) {
          const beyond = row.fields.slice(width).findIndex((field) => field.trim() !== "");
          if (beyond !== -1) notes.push(`${columnLetters(width + beyond)}${row.line}`);
          row.fields.length = width;
        }
        // An Excel table's total row, by the table's own account, is named as one.
        if (cells.totalRows?.has(row.line)) row.fields[0] = "汇总";
        if (supplied && sheetDistrict) row.fields.push(sheetDistrict);
        else if (sheetDistrict && districtColumn !== -1) {
          const own = (row.fields[districtColumn] ?? "").trim();
          if (own !== "" && options.districtOf?.(own) !== sheetDistrict && !isNonRecord(row)) {
            cells.faults.set(`${row.line}:${districtColumn}`, {
              cell: `${columnLetters(districtColumn)}${row.line}`,
              reason: phrase("districtAgainstSheet", { own, sheet: name }),
            });
            row.fields[districtColumn] = FAULT;
          }
        }
        consume(row);
      };
    },
  );
  const finish = (): ParsedInput => {
    const input = reader.finish(table.outcome());
    // Where each column is, for cell references (C12) in every problem of a row.
    const letters = new Map<string, string>();
    if (header && input.kind) {
      for (const binding of matchHeaders(input.kind, header.fields, options.columnMap).bindings) {
        letters.set(binding.column.canonical, columnLetters(binding.index));
      }
    }
    for (const item of input.problems) {
      item.sheet = name;
      // A workbook's merged cells are filled already: --fill-down is for CSV files only.
      if (
        item.code === "missing-value" &&
        isLocalized(item.data.placeholder) &&
        item.data.placeholder.en.includes("--fill-down")
      ) {
        item.data = { ...item.data, placeholder: "" };
      }
      if (item.line !== null && item.column !== null) {
        const letter = letters.get(item.column);
        if (letter) item.cell = `${letter}${item.line}`;
      }
    }
    if (supplied && sheetDistrict) {
      input.problems.unshift(
        problem("district-from-sheet", path, {
          sheet: name,
          data: { sheet: name, district: sheetDistrict },
        }),
      );
    }
    if (notes.length > 0) {
      input.problems.unshift(
        problem("notes-beside-table", path, {
          sheet: name,
          cell: notes[0] ?? "",
          data: { count: notes.length, cells: notes.slice(0, 5).join(", ") },
        }),
      );
    }
    if (!first) return input;
    const headerLine = input.headerLine;
    const notices: InputProblem[] = [];
    const dataMerges = cells.merges.filter((merge) => merge.bottom > headerLine);
    if (dataMerges.length > 0) {
      notices.push(
        problem("merged-cells", path, {
          sheet: name,
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
    if (cells.clippedMerges.length > 0) {
      notices.push(
        problem("merged-range-clipped", path, {
          sheet: name,
          data: {
            count: cells.clippedMerges.length,
            ranges: cells.clippedMerges.slice(0, 5).join(", "),
          },
        }),
      );
    }
    const hiddenRows = cells.hiddenRows.filter((line) => line > headerLine);
    if (hiddenRows.length > 0) {
      notices.push(
        problem("hidden-rows", path, {
          sheet: name,
          line: hiddenRows[0] ?? null,
          data: { count: hiddenRows.length, rows: hiddenRows.slice(0, 10).join(", ") },
        }),
      );
    }
    // Only where a record was read: a totals row's SUM is skipped with its row.
    const skippedLines = new Set(
      input.problems.filter((item) => item.code === "skipped-row").map((item) => item.line),
    );
    // Formulas below the header, where a record was read.
    const cellsNoticed = (
      code: "formula-without-value" | "formula-evaluated",
      references: string[],
    ) => {
      const below = references.filter((reference) => {
        const line = Number(/\d+$/.exec(reference)?.[0]);
        return line > headerLine && !skippedLines.has(line);
      });
      if (below.length === 0) return;
      notices.push(
        problem(code, path, {
          sheet: name,
          cell: below[0] ?? "",
          data: { count: below.length, cells: below.slice(0, 5).join(", ") },
        }),
      );
    };
    cellsNoticed("formula-without-value", cells.formulasWithoutValue);
    cellsNoticed("formula-evaluated", cells.evaluated ?? []);
    input.problems.unshift(...notices);
    return input;
  };
  return { handle: table.handle, finish };
}

function refused(path: string, refusal: WorkbookRefusal): ParsedInput {
  return unusable(path, [problem(refusal.code, path, { data: refusal.data })]);
}

/** A sheet's unreadable cells, for the record builder to reject their rows (see sheet-xml.ts). */
export function faultsOf(path: string, cells: SheetCells, more: boolean): Undecodable | undefined {
  const [first] = cells.faults.values();
  // `more`: faults may still be found as rows are read (a district against its sheet's).
  if (!first && !more) return undefined;
  return {
    encoding: "UTF-8",
    // In the header, the sheet cannot be read at all.
    get refused() {
      const [fault] = cells.faults.values();
      return fault
        ? problem("workbook-unreadable", path, {
            sheet: cells.name,
            cell: fault.cell,
            line: Number(/\d+$/.exec(fault.cell)?.[0]),
            data: { reason: `cell ${fault.cell} ${fault.reason.en}` },
          })
        : problem("empty-file", path, { sheet: cells.name, line: 1 });
    },
    fault: (line, column) => cells.faults.get(`${line}:${column}`),
    any: () => cells.faults.size > 0,
  };
}

function isNonRecord(row: Row): boolean {
  return nonRecordKind(row.fields) !== undefined;
}

/**
 * Formulas the workbook stored no value for: plain arithmetic over the sheet's cells is
 * evaluated (formula.ts) and said in a notice; any other is marked unreadable at its cell, so a
 * row that needs it is refused saying why, never read as the formula's text.
 */
function evaluateFormulas(cells: SheetCells): void {
  const { formulas } = cells;
  if (!formulas || formulas.size === 0) return;
  const byLine = new Map(cells.rows.map((row) => [row.line, row]));
  const textAt = (column: number, line: number) => byLine.get(line)?.fields[column];
  const pending = (column: number, line: number) => formulas.get(`${column}:${line}`);
  const results = new Map<string, string | undefined>();
  for (const [key, formula] of formulas) {
    results.set(key, evaluateFormula(formula, textAt, pending));
  }
  cells.evaluated = [];
  const left: string[] = [];
  for (const [key, value] of results) {
    const [column = 0, line = 0] = key.split(":").map(Number);
    const row = byLine.get(line);
    if (!row) continue;
    const reference = `${columnLetters(column)}${line}`;
    if (value !== undefined) {
      row.fields[column] = value;
      cells.evaluated.push(reference);
      continue;
    }
    left.push(reference);
    row.fields[column] = FAULT;
    cells.faults.set(`${line}:${column}`, {
      cell: reference,
      reason: phrase("formulaNotEvaluated", { formula: formulas.get(key) }),
    });
  }
  cells.formulasWithoutValue = left;
}
