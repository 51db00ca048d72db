import { isUtf8 } from "node:buffer";
import { open, stat } from "node:fs/promises";
import { bomOf, strictDecoder, tryDecode } from "../ingest/decode.js";
import {
  discoverRecordBreak,
  fastScan,
  maxRecordChars,
  type RecordBreak,
} from "../ingest/fast-table.js";
import { chooseHeader, HEADER_SEARCH_ROWS, type HeaderChoice } from "../ingest/header-row.js";
import type { ColumnMap } from "../ingest/headers.js";
import {
  analyseHeader,
  type EncodingChoice,
  type HeaderAnalysis,
  headerQuality,
  type ReadingOptions,
  sniffBinary,
} from "../ingest/index.js";
import { type Delimiter, detectDelimiter, isBlankRecord, type Row } from "../ingest/table.js";
import type { RecordKind } from "../model/columns.js";

/**
 * Whether a file can be read in parts, and where the parts begin. Files whose start is plain
 * (UTF-8 or GB18030, usable headers the fast road reads) are streamed; anything else is read
 * whole, as before, so every odd file keeps its exact error.
 */
const PEEK_BYTES = 1 << 20;
/** Where the header, delimiter and record break are looked for first (see planStream). */
const ANALYSIS_BYTES = 64 << 10;
// A megabyte at a time: a buffer of 8 MB cost 2,000 page faults on its first use, 30 ms of the
// scan on a virtual machine where a fresh page costs about 16 µs, more than the reads it saved.
const SCAN_BYTES = 1 << 20;

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

function encodingsToTry(
  prefix: Uint8Array,
  choice: EncodingChoice,
): [StreamEncoding[], number] | null {
  const bom = bomOf(prefix);
  if (bom) {
    const [encoding, length] = bom;
    // UTF-16 is read whole; a mark that contradicts --encoding is left to the whole-file error.
    return encoding === "utf8" && (choice === "auto" || choice === "utf8")
      ? [["utf8"], length]
      : null;
  }
  if (choice === "auto") return [["utf8", "gb18030"], 0];
  return choice === "utf8" || choice === "gb18030" ? [[choice], 0] : null;
}

export async function planStream(
  file: string,
  options: ReadingOptions & { kind?: RecordKind },
): Promise<StreamPlan | null> {
  let size: number;
  let prefix: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile() || info.size === 0 || info.size > options.maxFileSize) return null;
    size = info.size;
    const handle = await open(file, "r");
    try {
      prefix = Buffer.alloc(Math.min(size, PEEK_BYTES));
      const { bytesRead } = await handle.read(prefix, 0, prefix.length, 0);
      prefix = prefix.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
  if (sniffBinary(prefix)) return null;
  const tried = encodingsToTry(prefix, options.encoding);
  if (!tried) return null;
  const [candidates, dataStart] = tried;
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
  // The same choice as the whole-file road makes (table.ts), from the same first rows.
  const quality = headerQuality(file, options);
  let choice: HeaderChoice | undefined;
  for (let seen = 1; seen <= early.length && !choice; seen++) {
    choice = chooseHeader(early.slice(0, seen), quality, seen === early.length, options.headerLine);
  }
  if (!choice) return null;
  const header = choice.header;
  const analysis = analyseHeader(header, delimiter, file, options.kind, options.columnMap);
  if (!analysis.usable) return null;
  return { delimiter, recordBreak, header, analysis, choice };
}

export interface PartBounds {
  start: number;
  end: number;
  firstLine: number;
  startsWithHeader: boolean;
}

/** A record break outside quotes at byte `at` of the file, the physical line after it begins. */
export interface Cut {
  at: number;
  line: number;
}

/**
 * Follows quotes and physical lines through a file's bytes, block by block, and finds the first
 * record break outside quotes at or after a target offset. Quotes are counted as they pair in
 * RFC 4180; if the file breaks that rule, the part before the cut ends inside a quoted field,
 * the fast road refuses it, and the file is read in one piece instead. Only the bytes of quotes
 * and line breaks matter, and in UTF-8 and GB18030 those never occur inside a character, so the
 * bytes fed may also be text re-encoded as UTF-8 (see part.ts, which starts from its carry).
 */
export class CutFinder {
  private quoted = false;
  private lastByte = -1;
  /** A CR ended the last block: it counts as a line break unless an LF follows. */
  private crPending = false;
  private readonly breakByte: number;
  private readonly crlf: boolean;

