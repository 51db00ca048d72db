import { phrase, problemPhrases } from "../model/errors.js";
import type { Center, Estate } from "../model/records.js";
import type { HeaderAnalysis, ParsedInput } from "./index.js";
import type { SharedStrings } from "./shared-strings.js";
import {
  type CellFault,
  columnName,
  emptySheet,
  FAULT,
  type Merge,
  type SheetCells,
  SheetNeedsWhole,
} from "./sheet-cells.js";
import { readSheetCells } from "./sheet-xml.js";
import type { Row } from "./table.js";
import {
  chooseSheets,
  faultsOf,
  planFile,
  sheetNotices,
  tableReading,
  tableStarts,
  type WorkbookOptions,
} from "./workbook.js";
import type { SheetPlan, WorkbookPlan } from "./workbook-archive.js";

/**
 * A large estates sheet read as it inflates: each row becomes a record and each record is handed
 * to the judge as it is made, none kept, so a sheet of a million rows is read in the memory of a
 * few. It is the whole road's own code (tableReading) fed row by row. What only a sheet read
 * whole can mean stops it — merged ranges (they are written after the rows), a formula whose
 * value must be worked out from other cells, rows out of order, a second table under the first —
 * and the caller then reads the workbook whole instead (pipeline/check.ts starts its run again).
 *
 * The rows are made on this thread, or by another (`RowBatches`, pipeline/sheet-worker.ts) that
 * inflates and scans the part while this one judges: the same rows, faults and merged ranges.
 */
export interface StreamableSheet {
  path: string;
  plan: WorkbookPlan;
  sheet: SheetPlan;
  options: WorkbookOptions;
  /** Rows made by another thread: the batches the head took, then the rest. */
  remote?: { batches: RowBatches; head: RowBatch[]; end?: { merges: Merge[] } };
}

/** Rows made elsewhere, with the faults of their cells and the hidden rows among them. */
export interface RowBatch {
  /** A field holding SHARED and a number names that shared string, for this thread to put in. */
  rows: Row[];
  faults: Array<[string, CellFault]>;
  hiddenRows: number[];
}

export interface RowBatches {
  /** The next batch, or the sheet's end with its merged ranges; rejects if it cannot be read. */
  next(): Promise<RowBatch | { merges: Merge[] }>;
  stop(): Promise<void>;
}

class HeaderFound extends Error {}

/** Marks a field made elsewhere that names a shared string by its index. */
export const SHARED = String.fromCharCode(2);
const SHARED_CODE = SHARED.charCodeAt(0);

/**
 * The workbook's one sheet to read, when it may be streamed: an Office Open XML sheet whose part
 * declares at least `minBytes`, the only one to read, with a header naming estates. Anything
 * else is undefined (read the workbook whole). With `remote`, another thread makes the rows
 * (and reads the shared strings: this thread does not).
 */
export async function streamableSheet(
  path: string,
  options: WorkbookOptions,
  minBytes: number,
  remote?: (sheet: SheetPlan) => Promise<RowBatches>,
): Promise<StreamableSheet | undefined> {
  // With another thread to make the rows, it starts on the sheet as soon as the sheet is known,
  // and this one reads the shared strings meanwhile.
  const structure = remote
    ? await planFile(path, options.maxFileSize, options.encoding, options.spreadsheet, false)
    : undefined;
  if (structure && !("refusal" in structure)) structure.archive?.close();
  const early =
    structure && !("refusal" in structure) ? chosenSheet(structure, options, minBytes) : undefined;
  const started = early && remote ? await remote(early) : undefined;
  const plan = await planFile(path, options.maxFileSize, options.encoding, options.spreadsheet);
  if ("refusal" in plan) {
    await started?.stop();
    return undefined;
  }
  const sheet = chosenSheet(plan, options, minBytes);
  if (!sheet || (remote && sheet.name !== early?.name)) {
    await started?.stop();
    plan.archive?.close();
    return undefined;
  }
  const streamable: StreamableSheet = { path, plan, sheet, options };
  // Its head: the rows down to the header, to know the kind before the passes begin.
  let analysed: HeaderAnalysis | undefined;
  const { cells, reading } = sheetReading(streamable, undefined, (header) => {
    analysed = header;
    throw new HeaderFound();
  });
  // The head's rows are read into copies: the same rows are read again, as they were made.
  const handle = (row: Row) => reading.handle({ line: row.line, fields: [...row.fields] });
  let batches: RowBatches | undefined;
  try {
    if (started) {
      batches = started;
      const head: RowBatch[] = [];
      streamable.remote = { batches, head };
      for (;;) {
        const batch = await batches.next();
        if (!("rows" in batch)) {
          streamable.remote.end = batch;
          break;
        }
        head.push(batch);
        take(cells, batch, handle, plan.strings, true);
      }
    } else {
      await readSheetCells(plan, sheet, { onRow: handle, cells, again: false });
    }
  } catch (error) {
    // Anything but the header found (a sheet that cannot be read, say) is the whole road's to
    // say, as for any workbook.
    if (!(error instanceof HeaderFound)) analysed = undefined;
  }
  if (!analysed?.usable || analysed.kind !== "estate") {
    await batches?.stop();
    plan.archive?.close();
    return undefined;
  }
  return streamable;
}

