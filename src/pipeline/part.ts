import { closeSync, openSync, readSync } from "node:fs";
import type { RefusedRow } from "../engine/evaluate.js";
import {
  activeRules,
  type EvaluateOptions,
  HouseholdSums,
  recordEvaluator,
  reportHead,
  Tally,
} from "../engine/evaluate.js";
import { strictDecoder } from "../ingest/decode.js";
import { BlockScanner, maxRecordChars, type RecordBreak } from "../ingest/fast-table.js";
import type { ColumnMap } from "../ingest/headers.js";
import { analyseHeader } from "../ingest/index.js";
import { recordBuilder } from "../ingest/records.js";
import { type Delimiter, isBlankRecord, PROGRESS_EVERY, type Row } from "../ingest/table.js";
import type { RecordKind } from "../model/columns.js";
import { idColumnByKind } from "../model/columns.js";
import type { InputProblem } from "../model/errors.js";
import type { ResolvedPack } from "../model/pack.js";
import type { Center, Estate } from "../model/records.js";
import { loadStreamingFormat } from "../report/registry.js";
import { FindingRouter, type Routed, type RouterSettings } from "./router.js";
import { CutFinder, type PartBounds } from "./split.js";

/**
 * One part of a large file: a byte range that starts at a record boundary, read in blocks,
 * parsed by the fast road, turned into records and evaluated, its findings routed. The same
 * function runs on the main thread and in workers; everything it takes and gives is plain data.
 */
export interface PartJob {
  path: string;
  /** The file's name in reports. */
  file: string;
  start: number;
  end: number;
  /** The physical line `start` is on. */
  firstLine: number;
  /** The part's first record is the header (already analysed by whoever planned the parts). */
  startsWithHeader: boolean;
  encoding: "utf8" | "gb18030";
  delimiter: Delimiter;
  recordBreak: RecordBreak | null;
  header: Row;
  forcedKind?: RecordKind;
  /** The user's own header names (see ColumnMap). */
  columnMap?: ColumnMap;
  maxRecordSize: number;
  pack: ResolvedPack;
  evaluate: EvaluateOptions;
  centerIds: string[] | null;
  /** The rejected centers rows, by the id they name. */
  refusedCenters: Array<[string, RefusedRow]> | null;
  /** Households of each community over all estates (for center rules), or null without estates. */
  households: Array<[string, number]> | null;
  /** Rejected estate rows those sums leave out, or null without estates. */
  leftOut: { byCommunity: Array<[string, number]>; unattributed: number } | null;
  /** Whether some estates file has a community_id column. */
  estatesLinked: boolean;
  /**
   * "ids": only collect the ids of the valid records, with their lines (the first pass over a
   * centers file, and over every file of a kind given more than once); "evaluate": judge every
   * record.
   */
  mode: "evaluate" | "ids";
  /** The heap of the worker running this part, when fixed by the user. */
  workerHeapMb?: number;
  router: RouterSettings;
  spoolName: string;
  /** Send back every record id, so parts can be checked for ids repeated across them. */
  reportIds: boolean;
  /** A part gives none of its range away once less than this is left to read (see Donation). */
  minDonationBytes: number;
  /** Bytes per read, READ_BYTES unless a test needs many reads from a small file. */
  readBytes?: number;
}

/**
 * How a part gives the rest of its range to a thread that has run out of work (one whose core
 * was shared with another program, or whose part was simpler): asked after every read, the
 * part cuts what it has left in two at a record break, keeps the first half and gives the
 * second. Without it, two threads on two cores finished up to 1.3 s apart at 1M rows.
 */
export interface Donation {
  /** True when another thread is waiting for work. */
  wanted(): boolean;
  /** The range given away, or null when too little is left; then the request is over. */
  answer(tail: PartBounds | null): void;
}