  constructor(
    recordBreak: RecordBreak | null,
    /** The physical line the first byte fed is on; that byte must start a record. */
    private line: number,
  ) {
    this.breakByte = recordBreak === "\r" ? 0x0d : 0x0a;
    this.crlf = recordBreak === "\r\n";
  }

  /**
   * Reads `block` (whose first byte is at `offset` in the file, following the last block fed)
   * up to the first cut at or after `target`, and returns it; undefined when the block has none.
   * Without a target, the block is only followed.
   */
  find(block: Uint8Array, offset: number, target = Number.POSITIVE_INFINITY): Cut | undefined {
    const length = block.length;
    if (length === 0) return undefined;
    // A CR at the end of the last block counts once this block shows no LF follows it.
    if (this.crPending && block[0] !== 0x0a) this.line++;
    this.crPending = false;
    // Jump from one quote or line-break byte to the next; everything between is plain.
    const next = (byte: number, from: number) => {
      const found = block.indexOf(byte, from);
      return found === -1 ? length : found;
    };
    let quote = next(0x22, 0);
    let lf = next(0x0a, 0);
    let cr = next(0x0d, 0);
    for (;;) {
      const index = Math.min(quote, lf, cr);
      if (index >= length) break;
      const byte = block[index] as number;
      if (byte === 0x22) {
        this.quoted = !this.quoted;
        quote = next(0x22, index + 1);
        continue;
      }
      // A lone CR at the very end of a block is counted in the next one.
      let uncounted = false;
      if (byte === 0x0a) {
        this.line++;
        lf = next(0x0a, index + 1);
      } else {
        cr = next(0x0d, index + 1);
        if (index + 1 >= length) this.crPending = uncounted = true;
        else if (block[index + 1] !== 0x0a) this.line++;
      }
      const previous = index === 0 ? this.lastByte : block[index - 1];
      const position = offset + index + 1;
      if (
        position >= target &&
        !this.quoted &&
        byte === this.breakByte &&
        (!this.crlf || previous === 0x0d)
      ) {
        if (uncounted) {
          // A cut at a CR: in a CR file no LF may follow (else the parts are refused anyway).
          this.line++;
          this.crPending = false;
        }
        // What follows the cut is not followed: a finder is done once it has found its cut.
        return { at: position, line: this.line };
      }
    }
    this.lastByte = block[length - 1] as number;
    return undefined;
  }
}

/**
 * Cuts [dataStart, size) into about `count` parts at record breaks outside quotes (CutFinder),
 * counting physical lines on the way so every part knows the line it starts on.
 */
export async function splitParts(
  path: string,
  plan: StreamPlan,
  count: number,
  blockBytes = SCAN_BYTES,
): Promise<PartBounds[]> {
  const { size, dataStart } = plan;
  const whole = [{ start: dataStart, end: size, firstLine: 1, startsWithHeader: true }];
  if (count <= 1) return whole;
  const span = size - dataStart;
  const targets = Array.from(
    { length: count - 1 },
    (_, k) => dataStart + Math.floor((span * (k + 1)) / count),
  );
  const cuts: Cut[] = [];
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(blockBytes);
    let finder = new CutFinder(plan.recordBreak, 1);
    let target = targets.shift();
    // From the start of the file (a byte-order mark holds no quote or line break).
    for (let offset = 0; offset < size && target !== undefined; ) {
      const { bytesRead } = await handle.read(
        buffer,
        0,
        Math.min(blockBytes, size - offset),
        offset,
      );
      if (bytesRead === 0) break;
      let from = 0;
      while (target !== undefined) {
        const cut = finder.find(buffer.subarray(from, bytesRead), offset + from, target);
        if (!cut) break;
        cuts.push(cut);
        while (target !== undefined && target <= cut.at) target = targets.shift();
        // The next part starts a record at the cut, on the cut's line.
        finder = new CutFinder(plan.recordBreak, cut.line);
        from = cut.at - offset;
      }
      offset += bytesRead;
    }
  } finally {
    await handle.close();
  }
  if (cuts.length === 0) return whole;
  const bounds: PartBounds[] = [];
  let start = dataStart;
  let firstLine = 1;
  for (const cut of cuts) {
    if (cut.at >= size) break;
    bounds.push({ start, end: cut.at, firstLine, startsWithHeader: bounds.length === 0 });
    start = cut.at;
    firstLine = cut.line;
  }
  bounds.push({ start, end: size, firstLine, startsWithHeader: bounds.length === 0 });
  return bounds;
}
