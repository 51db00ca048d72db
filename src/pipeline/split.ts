import { open } from "node:fs/promises";
import type { RecordBreak } from "../ingest/fast-table.js";
import type { StreamPlan } from "../ingest/plan.js";

// A megabyte at a time: a buffer of 8 MB cost 2,000 page faults on its first use, 30 ms of the
// scan on a virtual machine where a fresh page costs about 16 µs, more than the reads it saved.
const SCAN_BYTES = 1 << 20;

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
