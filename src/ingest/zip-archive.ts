import { PassThrough } from "node:stream";
import { createInflateRaw, inflateRawSync, type ZlibOptions } from "node:zlib";
import type { Entry, ZipFile } from "yauzl";

/**
 * A zip archive read through its central directory (yauzl): parts are found by name and each is
 * inflated straight from the file, in memory, nothing parked on disk. What a part declares of
 * its size is never trusted: every byte inflated is counted against the part's own limit and a
 * budget for the whole run, and a part is refused the moment it passes either.
 */
export interface ArchivePart {
  name: string;
  compressedSize: number;
  declaredSize: number;
}

export class ArchiveLimitError extends Error {}
export class ArchiveReadError extends Error {}

/** Expansion past which one part is taken for a zip bomb (sheets of real data: 5–20 times). */
const MAX_RATIO = 200;
/** Parts smaller than this are not held to the ratio (a tiny part compresses any way it likes). */
const RATIO_FLOOR = 16 << 20;
/** Entries in a workbook: Excel writes a few dozen; thousands mean something else. */
export const MAX_ENTRIES = 10_000;
const INFLATE_CHUNK = 1 << 20;
/** How far inflating may run ahead of the scanner (it inflates on another thread meanwhile). */
const INFLATE_AHEAD = 8 * INFLATE_CHUNK;
/**
 * Parts declaring up to this are inflated in one call, at most to their declared size: faster
 * than a stream of pieces; larger ones (a big sheet) stream, so memory stays bounded.
 */
const WHOLE_PART = 16 << 20;

export interface Archive {
  parts: ReadonlyMap<string, ArchivePart>;
  /** The part's bytes as they inflate; each part at most once per archive. */
  inflate(name: string): AsyncGenerator<Buffer>;
  /** Bytes inflated so far, all parts together. */
  inflated(): number;
  close(): void;
}

export async function openArchive(path: string, budget: number): Promise<Archive> {
  const yauzl = await import("yauzl");
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (error, file) =>
        error || !file ? reject(new ArchiveReadError(reason(error))) : resolve(file),
    ),
  );
  const entries = new Map<string, Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: Entry) => {
        if (entries.size >= MAX_ENTRIES) {
          reject(new ArchiveLimitError(`more than ${MAX_ENTRIES} parts in the archive`));
          return;
        }
        // Folders carry nothing; a name seen twice keeps its first entry, as Excel reads it.
        if (!entry.fileName.endsWith("/") && !entries.has(entry.fileName)) {
          entries.set(entry.fileName, entry);
        }
        zip.readEntry();
      });
      zip.once("end", () => resolve());
      zip.once("error", (error: unknown) => reject(new ArchiveReadError(reason(error))));
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  // What the archive declares is checked before anything is inflated; what it does not declare
  // truthfully is caught while inflating (below).
  let declared = 0;
  for (const [name, entry] of entries) {
    declared += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > RATIO_FLOOR && ratio > MAX_RATIO) {
      zip.close();
      throw new ArchiveLimitError(`${name} expands ${Math.round(ratio)} times (a zip bomb?)`);
    }
  }
  if (declared > budget) {
    zip.close();
    throw new ArchiveLimitError(`it expands to ${declared} bytes, more than ${budget}`);
  }
  const parts = new Map<string, ArchivePart>(
    [...entries].map(([name, entry]) => [
      name,
      { name, compressedSize: entry.compressedSize, declaredSize: entry.uncompressedSize },
    ]),
  );
  let spent = 0;
  const opened = new Set<string>();
  return {
    parts,
    inflated: () => spent,
    close: () => zip.close(),
    async *inflate(name: string) {
      const entry = entries.get(name);
      if (!entry) throw new ArchiveReadError(`the archive has no part ${name}`);
      if (opened.has(name)) throw new ArchiveLimitError(`${name} is named more than once`);
      opened.add(name);
      const raw = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(
          entry,
          entry.compressionMethod === 8 ? { decompress: false } : {},
          (error, readable) =>
            error || !readable ? reject(new ArchiveReadError(reason(error))) : resolve(readable),
        ),
      );
      let seen = 0;
      if (entry.compressionMethod === 8 && entry.uncompressedSize <= WHOLE_PART) {
        const compressed: Buffer[] = [];
        try {
          for await (const chunk of raw as AsyncIterable<Buffer>) compressed.push(chunk);
        } catch (error) {
          throw new ArchiveReadError(`${name}: ${reason(error)}`);
        }
        let whole: Buffer;
        try {
          // The declared size passed the ratio and budget checks; more than it is a lie.
          whole = inflateRawSync(Buffer.concat(compressed), {
            maxOutputLength: Math.max(1, entry.uncompressedSize),
          });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
            throw new ArchiveLimitError(
              `${name} expands past the ${entry.uncompressedSize} bytes it declares`,
            );
          }
          throw new ArchiveReadError(`${name}: ${reason(error)}`);
        }
        if (whole.length > entry.uncompressedSize) {
          throw new ArchiveLimitError(
            `${name} expands past the ${entry.uncompressedSize} bytes it declares`,
          );
        }
        spent += whole.length;
        if (spent > budget) {
          throw new ArchiveLimitError(
            `the workbook expands past ${budget} bytes (at ${name}); a real workbook of this size expands far less`,
          );
        }
        if (whole.length > 0) yield whole;
        return;
      }
      // Inflated here in large pieces: the scanner then runs on few long strings rather than
      // thousands of 16 KB ones.
      const stream =
        entry.compressionMethod === 0
          ? raw
          : entry.compressionMethod === 8
            ? raw.pipe(new PassThrough({ highWaterMark: INFLATE_AHEAD })).pipe(
                createInflateRaw({
                  chunkSize: INFLATE_CHUNK,
                  highWaterMark: INFLATE_AHEAD,
                } as ZlibOptions),
              )
            : undefined;
      if (!stream) {
        throw new ArchiveReadError(
          `${name} is compressed by method ${entry.compressionMethod}, which no workbook uses`,
        );
      }
      raw.on("error", (error: Error) =>
        (stream as unknown as { destroy(e: Error): void }).destroy(error),
      );
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          seen += chunk.length;
          spent += chunk.length;
          if (spent > budget) {
            throw new ArchiveLimitError(
              `the workbook expands past ${budget} bytes (at ${name}); a real workbook of this size expands far less`,
            );
          }
          // Never more than the part declares (a lying size is a malformed archive)…
          if (seen > entry.uncompressedSize) {
            throw new ArchiveLimitError(
              `${name} expands past the ${entry.uncompressedSize} bytes it declares`,
            );
          }
          if (seen > RATIO_FLOOR && seen > MAX_RATIO * Math.max(1, entry.compressedSize)) {
            throw new ArchiveLimitError(
              `${name} expands more than ${MAX_RATIO} times its ${entry.compressedSize} compressed bytes (a zip bomb?)`,
            );
          }
          yield chunk;
        }
      } catch (error) {
        if (error instanceof ArchiveLimitError) throw error;
        throw new ArchiveReadError(`${name}: ${reason(error)}`);
      } finally {
        (raw as unknown as { destroy?: () => void }).destroy?.();
        (stream as unknown as { destroy?: () => void }).destroy?.();
      }
    },
  };
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error ?? "unknown error");
}
