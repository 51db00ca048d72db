import { type Archive, ArchiveReadError } from "./archive.js";
import { declaredEncoding, XmlScanner, XmlSyntaxError } from "./xml-scan.js";

/** An archive's XML parts, scanned as they inflate (xml-scan.ts), in the encoding each declares. */
export async function partText(archive: Archive, entry: string): Promise<string> {
  const pieces: string[] = [];
  await decodePart(archive, entry, (text) => pieces.push(text));
  return pieces.join("");
}

export async function scanPart(
  archive: Archive,
  entry: string,
  handler: ConstructorParameters<typeof XmlScanner>[0],
  again = false,
): Promise<void> {
  const scanner = new XmlScanner(handler);
  try {
    await decodePart(archive, entry, (text) => scanner.write(text), again);
    scanner.end();
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new ArchiveReadError(`${entry}: ${error.message}`);
    throw error;
  }
}

/**
 * A part's text as it inflates, in the encoding its XML declaration names. UTF-8 (nearly every
 * part) is decoded a whole number of characters at a time, the few bytes of a character cut by
 * a piece's end carried to the next: a decode that is not streaming takes Node's fast path, three
 * times as fast as a streaming one (bench/RESULTS.md).
 */
async function decodePart(
  archive: Archive,
  entry: string,
  take: (text: string) => void,
  again = false,
): Promise<void> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let utf8 = false;
  let carried: Uint8Array | undefined;
  let first = true;
  for await (const piece of archive.inflate(entry, again)) {
    if (!decoder) {
      const label = declaredEncoding(piece);
      try {
        decoder = new TextDecoder(label, { ignoreBOM: false });
      } catch {
        throw new ArchiveReadError(
          `${entry} declares the encoding '${label}', which no reader knows`,
        );
      }
      utf8 = decoder.encoding === "utf-8";
    }
    if (!utf8) {
      take(decoder.decode(piece, { stream: true }));
      continue;
    }
    let chunk: Uint8Array = piece;
    if (carried) {
      chunk = new Uint8Array(carried.length + piece.length);
      chunk.set(carried);
      chunk.set(piece, carried.length);
    }
    const whole = wholeCharacters(chunk);
    carried = whole < chunk.length ? chunk.slice(whole) : undefined;
    if (whole === 0) continue;
    // Only the part's first character may be a byte-order mark.
    take(new TextDecoder("utf-8", { ignoreBOM: !first }).decode(chunk.subarray(0, whole)));
    first = false;
  }
  if (!decoder) return;
  if (!utf8) take(decoder.decode());
  else if (carried) take(new TextDecoder("utf-8", { ignoreBOM: !first }).decode(carried));
}

/** How many of the bytes end on a character's end in UTF-8 (a cut character is left out). */
function wholeCharacters(bytes: Uint8Array): number {
  const length = bytes.length;
  // A character is at most 4 bytes: look back at most 3 for the start of the last one.
  for (let back = 1; back <= Math.min(4, length); back++) {
    const byte = bytes[length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}
