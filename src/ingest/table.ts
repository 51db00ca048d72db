import { type CsvError, parse } from "csv-parse/sync";
import { phrase } from "../model/errors.js";
import type { Localized } from "../model/text.js";
import { discoverRecordBreak, fastScan, maxRecordChars } from "./fast-table.js";
import { chooseHeader, type HeaderChoice, type HeaderQuality } from "./header-row.js";
import { LineCursor } from "./lines.js";

/**
 * Text to rows. Regular files take the fast road (fast-table.ts); csv-parse does the RFC 4180
 * work for every other file and defines what the fast road must agree with. This module adds what it does not give
 * exactly: the physical line on which each record starts (header = line 1), counted the same
 * for CRLF, LF and CR files, also after quoted fields that span lines.
 */
export const delimiters = [",", ";", "\t"] as const;
export type Delimiter = (typeof delimiters)[number];

export interface Row {
  line: number;
  fields: string[];
}

export type TableFailure =
  | { kind: "empty" }
  | { kind: "malformed"; line: number; reason: Localized }
  | { kind: "too-large"; line: number; limit: number };

export type Table =
  | { ok: true; delimiter: Delimiter; header: Row; rows: Row[] }
  | ({ ok: false } & TableFailure);

export type ScanResult =
  | { ok: true; delimiter: Delimiter; header: Row; rowCount: number; choice: HeaderChoice }
  | ({ ok: false } & TableFailure);

export interface TableOptions {
  /** The longest record, in characters, before the file is refused rather than buffered. */
  maxRecordSize: number;
  /** How well a row names a kind's columns: the header is found by it (header-row.ts). */
  headerQuality?: HeaderQuality;
  /** --header-row: the header's line, given. */
  headerLine?: number;
  /** Told now and then how far the parse has come: bytes read of the total, rows so far. */
  onProgress?: (bytesRead: number, totalBytes: number, rows: number) => void;
}

/** Rows between progress calls: often enough for a live bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 20_000;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Lines the delimiter is looked for on: a title row above the header may hold none. */
const DELIMITER_LINES = 10;

/**
 * The delimiter that occurs most often, outside quotes, on the first non-blank line that holds
 * one (a title such as 苏州市吴中区住宅小区社区用房情况统计表 can stand alone above the header).
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text
    .slice(0, 1 << 16)
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== "")
    .slice(0, DELIMITER_LINES);
  for (const line of lines) {
    const counts = new Map<Delimiter, number>(delimiters.map((delimiter) => [delimiter, 0]));
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && counts.has(char as Delimiter)) {
        counts.set(char as Delimiter, (counts.get(char as Delimiter) ?? 0) + 1);
      }
    }
    let best: Delimiter = ",";
    for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
    if ((counts.get(best) ?? 0) > 0) return best;
  }
  return ",";
}

/** Where a quote opens that is never closed, scanning a record from its first byte. */
function unclosedQuoteOffset(bytes: Uint8Array, start: number, delimiter: number): number {
  let fieldStart = true;
  let openedAt = start;
  let quoted = false;
  for (let offset = start; offset < bytes.length; offset++) {
    const byte = bytes[offset];
    if (quoted) {
      if (byte === QUOTE) {
        if (bytes[offset + 1] === QUOTE) offset++;
        else quoted = false;
      }
      continue;
    }
    if (byte === QUOTE && fieldStart) {
      quoted = true;
      openedAt = offset;
    }
    fieldStart = byte === delimiter || byte === LF || byte === CR;
  }
  return openedAt;
}

/**
 * Reads the text row by row: the header goes to `onHeader`, which returns what to do with each
 * data row as it is parsed, so a large file is never held as rows and records at once.
 */
export function scanTable(
  text: string,
  options: TableOptions,
  onHeader: (header: Row, delimiter: Delimiter) => (row: Row) => void,
): ScanResult {
  if (text.trim() === "") return { ok: false, kind: "empty" };
  const delimiter = detectDelimiter(text);
  const fast = scanRegular(text, delimiter, options, onHeader);
  return fast ?? scanWithCsvParse(text, delimiter, options, onHeader);
}

/** Excel leaves cleared rows behind as ",,,,": they are blank lines, not records. */
export function isBlankRecord(fields: readonly string[]): boolean {
  return !fields.some((field) => field !== "");
}

/**
 * What both parsers do with each record they produce: the header is chosen among the first
 * non-blank ones (header-row.ts; without a quality, the first), the rows above it are set
 * aside, the rest go to the consumer the header chose, blank ones (",,,,") are dropped.
 */
function recordHandler(
  delimiter: Delimiter,
  options: Pick<TableOptions, "headerQuality" | "headerLine">,
  onHeader: (header: Row, delimiter: Delimiter) => (row: Row) => void,
) {
  const state = {
    header: undefined as Row | undefined,
    choice: undefined as HeaderChoice | undefined,
    consume: undefined as ((row: Row) => void) | undefined,
    rowCount: 0,
  };
  const early: Row[] = [];
  const quality = options.headerQuality ?? (() => ({ usable: true, score: 0 }));
  const feed = (row: Row) => {
    state.consume?.(row);
    state.rowCount++;
  };
  const decide = (final: boolean): void => {
    const choice = chooseHeader(early, quality, final, options.headerLine);
    if (!choice) return;
    state.choice = choice;
    state.header = choice.header;
    state.consume = onHeader(choice.header, delimiter);
    // Rows read while looking (after a best guess) are data.
    const after = early.filter((row) => row.line > choice.header.line);
    early.length = 0;
    for (const row of after) feed(row);
  };
  const handle = (line: number, fields: string[]): void => {
    if (isBlankRecord(fields)) return;
    if (state.consume) {
      feed({ line, fields });
      return;
    }
    early.push({ line, fields });
    decide(false);
  };
  /** At the end of the text: a header chosen from whatever rows there were, and the counts. */
  const outcome = (): ScanResult => {
    if (!state.consume && early.length > 0) decide(true);
    if (!state.header || !state.choice) return { ok: false, kind: "empty" };
    return {
      ok: true,
      delimiter,
      header: state.header,
      rowCount: state.rowCount,
      choice: state.choice,
    };
  };
  return { state, handle, outcome };
}

