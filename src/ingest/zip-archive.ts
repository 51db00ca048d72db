import { type FileHandle, open } from "node:fs/promises";
import { Readable } from "node:stream";
import { createInflateRaw, inflateRawSync, type ZlibOptions } from "node:zlib";
import type { Entry, ZipFile } from "yauzl";

import {
  type Archive,
  ArchiveLimitError,
  type ArchivePart,
  ArchiveReadError,
  checkDeclared,
  Expansion,
  MAX_ENTRIES,
  NO_CENTRAL_DIRECTORY,
  reason,
} from "./archive.js";

/**
 * A zip archive read from its file through its central directory (yauzl): parts are found by
 * name and each is inflated straight from the file, in memory, nothing parked on disk, and
 * counted as archive.ts says.
 */
const INFLATE_CHUNK = 1 << 18;
/**
 * How much of a part's stored bytes is read at once: larger pieces are no faster and make the
 * inflater hold more.
 */
const READ_PIECE = 1 << 16;
/** How many such pieces may be read ahead of inflating. */
const READ_AHEAD = 8;
/** How far inflating may run ahead of the scanner (it inflates on another thread meanwhile). */
const INFLATE_AHEAD = 8 * INFLATE_CHUNK;
/**
 * Parts declaring up to this are inflated in one call, at most to their declared size: faster
 * than a stream of pieces; larger ones (a big sheet) stream, so memory stays bounded.
 */
const WHOLE_PART = 16 << 20;

export async function openArchive(path: string, budget: number): Promise<Archive> {
  const yauzl = await import("yauzl");
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (error, file) =>
        error || !file ? reject(new ArchiveReadError(openingReason(error))) : resolve(file),
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
  const parts = new Map<string, ArchivePart>(
    [...entries].map(([name, entry]) => [
      name,
      { name, compressedSize: entry.compressedSize, declaredSize: entry.uncompressedSize },
    ]),
  );
  // What the archive declares is checked before anything is inflated; what it does not declare
  // truthfully is caught while inflating (below).
  try {
    checkDeclared(parts.values(), budget);
  } catch (error) {
    zip.close();
    throw error;
  }
  const expansion = new Expansion(budget);
  // The file opened again, for reading parts' bytes (below), when the first part is inflated.
  let handle: Promise<FileHandle> | undefined;
  return {
    parts,
    inflated: () => expansion.total(),
    close: () => {
      zip.close();
      handle?.then((file) => file.close()).catch(() => {});
      handle = undefined;
    },
    async *inflate(name: string, again = false) {
      const entry = entries.get(name);
      const part = parts.get(name);
      if (!entry || !part) throw new ArchiveReadError(`the archive has no part ${name}`);
      expansion.open(name, again);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new ArchiveReadError(
          `${name} is compressed by method ${entry.compressionMethod}, which no workbook uses`,
        );
      }
      // yauzl finds where the part's bytes begin (and checks its local header); they are read
      // here, READ_PIECE at a time: yauzl's own stream reads 16 KB at a time through two more
      // streams, which cost a large sheet's check a tenth of its time (bench/RESULTS.md).
      let start: number;
      try {
        ({ fileDataStart: start } = await zip.readLocalFileHeaderPromise(entry, { minimal: true }));
      } catch (error) {
        throw new ArchiveReadError(`${name}: ${reason(error)}`);
      }
      handle ??= open(path, "r");
      let file: FileHandle;
      try {
        file = await handle;
      } catch (error) {
        throw new ArchiveReadError(`${name}: ${reason(error)}`);
      }
      const stored = compressedPieces(file, name, start, entry.compressedSize);
      let seen = 0;
      if (entry.compressionMethod === 8 && entry.uncompressedSize <= WHOLE_PART) {
        const compressed: Buffer[] = [];
        for await (const piece of stored) compressed.push(piece);
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
        expansion.count(part, whole.length, whole.length);
        if (whole.length > 0) yield whole;
        return;
      }
      // Inflated in large pieces, ahead of the scanner: it then runs on few long strings rather
      // than thousands of 16 KB ones, and waits for none.
      const raw = Readable.from(stored, { highWaterMark: READ_AHEAD });
      const stream =
        entry.compressionMethod === 0
          ? raw
          : raw.pipe(
              createInflateRaw({
                chunkSize: INFLATE_CHUNK,
                highWaterMark: INFLATE_AHEAD,
              } as ZlibOptions),
            );
      raw.on("error", (error: Error) => stream.destroy(error));
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          seen += chunk.length;
          expansion.count(part, chunk.length, seen);
          yield chunk;
        }
      } catch (error) {
        if (error instanceof ArchiveLimitError || error instanceof ArchiveReadError) throw error;
        throw new ArchiveReadError(`${name}: ${reason(error)}`);
      } finally {
        raw.destroy();
        stream.destroy();
      }
    },
  };
}

/** A part's stored bytes, read from the file READ_PIECE at a time. */
async function* compressedPieces(
  handle: FileHandle,
  name: string,
  start: number,
  size: number,
): AsyncGenerator<Buffer> {
  for (let at = 0; at < size; ) {
    const length = Math.min(READ_PIECE, size - at);
    let bytesRead: number;
    let buffer: Buffer;
    try {
      ({ bytesRead, buffer } = await handle.read(
        Buffer.allocUnsafe(length),
        0,
        length,
        start + at,
      ));
    } catch (error) {
      throw new ArchiveReadError(`${name}: ${reason(error)}`);
    }
    if (bytesRead === 0) throw new ArchiveReadError(`${name}: the file ends inside the part`);
    yield bytesRead < length ? buffer.subarray(0, bytesRead) : buffer;
    at += bytesRead;
  }
}

/** Why yauzl could not open the archive, worded as the page's reader words it (zip-bytes.ts). */
function openingReason(error: unknown): string {
  const said = reason(error);
  return /end of central directory record signature not found/i.test(said)
    ? NO_CENTRAL_DIRECTORY
    : said;
}
