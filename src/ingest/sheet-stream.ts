import type { Center, Estate } from "../model/records.js";
import type { HeaderAnalysis, ParsedInput } from "./index.js";
import { emptySheet, SheetNeedsWhole } from "./sheet-cells.js";
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
 */
export interface StreamableSheet {
  path: string;
  plan: WorkbookPlan;
  sheet: SheetPlan;
  options: WorkbookOptions;
}

class HeaderFound extends Error {}

/**
 * The workbook's one sheet to read, when it may be streamed: an Office Open XML sheet whose part
 * declares at least `minBytes`, the only one to read, with a header naming estates. Anything
 * else is undefined (read the workbook whole).
 */
export async function streamableSheet(
  path: string,
  options: WorkbookOptions,
  minBytes: number,
): Promise<StreamableSheet | undefined> {
  const plan = await planFile(path, options.maxFileSize, options.encoding, options.spreadsheet);
  if ("refusal" in plan) return undefined;
  const candidate = (): SheetPlan | undefined => {
    if (!plan.archive || plan.read) return undefined;
    const chosen = chooseSheets(plan, options.sheet);
    if ("problem" in chosen || chosen.sheets.length !== 1) return undefined;
    const [sheet] = chosen.sheets;
    const declared = sheet ? plan.archive.parts.get(sheet.entry)?.declaredSize : undefined;
    return sheet && declared !== undefined && declared >= minBytes ? sheet : undefined;
  };
  const sheet = candidate();
  if (!sheet) {
    plan.archive?.close();
    return undefined;
  }
  // Its head: the rows down to the header, to know the kind before the passes begin.
  let analysed: HeaderAnalysis | undefined;
  const { cells, reading } = sheetReading({ path, plan, sheet, options }, undefined, (header) => {
    analysed = header;
    throw new HeaderFound();
  });
  try {
    await readSheetCells(plan, sheet, { onRow: (row) => reading.handle(row), cells, again: false });
  } catch (error) {
    // Anything but the header found (a sheet that cannot be read, say) is the whole road's to
    // say, as for any workbook.
    if (!(error instanceof HeaderFound)) {
      plan.archive?.close();
      return undefined;
    }
  }
  if (!analysed?.usable || analysed.kind !== "estate") {
    plan.archive?.close();
    return undefined;
  }
  return { path, plan, sheet, options };
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
  const { path, plan, sheet, options } = streamable;
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
    await readSheetCells(plan, sheet, { onRow, cells, again: true });
  } catch {
    // What only a whole sheet can mean, or a sheet that cannot be read at all (too large, a
    // broken part): the whole road reads it again and says so, as for any workbook.
    return undefined;
  } finally {
    plan.archive?.close();
  }
  if (cells.merges.length > 0) return undefined;
  const input = reading.finish();
  if (options.sheet === undefined) {
    input.problems.unshift(...sheetNotices(path, plan, [input], [input]));
  }
  return input;
}

/** The whole road's table reading of the sheet, fed the rows as they inflate. */
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