/** The sheet to stream: the only one read, of Office Open XML, its part at least `minBytes`. */
function chosenSheet(
  plan: WorkbookPlan,
  options: WorkbookOptions,
  minBytes: number,
): SheetPlan | undefined {
  if (!plan.archive || plan.read) return undefined;
  const chosen = chooseSheets(plan, options.sheet);
  if ("problem" in chosen || chosen.sheets.length !== 1) return undefined;
  const [sheet] = chosen.sheets;
  const declared = sheet ? plan.archive.parts.get(sheet.entry)?.declaredSize : undefined;
  return sheet && declared !== undefined && declared >= minBytes ? sheet : undefined;
}

/**
 * A batch's faults and hidden rows into the sheet's, then each of its rows in turn, the text of
 * the shared strings its fields name put in (as the sheet's own reader would have: a string the
 * workbook lacks is an unreadable cell, one holding bytes its encoding refused too).
 */
function take(
  cells: SheetCells,
  batch: RowBatch,
  onRow: (row: Row) => void,
  strings: SharedStrings | undefined,
  /** The head's batches are read again later, as they came: their rows are read as copies. */
  copy: boolean,
): void {
  for (const [key, fault] of batch.faults) cells.faults.set(key, fault);
  cells.hiddenRows.push(...batch.hiddenRows);
  const faultInStrings = strings?.mayHoldFault() ?? false;
  for (const made of batch.rows) {
    const row: Row = copy ? { line: made.line, fields: [...made.fields] } : made;
    const { fields } = row;
    for (let column = 0; column < fields.length; column++) {
      const field = fields[column] as string;
      if (field.charCodeAt(0) !== SHARED_CODE) continue;
      let index = 0;
      for (let at = 1; at < field.length; at++) index = index * 10 + field.charCodeAt(at) - 48;
      const text = strings?.get(index);
      const key = `${row.line}:${column}`;
      if (text === undefined) {
        fields[column] = FAULT;
        cells.faults.set(key, {
          cell: `${columnName(column)}${row.line}`,
          reason: phrase("sharedStringMissing", { index, count: strings?.length ?? 0 }),
        });
        continue;
      }
      fields[column] = text;
      if (faultInStrings && text.includes(FAULT) && !cells.faults.has(key)) {
        cells.faults.set(key, {
          cell: `${columnName(column)}${row.line}`,
          reason: problemPhrases.sheetBytesRefused,
        });
      }
    }
    onRow(row);
  }
}

/**
 * Reads the sheet, handing `onAnalysed` its header and `onRecord` each valid record in line
 * order; the input it returns holds no records (its counts are what was read). Undefined when
 * the sheet turned out to need reading whole (nothing it handed on is to be kept then).
 */
export async function streamSheet(
  streamable: StreamableSheet,
  onAnalysed: (header: HeaderAnalysis) => void,
  onRecord: (line: number, record: Estate | Center) => void,
): Promise<ParsedInput | undefined> {
  const { path, plan, sheet, options, remote } = streamable;
  const { cells, reading } = sheetReading(streamable, onRecord, onAnalysed);
  const startsTable = options.headerLine === undefined ? tableStarts(path, options) : undefined;
  let lastLine = 0;
  const onRow = (row: Row) => {
    if (row.line <= lastLine) throw new SheetNeedsWhole(`row ${row.line} after row ${lastLine}`);
    lastLine = row.line;
    if (startsTable?.(row)) throw new SheetNeedsWhole(`a second table at row ${row.line}`);
    reading.handle(row);
  };
  try {
    if (remote) {
      for (const batch of remote.head) take(cells, batch, onRow, plan.strings, false);
      let end = remote.end;
      while (!end) {
        const batch = await remote.batches.next();
        if ("rows" in batch) take(cells, batch, onRow, plan.strings, false);
        else end = batch;
      }
      cells.merges.push(...end.merges);
    } else {
      await readSheetCells(plan, sheet, { onRow, cells, again: true });
    }
  } catch {
    // What only a whole sheet can mean, or a sheet that cannot be read at all (too large, a
    // broken part): the whole road reads it again and says so, as for any workbook.
    return undefined;
  } finally {
    await remote?.batches.stop();
    plan.archive?.close();
  }
  if (cells.merges.length > 0) return undefined;
  const input = reading.finish();
  if (options.sheet === undefined) {
    input.problems.unshift(...sheetNotices(path, plan, [input], [input]));
  }
  return input;
}

/** The whole road's table reading of the sheet, fed the rows as they come. */
function sheetReading(
  { path, sheet, options }: StreamableSheet,
  onRecord: ((line: number, record: Estate | Center) => void) | undefined,
  onAnalysed: (header: HeaderAnalysis) => void,
) {
  const cells = emptySheet(sheet.name);
  if (sheet.totalRows) cells.totalRows = new Set(sheet.totalRows);
  const faults = faultsOf(path, cells, true);
  return { cells, reading: tableReading(path, cells, options, true, faults, onRecord, onAnalysed) };
}
