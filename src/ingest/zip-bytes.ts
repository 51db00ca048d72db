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
 * A zip archive already in memory (a file dropped on the page): its central directory read from
 * the bytes, each part inflated by the platform's own DecompressionStream ("deflate-raw", in
 * every current browser and in Node), counted as archive.ts says. Only what workbooks use:
 * stored and deflated parts, no encryption, no zip64 (a workbook past 4 GB is not one to open).
 */
export async function openArchiveBytes(bytes: Uint8Array, budget: number): Promise<Archive> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfCentralDirectory(view);
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new ArchiveReadError("the archive is a zip64 archive, which no workbook needs");
  }
  if (count > MAX_ENTRIES)
    throw new ArchiveLimitError(`more than ${MAX_ENTRIES} parts in the archive`);
  if (offset + size > end) throw new ArchiveReadError("the central directory runs past its end");
  const entries = new Map<string, { part: ArchivePart; method: number; dataAt: number }>();
  const names = new TextDecoder("utf-8");
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) {
      throw new ArchiveReadError("a central directory entry is malformed");
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) throw new ArchiveReadError(`${name} is encrypted`);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
      throw new ArchiveReadError(`${name}: its local header is missing`);
    }
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataAt + compressedSize > bytes.length) {
      throw new ArchiveReadError(`${name} runs past the end of the file`);
    }
    // Folders carry nothing; a name seen twice keeps its first entry, as Excel reads it.
    if (name.endsWith("/") || entries.has(name)) continue;
    entries.set(name, { part: { name, compressedSize, declaredSize }, method, dataAt });
  }
  const parts = new Map([...entries].map(([name, entry]) => [name, entry.part]));
  checkDeclared(parts.values(), budget);
  const expansion = new Expansion(budget);
  return {
    parts,
    inflated: () => expansion.total(),
    close: () => {},
    async *inflate(name: string, again = false) {
      const entry = entries.get(name);
      if (!entry) throw new ArchiveReadError(`the archive has no part ${name}`);
      expansion.open(name, again);
      const { part, method, dataAt } = entry;
      const compressed = bytes.subarray(dataAt, dataAt + part.compressedSize);
      if (method === 0) {
        expansion.count(part, compressed.length, compressed.length);
        if (compressed.length > 0) yield compressed;
        return;
      }
      if (method !== 8) {
        throw new ArchiveReadError(
          `${name} is compressed by method ${method}, which no workbook uses`,
        );
      }
      const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
        start(controller) {
          controller.enqueue(compressed as Uint8Array<ArrayBuffer>);
          controller.close();
        },
      });
      const reader = source
        .pipeThrough(
          new DecompressionStream("deflate-raw") as unknown as TransformStream<
            Uint8Array<ArrayBuffer>,
            Uint8Array
          >,
        )
        .getReader();
      let seen = 0;
      try {
        for (;;) {
          let piece: { done: boolean; value?: Uint8Array | undefined };
          try {
            piece = await reader.read();
          } catch (error) {
            throw new ArchiveReadError(`${name}: ${reason(error)}`);
          }
          if (piece.done || !piece.value) break;
          seen += piece.value.length;
          expansion.count(part, piece.value.length, seen);
          yield piece.value;
        }
      } finally {
        await reader.cancel().catch(() => {});
      }
    },
  };
}

/** Where the end-of-central-directory record begins: at most 64 KB of comment after it. */
function endOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= Math.max(0, last - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  throw new ArchiveReadError(NO_CENTRAL_DIRECTORY);
}
