import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";

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

  add(text: string): void {
    if (this.items > 0 && this.separator) this.write(this.separator);
    this.write(text);
    this.items++;
  }

  private write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length) this.flush();
    if (text.length * 3 > this.buffer.length) writeSync(this.fd, text);
    else this.used += this.buffer.write(text, this.used);
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

/** A spool's bytes, a megabyte at a time; the file is removed once read to the end. */
export function* readSpool(spool: SpoolFile): Generator<Uint8Array> {
  const fd = openSync(spool.path, "r");
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(READ_BYTES);
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
    rmSync(spool.path, { force: true });
  }
}
