import type { z } from "zod";
import type { ColumnSpec, RecordKind } from "../model/columns.js";
import { idColumnByKind } from "../model/columns.js";
import {
  type ErrorCode,
  type InputProblem,
  phrase,
  problem,
  problemPhrases,
} from "../model/errors.js";
import {
  type Center,
  centerSchema,
  type Estate,
  estateSchema,
  type Located,
  plainCenter,
  plainEstate,
  type RangeReason,
  rangeReasons,
} from "../model/records.js";
import { inBoth, type Localized } from "../model/text.js";
import type { ColumnBinding } from "./headers.js";
import { IdIndex } from "./id-index.js";
import { nonRecordKind } from "./non-records.js";
import type { Row } from "./table.js";
import {
  detached,
  idKey,
  isPlaceholder,
  isShortenedByExcel,
  type Parsed,
  parseArea,
  parseBoolean,
  parseDate,
  parseEnum,
  parseInteger,
} from "./values.js";

/** Rows to typed records: each cell parsed by its column's type, each record checked by zod. */
const expectedWords: Record<string, Localized> = {
  integer: phrase("wholeNumber"),
  number: phrase("number"),
  date: phrase("date"),
  boolean: phrase("boolean"),
  enum: phrase("listedValue"),
};

const failureCodes = {
  id: "missing-value",
  text: "missing-value",
  integer: "invalid-number",
  area: "invalid-number",
  date: "invalid-date",
  boolean: "invalid-boolean",
  enum: "unknown-value",
} as const satisfies Record<ColumnSpec["type"], ErrorCode>;

function parseCell(column: ColumnSpec, cell: string): Parsed<unknown> {
  switch (column.type) {
    case "integer":
      return parseInteger(cell);
    case "area":
      return parseArea(cell);
    case "date":
      return parseDate(cell);
    case "boolean":
      return parseBoolean(cell);
    case "enum":
      return parseEnum(cell, column.enumValues ?? []);
    default:
      // Texts outlive the row: ids in the duplicate check, names in kept findings and tallies.
      return { ok: true, value: detached(cell) };
  }
}

function allowedValues(column: ColumnSpec): string {
  return (column.enumValues ?? [])
    .map((option) => [option.value, ...option.spellings.slice(0, 2)].join("/"))
    .join(", ");
}

/** Where a cell is, for a problem with it. */
function cellAt(row: Row, binding: ColumnBinding, cell: string) {
  return {
    line: row.line,
    column: binding.column.canonical,
    header: binding.header,
    value: detached(cell),
  };
}

const nonRecordWords = {
  total: { what: phrase("totalsRow") },
  footer: { what: phrase("footerRow") },
};

export type RecordsOf<K extends RecordKind> = K extends "estate" ? Estate : Center;

export interface RecordsResult<T> {
  /** The valid records, unless they were handed to `onRecord` instead. */
  records: Located<T>[];
  valid: number;
  rejected: number;
  /** Rows that are not records: totals and the lines under a form (non-records.ts). */
  skipped: number;
  problems: InputProblem[];
  /**
   * Rejected rows by the community id their row names (estates), and those whose community
   * cannot be read: the household sums of the centers leave these out.
   */
  leftOut: { byCommunity: Map<string, number>; unattributed: number };
  /**
   * Ids of the rejected rows whose id cell could be read, with their lines: a reference to one
   * of them is to a record that exists but was refused, not to one that is absent.
   */
  refused: Array<[string, number]>;
}

const schemas = { estate: estateSchema, center: centerSchema } as const;
const BATCH = 32;
// Plainly valid records are made without zod; the schema decides everything else.
const plainRecords = { estate: plainEstate, center: plainCenter } as const;

/**
 * Turns rows into records one at a time, as the parser hands them over. Valid records are kept
 * in `result.records`, or handed to `onRecord` and not kept.
 */
/**
 * Columns a district form merges down over the rows of a group (a district typed once for its
 * estates): the only ones where a blank cell may be a merged cell, so the only ones where
 * --fill-down is suggested. Never an id, a name or a figure: filling those down would make a
 * record of a totals or note row.
 */
const GROUPING_COLUMNS = new Set(["district", "subdistrict", "community_id"]);

/** Excel's error values, as a cell (or a CSV export of it) shows them, and what each means. */
const SPREADSHEET_ERRORS: Record<string, Localized> = {
  "#REF!": problemPhrases.errorRef,
  "#DIV/0!": problemPhrases.errorDivZero,
  "#VALUE!": problemPhrases.errorValue,
  "#N/A": problemPhrases.errorNotAvailable,
  "#NAME?": problemPhrases.errorName,
  "#NUM!": problemPhrases.errorNum,
  "#NULL!": problemPhrases.errorNull,
  "#SPILL!": problemPhrases.errorSpill,
  "#CALC!": problemPhrases.errorCalc,
};

