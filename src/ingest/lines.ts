/**
 * Physical lines, counted one way everywhere a line number is given: LF ends a line, and so does
 * a CR with no LF after it (CRLF is one break). Bytes (a file's, or text encoded as UTF-8) through
 * a cursor; a piece of text at once. `CutFinder` (pipeline/split.ts) counts the same way while it
 * follows quotes across blocks of a file, in the one loop that finds where parts are cut.
 */
const LF = 0x0a;
const CR = 0x0d;

/** Walks the buffer once, front to back, turning byte offsets into physical line numbers. */
export class LineCursor {
  private offset = 0;
  private line = 1;
  constructor(private readonly bytes: Uint8Array) {}

  lineAt(target: number): number {
    const bytes = this.bytes;
    for (; this.offset < target; this.offset++) {
      const byte = bytes[this.offset];
      // A CR counts only when no LF follows, so CRLF is one line break.
      if (byte === LF || (byte === CR && bytes[this.offset + 1] !== LF)) this.line++;
    }
    return this.line;
  }

  /** Blank lines before a record belong to no record: skip them to find where it starts. */
  skipLineBreaks(from: number): number {
    let offset = from;
    while (this.bytes[offset] === LF || this.bytes[offset] === CR) offset++;
    return offset;
  }
}

/** Physical line breaks in a piece of quoted text: LF, or CR without LF after it. */
export function lineBreaksIn(piece: string): number {
  let breaks = 0;
  for (let index = piece.indexOf("\n"); index !== -1; index = piece.indexOf("\n", index + 1)) {
    breaks++;
  }
  for (let index = piece.indexOf("\r"); index !== -1; index = piece.indexOf("\r", index + 1)) {
    if (piece.charCodeAt(index + 1) !== LF) breaks++;
  }
  return breaks;
}

/** The physical line of a byte offset, counted from the start. */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  return new LineCursor(bytes).lineAt(Math.min(offset, bytes.length));
}
