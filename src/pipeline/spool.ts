import { closeSync, openSync, readSync, writeSync } from "node:fs";

/**
 * Findings' texts set aside on disk while the records are read, so memory does not grow with
 * the number of findings. One spool per format per part of a file; read back once, in order.
 */
const BUFFER_BYTES = 1 << 20;
const READ_BYTES = 1 << 20;

export interface SpoolFile {
  path: string;
  /** Texts written; a spool with none is left out of the document. */
  items: number;
}

export class SpoolWriter {
  private readonly fd: number;
  // Texts are encoded straight into one buffer: cheaper than joining strings and encoding those.
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private items = 0;

  constructor(
    private readonly path: string,
    private readonly separator: string,
  ) {
    this.fd = openSync(path, "w");
  }

  add(text: string | ReadonlyArray<string | Uint8Array>): void {
    if (this.items > 0 && this.separator) this.write(this.separator);
    if (typeof text === "string") this.write(text);
    else for (const piece of text) this.write(piece);
    this.items++;
  }

  private write(piece: string | Uint8Array): void {
    if (typeof piece !== "string") {
      if (this.used + piece.length > this.buffer.length) this.flush();
      if (piece.length > this.buffer.length) writeSync(this.fd, piece);
      else {
        this.buffer.set(piece, this.used);
        this.used += piece.length;
      }
      return;
    }
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.used + piece.length * 3 > this.buffer.length) this.flush();
    if (piece.length * 3 > this.buffer.length) writeSync(this.fd, piece);
    else this.used += this.buffer.write(piece, this.used);
  }

  private flush(): void {
    if (this.used === 0) return;
    writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }

  close(): SpoolFile {
    this.flush();
    closeSync(this.fd);
    return { path: this.path, items: this.items };
  }
}

/**
 * A spool's bytes, a megabyte at a time (the spool directory goes when the run ends). Each
 * megabyte is read into the same buffer, so a piece is only good until the next is taken (see
 * FormatOutput): a fresh buffer per megabyte made copying a 500 MB report three times slower.
 */
export function* readSpool(spool: SpoolFile): Generator<Uint8Array> {
  const fd = openSync(spool.path, "r");
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}