/**
 * Cells read with U+FFFD where their content could not be read: bytes the encoding refused, or
 * (a workbook) a cell that names what the file does not hold, said by `fault`.
 */
export interface UndecodableCells {
  encoding: string;
  fault?: (line: number, column: number) => { cell: string; reason: Localized } | undefined;
  /**
   * Whether any cell read so far could not be read (each such cell is said by `fault` before
   * its row is added): while none is, no row's fields are looked through for U+FFFD.
   */
  any?: () => boolean;
}

export function recordBuilder<K extends RecordKind>(
  kind: K,
  file: string,
  headerLength: number,
  bindings: readonly ColumnBinding[],
  onRecord?: (line: number, record: RecordsOf<K>) => void,
  /** About how many rows will come, when the caller can tell (sizes the id index). */
  expectedRows = 0,
  /**
   * --fill-down: canonical columns whose blank cells take the value above them (a merged cell
   * exported leaves only its first cell filled). Rows must then come in file order, one reader.
   */
  fillDown: ReadonlySet<string> = new Set(),
  /**
   * The text was decoded with U+FFFD for bytes the encoding refused (see ingestBytes): a row
   * with one in a column the tool reads is rejected, naming the column.
   */
  undecodable?: UndecodableCells,
): {
  add: (row: Row) => void;
  /** Hands on the records still waiting; call once the last row is added, before `result`. */
  flush: () => void;
  result: RecordsResult<RecordsOf<K>>;
  /** Each record id and the line it was first seen on, for duplicate checks across parts. */
  ids: IdIndex;
} {
  const schema = schemas[kind] as unknown as z.ZodType<RecordsOf<K>>;
  const plain = plainRecords[kind] as (
    candidate: Record<string, unknown>,
  ) => RecordsOf<K> | undefined;
  const idColumn = idColumnByKind[kind];
  const ids = new IdIndex(expectedRows);
  const result: RecordsResult<RecordsOf<K>> = {
    records: [],
    valid: 0,
    rejected: 0,
    skipped: 0,
    problems: [],
    leftOut: { byCommunity: new Map(), unattributed: 0 },
    refused: [],
  };
  const bindingByColumn = new Map(bindings.map((binding) => [binding.column.canonical, binding]));
  // Valid records wait in small batches for their id to be claimed: the index's slots for a
  // batch are fetched from memory together (prefetch), not one cache miss after another.
  const pendingIds: string[] = [];
  const pendingLines: number[] = [];
  const pendingRecords: RecordsOf<K>[] = [];

  // Only an estate's community matters to the sums; a row without one counts for none.
  const communityBinding = kind === "estate" ? bindingByColumn.get("community_id") : undefined;
  const leaveOut = (row: Row, ragged: boolean): void => {
    if (!communityBinding) return;
    const { leftOut } = result;
    if (ragged) {
      leftOut.unattributed++;
      return;
    }
    const community = (row.fields[communityBinding.index] ?? "").trim();
    if (community !== "") {
      const id = detached(community);
      leftOut.byCommunity.set(id, (leftOut.byCommunity.get(id) ?? 0) + 1);
    }
  };

  const idBinding = bindingByColumn.get(idColumn);
  const refuse = (row: Row): void => {
    const id = idBinding ? (row.fields[idBinding.index] ?? "").trim() : "";
    if (id !== "" && !isPlaceholder(id)) result.refused.push([detached(id), row.line]);
  };

  // The last value of each filled-down column, by its index in the row.
  const above = new Map<number, string>();

  const add = (row: Row): void => {
    const nonRecord = nonRecordKind(row.fields);
    if (nonRecord) {
      flush();
      result.skipped++;
      result.problems.push(
        problem("skipped-row", file, { line: row.line, data: nonRecordWords[nonRecord] }),
      );
      return;
    }
    const rowProblems: InputProblem[] = [];
    // Trailing empty cells carry nothing; only a short row or extra content is ragged.
    if (
      row.fields.length < headerLength ||
      (row.fields.length > headerLength &&
        row.fields.slice(headerLength).some((field) => field.trim() !== ""))
    ) {
      flush();
      result.problems.push(
        problem("ragged-row", file, {
          line: row.line,
          data: { actual: row.fields.length, expected: headerLength },
        }),
      );
      result.rejected++;
      leaveOut(row, true);
      return;
    }

    if (undecodable && undecodable.any?.() !== false) {
      const spoilt = bindings.find((binding) => row.fields[binding.index]?.includes("\uFFFD"));
      if (spoilt) {
        flush();
        const fault = undecodable.fault?.(row.line, spoilt.index);
        result.problems.push(
          fault
            ? problem("unreadable-cell", file, {
                line: row.line,
                column: spoilt.column.canonical,
                header: spoilt.header,
                cell: fault.cell,
                data: { reason: fault.reason },
              })
            : problem("undecodable-value", file, {
                line: row.line,
                column: spoilt.column.canonical,
                header: spoilt.header,
                value: row.fields[spoilt.index] ?? "",
                data: { encoding: undecodable.encoding },
              }),
        );
        result.rejected++;
        leaveOut(row, false);
        refuse(row);
        return;
      }
    }

    const candidate: Record<string, unknown> = {};
    for (const binding of bindings) {
      const { column } = binding;
      let cell = (row.fields[binding.index] ?? "").trim();
      if (fillDown.size > 0 && fillDown.has(column.canonical)) {
        if (cell === "") cell = above.get(binding.index) ?? "";
        else above.set(binding.index, cell);
      }
      if (cell === "" || isPlaceholder(cell)) {
        if (column.required) {
          rowProblems.push(
            problem("missing-value", file, {
              ...cellAt(row, binding, cell),
              data:
                cell === "" && GROUPING_COLUMNS.has(column.canonical)
                  ? {
                      // A merged cell exported leaves every cell under its first one blank.
                      placeholder: phrase("mergedCellHint", {
                        header: binding.header.replace(/\s+/g, ""),
                      }),
                    }
                  : cell === ""
                    ? { placeholder: "" }
                    : { placeholder: phrase("placeholderHint", { cell }) },
            }),
          );
        }
        continue;
      }
      if (column.type === "id" && isShortenedByExcel(cell)) {
        rowProblems.push(problem("shortened-id", file, cellAt(row, binding, cell)));
        continue;
      }
      // Every error value starts with "#": one look spares the rest of the cells a lookup.
      const spreadsheetError =
        cell.charCodeAt(0) === 35 ? SPREADSHEET_ERRORS[cell.toUpperCase()] : undefined;
      if (spreadsheetError) {
        rowProblems.push(
          problem("spreadsheet-error", file, {
            ...cellAt(row, binding, cell),
            data: { meaning: spreadsheetError },
          }),
        );
        continue;
      }
      const parsed = parseCell(column, cell);
      if (parsed.ok) {
        candidate[column.canonical] = parsed.value;
        continue;
      }
      const expected = expectedWords[parsed.expected];
      rowProblems.push(
        problem(failureCodes[column.type], file, {
          ...cellAt(row, binding, cell),
          // (placeholder: missing-value, the code of id and text cells, which never fail to parse.)
          data: {
            expected: expected ?? parsed.expected,
            allowed: allowedValues(column),
            placeholder: "",
          },
        }),
      );
    }

    if (rowProblems.length === 0) {
      const plainRecord = plain(candidate);
      const checked = plainRecord
        ? ({ success: true, data: plainRecord } as const)
        : schema.safeParse(candidate);
      if (checked.success) {
        const id = idKey(String(candidate[idColumn]));
        pendingLines.push(row.line);
        pendingIds.push(id);
        pendingRecords.push(checked.data);
        ids.prefetch(id);
        if (pendingIds.length >= BATCH) flush();
        return;
      } else {
        for (const issue of checked.error.issues) {
          const column = String(issue.path[0] ?? "");
          const binding = bindingByColumn.get(column);
          const reasonKey = issue.message as RangeReason;
          const reason = rangeReasons[reasonKey] ?? inBoth(() => issue.message);
          rowProblems.push(
            problem("out-of-range", file, {
              line: row.line,
              column,
              header: binding?.header ?? column,
              value: binding ? detached((row.fields[binding.index] ?? "").trim()) : null,
              data: { reason },
            }),
          );
        }
      }
    }
    flush();
    result.problems.push(...rowProblems);
    result.rejected++;
    leaveOut(row, false);
    refuse(row);
  };
  /** Claims the waiting records' ids, in order, and hands on the records that are not repeats. */
  function flush(): void {
    for (let index = 0; index < pendingIds.length; index++) {
      const id = pendingIds[index] as string;
      const line = pendingLines[index] as number;
      const record = pendingRecords[index] as RecordsOf<K>;
      const firstLine = ids.claim(id, line);
      if (firstLine === undefined) {
        result.valid++;
        if (onRecord) onRecord(line, record);
        else result.records.push({ line, record });
        continue;
      }
      const binding = bindingByColumn.get(idColumn);
      if (communityBinding) {
        const community = (record as Estate).community_id;
        if (community !== undefined) {
          const { byCommunity } = result.leftOut;
          byCommunity.set(community, (byCommunity.get(community) ?? 0) + 1);
        }
      }
      result.problems.push(
        problem("duplicate-id", file, {
          line,
          column: idColumn,
          header: binding?.header ?? idColumn,
          value: String((record as Record<string, unknown>)[idColumn]),
          data: { firstLine },
        }),
      );
      result.rejected++;
    }
    pendingIds.length = 0;
    pendingLines.length = 0;
    pendingRecords.length = 0;
  }
  return { add, flush, result, ids };
}
