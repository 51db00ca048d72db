import { declaredEncoding, XmlScanner, XmlSyntaxError } from "./xml-scan.js";
import { type Archive, ArchiveReadError } from "./zip-archive.js";

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
): Promise<void> {
  const scanner = new XmlScanner(handler);
  try {
    await decodePart(archive, entry, (text) => scanner.write(text));
    scanner.end();
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new ArchiveReadError(`${entry}: ${error.message}`);
    throw error;
  }
}

/** A part's text as it inflates, in the encoding its XML declaration names. */
async function decodePart(
  archive: Archive,
  entry: string,
  take: (text: string) => void,
): Promise<void> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  for await (const chunk of archive.inflate(entry)) {
    if (!decoder) {
      const label = declaredEncoding(chunk);
      try {
        decoder = new TextDecoder(label, { ignoreBOM: false });
      } catch {
        throw new ArchiveReadError(
          `${entry} declares the encoding '${label}', which no reader knows`,
        );
      }
    }
    take(decoder.decode(chunk, { stream: true }));
  }
  if (decoder) take(decoder.decode());
}