export type PartOutcome =
  | { ok: false; reason: "irregular" | "encoding" | "memory" }
  | {
      ok: true;
      rowsRead: number;
      valid: number;
      rejected: number;
      skipped: number;
      problems: InputProblem[];
      tally: Tally;
      households: Array<[string, number]>;
      /** This part's rejected estate rows, by the community they name (see LeftOutRows). */
      leftOut: { byCommunity: Array<[string, number]>; unattributed: number };
      /** Sorted hashes of the record ids, when asked for (see id-hash.ts). */
      idHashes: Float64Array | null;
      /** Ids of the valid records and their lines ("ids" mode). */
      recordIds: string[];
      recordLines: number[];
      /** Ids of the rejected rows and their lines (see RecordsResult.refused). */
      refused: Array<[string, number]>;
      routed: Routed;
      /** Wall time the part took, from its start on its thread (for --debug). */
      seconds: number;
    };

/**
 * Small enough that a block's decoded text (two bytes a character once one is Chinese) stays
 * under V8's large-object size (128 KB) and lives in the young generation, whose pages are used
 * again and again. Blocks of a megabyte were large objects: each got fresh pages from the system
 * and gave them back, twice the page faults in all (60,000 against 28,000 for 500,000 rows, and
 * 175 MB peak instead of 130), and on a virtual machine a fresh page is expensive.
 */
const BLOCK_BYTES = 32 << 10;
/** Read eight blocks at a time (each system call costs more on a virtual machine), decoded one by one. */
const READ_BYTES = 8 * BLOCK_BYTES;
/** Reads between turns of the event loop: a megabyte. */
const YIELD_EVERY = 4;
const TYPICAL_BYTES_PER_ROW = 96;

