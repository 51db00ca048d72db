/**
 * A zip archive as the workbook readers see it, whoever opens it: the file through yauzl
 * (zip-archive.ts, the command line) or bytes already in memory (zip-bytes.ts, the page). What a
 * part declares of its size is never trusted: every byte inflated is counted against the part's
 * own limit and a budget for the whole run (`Expansion`), and a part is refused the moment it
 * passes either.
 */
export interface ArchivePart {
  name: string;
  compressedSize: number;
  declaredSize: number;
}

export interface Archive {
  parts: ReadonlyMap<string, ArchivePart>;
  /**
   * The part's bytes as they inflate; each part at most once per archive, unless `again` (the
   * same sheet read a second time: its head first, then as it streams; see sheet-stream.ts).
   */
  inflate(name: string, again?: boolean): AsyncGenerator<Uint8Array>;
  /** Bytes inflated so far, all parts together. */
  inflated(): number;
  close(): void;
}

export class ArchiveLimitError extends Error {}
export class ArchiveReadError extends Error {}

/** Expansion past which one part is taken for a zip bomb (sheets of real data: 5–20 times). */
const MAX_RATIO = 200;
/** Parts smaller than this are not held to the ratio (a tiny part compresses any way it likes). */
const RATIO_FLOOR = 16 << 20;
/** Entries in a workbook: Excel writes a few dozen; thousands mean something else. */
export const MAX_ENTRIES = 10_000;

/** What the archive declares, checked before anything is inflated. */
export function checkDeclared(parts: Iterable<ArchivePart>, budget: number): void {
  let declared = 0;
  for (const part of parts) {
    declared += part.declaredSize;
    const ratio = part.declaredSize / Math.max(1, part.compressedSize);
    if (part.declaredSize > RATIO_FLOOR && ratio > MAX_RATIO) {
      throw new ArchiveLimitError(`${part.name} expands ${Math.round(ratio)} times (a zip bomb?)`);
    }
  }
  if (declared > budget) {
    throw new ArchiveLimitError(`it expands to ${declared} bytes, more than ${budget}`);
  }
}

/** The bytes inflated so far, counted against each part and the whole budget as they come. */
export class Expansion {
  private spent = 0;
  private readonly opened = new Set<string>();
  constructor(private readonly budget: number) {}

  /** A part about to be inflated: each at most once (two sheets naming one part are refused). */
  open(name: string, again = false): void {
    if (this.opened.has(name) && !again) {
      throw new ArchiveLimitError(`${name} is named more than once`);
    }
    this.opened.add(name);
  }

  total(): number {
    return this.spent;
  }

  /** Counts a piece of `part`, of which `seen` bytes have now been inflated in all. */
  count(part: ArchivePart, pieceLength: number, seen: number): void {
    this.spent += pieceLength;
    if (this.spent > this.budget) {
      throw new ArchiveLimitError(
        `the workbook expands past ${this.budget} bytes (at ${part.name}); a real workbook of this size expands far less`,
      );
    }
    // Never more than the part declares (a lying size is a malformed archive)…
    if (seen > part.declaredSize) {
      throw new ArchiveLimitError(
        `${part.name} expands past the ${part.declaredSize} bytes it declares`,
      );
    }
    if (seen > RATIO_FLOOR && seen > MAX_RATIO * Math.max(1, part.compressedSize)) {
      throw new ArchiveLimitError(
        `${part.name} expands more than ${MAX_RATIO} times its ${part.compressedSize} compressed bytes (a zip bomb?)`,
      );
    }
  }
}

/** A file that is no zip archive, or one cut short, by either reader. */
export const NO_CENTRAL_DIRECTORY =
  "not a zip archive, or one cut short: it has no end of central directory";

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error ?? "unknown error");
}