/** The fast road (fast-table.ts), or undefined when the file needs csv-parse. */
export function scanRegular(
  text: string,
  delimiter: Delimiter,
  options: TableOptions,
  onHeader: (header: Row, delimiter: Delimiter) => (row: Row) => void,
): ScanResult | undefined {
  const { state, handle, outcome } = recordHandler(delimiter, options, onHeader);
  const onProgress = options.onProgress;
  const regular = fastScan(
    text,
    0,
    text.length,
    {
      delimiter,
      recordBreak: discoverRecordBreak(text),
      firstLine: 1,
      // csv-parse counts the limit in bytes, and enforces it on what the fast road refuses.
      maxRecordChars: maxRecordChars(options.maxRecordSize),
    },
    onProgress
      ? (line, fields, end) => {
          handle(line, fields);
          if (state.rowCount % PROGRESS_EVERY === 0 && state.rowCount > 0) {
            // Characters stand in for bytes: the bar needs the fraction, not the unit.
            onProgress(end, text.length, state.rowCount);
          }
        }
      : handle,
  );
  if (regular === null) return undefined;
  return outcome();
}

export function scanWithCsvParse(
  text: string,
  delimiter: Delimiter,
  options: TableOptions,
  onHeader: (header: Row, delimiter: Delimiter) => (row: Row) => void,
): ScanResult {
  // csv-parse counts bytes of the text's UTF-8 (its own conversion): the cursor reads the same.
  const bytes = new TextEncoder().encode(text);
  const cursor = new LineCursor(bytes);
  const { state, handle, outcome } = recordHandler(delimiter, options, onHeader);
  let recordEnd = 0;
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      // CRLF and LF both end a record, so a CRLF file with LF rows appended by another tool is
      // read row by row (CRLF listed first, so it is one break). A lone CR ends one only in a file
      // whose lines end in CR: elsewhere it is a stray character in a field (a name pasted with
      // one), and cutting the row there would reject it.
      record_delimiter: discoverRecordBreak(text) === "\r" ? ["\r\n", "\n", "\r"] : ["\r\n", "\n"],
      // A quote inside an unquoted field (37°36'37.8"N) is kept as text, as Excel does.
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: options.maxRecordSize,
      // The context carries the byte count without `info: true`, which would cost an object per record.
      on_record: (record: string[], context: { bytes: number }) => {
        const line = cursor.lineAt(cursor.skipLineBreaks(recordEnd));
        recordEnd = context.bytes;
        handle(line, record);
        if (options.onProgress && state.rowCount % PROGRESS_EVERY === 0 && state.rowCount > 0) {
          options.onProgress(recordEnd, bytes.length, state.rowCount);
        }
        return null;
      },
    });
  } catch (error) {
    const start = cursor.skipLineBreaks(recordEnd);
    const code = (error as CsvError).code;
    if (code === "CSV_MAX_RECORD_SIZE") {
      return {
        ok: false,
        kind: "too-large",
        line: cursor.lineAt(start),
        limit: options.maxRecordSize,
      };
    }
    if (code === "CSV_QUOTE_NOT_CLOSED") {
      const openedAt = unclosedQuoteOffset(bytes, start, delimiter.charCodeAt(0));
      return {
        ok: false,
        kind: "malformed",
        line: cursor.lineAt(openedAt),
        reason: phrase("quoteNotClosed"),
      };
    }
    return {
      ok: false,
      kind: "malformed",
      line: cursor.lineAt(start),
      reason: phrase("quoteFollowed", { code: code ?? "parse error" }),
    };
  }
  return outcome();
}

/**
 * Rows that are already cells (a workbook's sheet, see workbook.ts): the same header choice and
 * blank-row handling as text, with each row's number as its line.
 */
export function scanRows(
  rows: Iterable<Row>,
  options: Pick<TableOptions, "headerQuality" | "headerLine">,
  onHeader: (header: Row, delimiter: Delimiter) => (row: Row) => void,
): ScanResult {
  const { handle, outcome } = rowsHandler(options, onHeader);
  for (const row of rows) handle(row);
  return outcome();
}

/** scanRows for rows that come one at a time (a sheet read as it inflates): each, then the end. */
export function rowsHandler(
  options: Pick<TableOptions, "headerQuality" | "headerLine">,
  onHeader: (header: Row, delimiter: Delimiter) => (row: Row) => void,
): { handle(row: Row): void; outcome(): ScanResult } {
  const { handle, outcome } = recordHandler(",", options, onHeader);
  return { handle: (row) => handle(row.line, row.fields), outcome };
}

/** The whole table at once, for small inputs and tests. */
export function readTable(text: string, options: TableOptions): Table {
  let rows: Row[] = [];
  // The header is announced again when the fast road gives up and csv-parse starts over.
  const scanned = scanTable(text, options, () => {
    rows = [];
    return (row) => rows.push(row);
  });
  return scanned.ok
    ? { ok: true, delimiter: scanned.delimiter, header: scanned.header, rows }
    : scanned;
}