export async function runPart(
  job: PartJob,
  onProgress?: (bytesRead: number, rows: number) => void,
  donation?: Donation,
): Promise<PartOutcome> {
  const started = performance.now();
  const header = analyseHeader(job.header, job.delimiter, job.file, job.forcedKind, job.columnMap);
  if (!header.usable) throw new Error(`${job.file}: part planned for a file with unusable headers`);
  const kind = header.kind;
  const formats = new Map(
    await Promise.all(
      job.router.streaming.map(
        async ({ name }) => [name, await loadStreamingFormat(name)] as const,
      ),
    ),
  );
  const active = activeRules(job.pack, job.evaluate);
  const tally = new Tally(active);
  const router = new FindingRouter(
    job.router,
    formats,
    reportHead(job.pack, job.evaluate),
    job.spoolName,
  );
  const facts = {
    ...(job.centerIds ? { centerIds: new Set(job.centerIds) } : {}),
    ...(job.refusedCenters ? { refusedCenters: new Map(job.refusedCenters) } : {}),
    ...(job.households
      ? { householdsByCommunity: new Map(job.households), estatesLinked: job.estatesLinked }
      : {}),
    ...(job.leftOut
      ? {
          leftOut: {
            byCommunity: new Map(job.leftOut.byCommunity),
            unattributed: job.leftOut.unattributed,
          },
        }
      : {}),
  };
  const target = {
    file: job.file,
    kind,
    columns: header.columns,
    headerLine: header.headerLine,
    unknownHeaders: header.unknownHeaders,
  };
  const evaluateRecord = recordEvaluator(
    job.pack,
    job.evaluate,
    active,
    facts,
    target,
    tally,
    router.add,
    job.router.junit ? router.addEvaluation : undefined,
  );
  const recordIds: string[] = [];
  const recordLines: number[] = [];
  const idColumn = idColumnByKind[kind] as "estate_id" | "community_id";
  const { centerIds } = facts;
  const households = kind === "estate" && centerIds ? new HouseholdSums(centerIds) : undefined;
  const onRecord =
    job.mode === "ids"
      ? (line: number, record: Estate | Center) => {
          recordIds.push((record as unknown as Record<string, string>)[idColumn] as string);
          recordLines.push(line);
        }
      : households
        ? (line: number, record: Estate | Center) => {
            households.add(record as Estate);
            evaluateRecord(line, record);
          }
        : evaluateRecord;
  const builder = recordBuilder(
    kind,
    job.file,
    job.header.fields.length,
    header.bindings,
    onRecord,
    // A guess: too high costs memory (24 bytes a slot), too low a round of growing the index.
    Math.ceil((job.end - job.start) / TYPICAL_BYTES_PER_ROW),
  );

  let headerPending = job.startsWithHeader;
  let rowsRead = 0;
  let bytesRead = 0;
  const scanner = new BlockScanner(
    {
      delimiter: job.delimiter,
      recordBreak: job.recordBreak,
      firstLine: job.firstLine,
      maxRecordChars: maxRecordChars(job.maxRecordSize),
    },
    (line, fields) => {
      if (isBlankRecord(fields)) return;
      if (headerPending) {
        // The header and any title or unit rows above it (split.ts found it): not records.
        if (line < job.header.line) return;
        headerPending = false;
        return;
      }
      builder.add({ line, fields });
      rowsRead++;
      if (onProgress && rowsRead % PROGRESS_EVERY === 0) onProgress(bytesRead, rowsRead);
    },
  );

  // A part that cannot finish still closes its spools; the caller removes the spool directory.
  const fail = (reason: "irregular" | "encoding"): PartOutcome => {
    router.finish();
    return { ok: false, reason };
  };
  const decoder = strictDecoder(job.encoding);
  // Synchronous reads: with blocks this small, handing each read to libuv's thread pool and
  // waiting for it cost 0.2-0.3 s of a 4.4 s run at 1M rows (three times the context switches).
  // The event loop still gets a turn every YIELD_EVERY reads, for signals and the progress bar.
  const fd = openSync(job.path, "r");
  // Where this part stops: its end, until it gives the rest of its range away.
  let end = job.end;
  try {
    const buffer = Buffer.allocUnsafe(job.readBytes ?? READ_BYTES);
    const blockBytes = Math.min(BLOCK_BYTES, buffer.length);
    let reads = 0;
    for (let position = job.start; position < end; ) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, end - position), position);
      if (read === 0) break;
      position += read;
      bytesRead += read;
      for (let block = 0; block < read; block += blockBytes) {
        let text: string;
        try {
          text = decoder.decode(buffer.subarray(block, Math.min(block + blockBytes, read)), {
            stream: true,
          });
        } catch {
          return fail("encoding");
        }
        if (!scanner.push(text, false)) return fail("irregular");
      }
      if (donation?.wanted()) {
        // The buffer's bytes are all decoded: it can serve the search for a cut.
        const tail = headerPending ? null : cutTail(fd, buffer, position, end, scanner, job);
        if (tail) end = tail.start;
        donation.answer(tail);
      }
      if (++reads % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      return fail("encoding");
    }
    if (!scanner.push(rest, true)) return fail("irregular");
    builder.flush();
  } finally {
    closeSync(fd);
  }
  const routed = router.finish();
  return {
    ok: true,
    rowsRead,
    valid: builder.result.valid,
    rejected: builder.result.rejected,
    skipped: builder.result.skipped,
    problems: builder.result.problems,
    tally,
    households: households?.entries() ?? [],
    leftOut: {
      byCommunity: [...builder.result.leftOut.byCommunity],
      unattributed: builder.result.leftOut.unattributed,
    },
    idHashes: job.reportIds ? builder.ids.takeSortedHashes() : null,
    recordIds,
    recordLines,
    refused: builder.result.refused,
    routed,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The second half of what a part has left to read, from a record break outside quotes, or null
 * when too little is left. The search starts where the scanner stands: at the start of the
 * record it has not finished, on that record's line, outside quotes. The decoder may still hold
 * the first bytes of a character, but those are never quotes or line breaks.
 */
function cutTail(
  fd: number,
  buffer: Buffer,
  position: number,
  end: number,
  scanner: BlockScanner,
  job: PartJob,
): PartBounds | null {
  const left = end - position;
  if (left < Math.max(1, job.minDonationBytes)) return null;
  const target = position + Math.floor(left / 2);
  const unfinished = scanner.unfinished();
  const finder = new CutFinder(job.recordBreak, unfinished.line);
  const carried = Buffer.from(unfinished.text);
  finder.find(carried, position - carried.length);
  for (let at = position; at < end; ) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
    if (read === 0) break;
    const cut = finder.find(buffer.subarray(0, read), at, target);
    if (cut) {
      return cut.at < end
        ? { start: cut.at, end, firstLine: cut.line, startsWithHeader: false }
        : null;
    }
    at += read;
  }
  return null;
}
