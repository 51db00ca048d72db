import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
import type { RecordKind } from "../model/columns.js";
import { encodingOrder, strictDecoder, tryDecode } from "./decode.js";
import { discoverRecordBreak, fastScan, maxRecordChars, type RecordBreak } from "./fast-table.js";
import { HEADER_SEARCH_ROWS, type HeaderChoice } from "./header-row.js";
import type { ColumnMap } from "./headers.js";
import {
  analyseHeader,
  type HeaderAnalysis,
  headerQuality,
  type ReadingOptions,
  sniffBinary,
} from "./index.js";
import { type Delimiter, detectDelimiter, isBlankRecord, type Row, scanRows } from "./table.js";
import { type SpreadsheetKind, spreadsheetKindOf } from "./workbook-sniff.js";

/**
 * What an input is and how it will be read, decided once from its first bytes (never its name):
 * a spreadsheet (the workbook readers), a text file whose start is plain (UTF-8 or GB18030, a
 * header the fast road reads: read in parts, streamed), or a text file read whole (anything
 * else, so every odd file keeps its exact error: UTF-16, a contradicting byte-order mark, quotes
 * the fast road refuses, --fill-down, a pipe). The encodings are tried in the order the
 * whole-file road tries them (`encodingOrder`), and the header is chosen by the same code
 * (`scanRows`) from the same first rows.
 */
export type InputPlan =
  | { road: "workbook"; spreadsheet: SpreadsheetKind; size: number }
  | { road: "stream"; stream: StreamPlan }
  | { road: "whole" };

type StreamEncoding = "utf8" | "gb18030";

export interface StreamPlan {
  size: number;
  /** Past the byte-order mark, if any. */
  dataStart: number;
  /** Encodings to try in turn: a later part may prove the first one wrong. */
  encodings: StreamEncoding[];
  delimiter: Delimiter;
  recordBreak: RecordBreak | null;
  header: Row;
  analysis: Extract<HeaderAnalysis, { usable: true }>;
  /** How the header was found (rows above it are not records). */
  choice: HeaderChoice;
  /** --estates: the kind was given, not read from the headers. */
  forcedKind?: RecordKind;
}

type PlanOptions = ReadingOptions & { kind?: RecordKind };

const PEEK_BYTES = 1 << 20;
/** Where the header, delimiter and record break are looked for first (see streamPlanOf). */
const ANALYSIS_BYTES = 64 << 10;

export async function planInput(file: string, options: PlanOptions): Promise<InputPlan> {
  const start = await peek(file);
  if (!start) return { road: "whole" };
  const spreadsheet = spreadsheetKindOf(start.prefix);
  if (spreadsheet) return { road: "workbook", spreadsheet, size: start.size };
  // Filling down needs every row after the one above it, in order: one reader, the whole file.
  if (options.fillDown?.length) return { road: "whole" };
  const stream = streamPlanOf(start.prefix, start.size, file, options);
  return stream ? { road: "stream", stream } : { road: "whole" };
}

/** A regular file's size and first megabyte; undefined for a pipe, a device or what cannot be read. */
async function peek(file: string): Promise<{ size: number; prefix: Buffer } | undefined> {
  try {
    const handle = await open(file, "r");
    try {
      // A pipe or a device is read once, by the whole road: a look at its start would lose it.
      const info = await handle.stat();
      if (!info.isFile()) return undefined;
      const prefix = Buffer.alloc(Math.min(info.size, PEEK_BYTES));
      const { bytesRead } = await handle.read(prefix, 0, prefix.length, 0);
      return { size: info.size, prefix: prefix.subarray(0, bytesRead) };
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

function streamPlanOf(
  prefix: Buffer,
  size: number,
  file: string,
  options: PlanOptions,
): StreamPlan | null {
  if (size === 0 || size > options.maxFileSize) return null;
  if (sniffBinary(prefix)) return null;
  const order = encodingOrder(prefix, options.encoding);
  // UTF-16 is read whole; so is a mark that contradicts --encoding (the whole road says so).
  if (order.bom && order.bom !== order.candidates[0]) return null;
  if (!order.candidates.every((encoding) => encoding === "utf8" || encoding === "gb18030")) {
    return null;
  }
  const candidates = order.candidates as StreamEncoding[];
  const dataStart = order.skip;
  const whole = prefix.length === size;
  // Cut after the last line break byte: never inside a character in UTF-8 or GB18030.
  const cut = whole ? prefix.length : lastBreak(prefix) + 1;
  if (cut <= dataStart) return null;
  const body = prefix.subarray(dataStart, cut);
  for (const [index, encoding] of candidates.entries()) {
    if (!fits(body, encoding)) continue;
    // The header, delimiter and record break from the first 64 KB, or, when those do not hold
    // them (a header longer than that, say), from the whole peek: decoding and scanning the
    // whole megabyte took 30-40 ms of a 1M check's start (its text alone is 2 MB of fresh
    // memory), before any worker could begin.
    const first =
      body.length > ANALYSIS_BYTES
        ? body.subarray(0, lastBreak(body.subarray(0, ANALYSIS_BYTES)) + 1)
        : body;
    const fromFirst =
      first.length > 0 && first !== body ? readHead(first, encoding, false, file, options) : null;
    const found = fromFirst ?? readHead(body, encoding, whole, file, options);
    if (!found) return null;
    return {
      size,
      dataStart,
      encodings: candidates.slice(index),
      ...found,
      ...(options.kind ? { forcedKind: options.kind } : {}),
    };
  }
  return null;
}

function lastBreak(bytes: Uint8Array): number {
  return Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x0d));
}

/** Whether the bytes are valid in the encoding (UTF-8 checked natively, without decoding). */
function fits(bytes: Uint8Array, encoding: StreamEncoding): boolean {
  return encoding === "utf8" ? isUtf8(bytes) : tryDecode(bytes, encoding) !== null;
}

/** The delimiter, record break and analysed header of a file's first records, or null. */
function readHead(
  bytes: Uint8Array,
  encoding: StreamEncoding,
  final: boolean,
  file: string,
  options: { kind?: RecordKind; maxRecordSize: number; columnMap?: ColumnMap; headerLine?: number },
): Pick<StreamPlan, "delimiter" | "recordBreak" | "header" | "analysis" | "choice"> | null {
  const text = strictDecoder(encoding).decode(bytes);
  if (text.trim() === "") return null;
  const delimiter = detectDelimiter(text);
  const recordBreak = discoverRecordBreak(text);
  if (recordBreak === null && !final) return null;
  const early: Row[] = [];
  const scanned = fastScan(
    text,
    0,
    text.length,
    {
      delimiter,
      recordBreak,
      firstLine: 1,
      maxRecordChars: maxRecordChars(options.maxRecordSize),
      final,
    },
    (line, fields) => {
      if (early.length < HEADER_SEARCH_ROWS && !isBlankRecord(fields)) early.push({ line, fields });
    },
  );
  if (scanned === null || early.length === 0) return null;
  // The header the whole-file road would choose: the same code, over the same first rows.
  const table = scanRows(
    early,
    {
      headerQuality: headerQuality(file, options),
      ...(options.headerLine !== undefined ? { headerLine: options.headerLine } : {}),
    },
    () => () => {},
  );
  if (!table.ok) return null;
  const { header, choice } = table;
  const analysis = analyseHeader(header, delimiter, file, options.kind, options.columnMap);
  if (!analysis.usable) return null;
  return { delimiter, recordBreak, header, analysis, choice };
}
