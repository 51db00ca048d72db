import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";

/**
 * Findings' texts set aside on disk while the records are read, so memory does not grow with
 * the number of findings. One spool per format per part of a file; read back once, in order.
 */
const BUFFER_BYTES = 1 << 20;
// encodeInto took two thirds of Buffer#write's time for findings' text (mostly two-byte strings).
const encoder = new TextEncoder();
const READ_BYTES = 1 << 20;

export interface SpoolFile {
  /** The spool's segments, in order (see SEGMENT_BYTES). */
  paths: string[];
  /** Texts written; a spool with none is left out of the document. */
  items: number;
}

/**
 * A spool is written in segments of this size, so that a report being copied out of its spools
 * can give back each segment's pages as soon as it has copied them (readSpool with
 * `removeWhenRead`). On a virtual machine, memory the guest has touched before costs a fraction
 * of fresh memory: copying a 534 MB report into fresh pages took 0.9 s, into recycled ones 0.1.
 */
const SEGMENT_BYTES = 64 << 20;

export class SpoolWriter {
  private fd: number;
  private readonly paths: string[];
  // Texts are encoded straight into one buffer: cheaper than joining strings and encoding those.
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private segmentUsed = 0;
  private items = 0;

  constructor(
    private readonly path: string,
    private readonly separator: string,
    private readonly segmentBytes = SEGMENT_BYTES,
  ) {
    this.paths = [path];
    this.fd = openSync(path, "w");
  }

  add(text: string): void {
    if (this.items > 0 && this.separator) this.write(this.separator);
    this.write(text);
    this.items++;
  }

  private write(piece: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.used + piece.length * 3 > this.buffer.length) this.flush();
    if (piece.length * 3 > this.buffer.length) {
      const bytes = Buffer.from(piece);
      this.writeOut(bytes, bytes.length);
    } else this.used += encoder.encodeInto(piece, this.buffer.subarray(this.used)).written;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.writeOut(this.buffer, this.used);
    this.used = 0;
  }

  private writeOut(bytes: Uint8Array, length: number): void {
    if (this.segmentUsed >= this.segmentBytes) {
      closeSync(this.fd);
      const next = `${this.path}.${this.paths.length}`;
      this.paths.push(next);
      this.fd = openSync(next, "w");
      this.segmentUsed = 0;
    }
    writeSync(this.fd, bytes, 0, length);
    this.segmentUsed += length;
  }

  close(): SpoolFile {
    this.flush();
    closeSync(this.fd);
    return { paths: this.paths, items: this.items };
  }
}

/**
 * A spool's bytes, a megabyte at a time (the spool directory goes when the run ends). Each
 * megabyte is read into the same buffer, so a piece is only good until the next is taken (see
 * FormatOutput): a fresh buffer per megabyte made copying a 500 MB report three times slower.
 * `removeWhenRead`: each segment is removed as soon as it has been read (see SEGMENT_BYTES).
 */
export function* readSpool(spool: SpoolFile, removeWhenRead = false): Generator<Uint8Array> {
  // A buffer per spool, not one for all: a reader that gathers a few pieces before copying them
  // (the fuzz script did) would see one spool's bytes in another's (a megabyte of fresh memory
  // is 256 page faults, 4 ms, not worth that risk).
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  for (const path of spool.paths) {
    const fd = openSync(path, "r");
    try {
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, null);
        if (read === 0) break;
        yield buffer.subarray(0, read);
      }
    } finally {
      closeSync(fd);
    }
    if (removeWhenRead) rmSync(path, { force: true });
  }
}
