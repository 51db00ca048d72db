/**
 * The fast road from text to rows, for the files nearly everyone has: RFC 4180, one kind of
 * line break, quotes only around whole fields. It splits unquoted lines with native string
 * methods and walks only the lines that hold a quote. Anything else (a quote inside an
 * unquoted field, text after a closing quote, a quote never closed, mixed line breaks, a huge
 * record) makes it answer `false` without guessing, and the caller parses the file again with
 * csv-parse, which defines what such files mean. A differential test holds the two to the
 * same rows and lines on every file the fast road accepts.
 */
import { lineBreaksIn } from "./lines.js";

export type RecordBreak = "\r\n" | "\n" | "\r";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** csv-parse's rule: the first line break outside quotes decides the record break. */
export function discoverRecordBreak(text: string, from = 0): RecordBreak | null {
  let quoted = false;
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) quoted = !quoted;
    else if (!quoted && code === CR) return text.charCodeAt(index + 1) === LF ? "\r\n" : "\r";
    else if (!quoted && code === LF) return "\n";
  }
  return null;
}

export interface FastScanOptions {
  delimiter: string;
  recordBreak: RecordBreak | null;
  /** The physical line `from` is on. */
  firstLine: number;
  /** Records longer than this many characters go to csv-parse, which enforces the limit. */
  maxRecordChars: number;
  /**
   * False when more text follows `to` (a file read in blocks): a record that reaches `to`
   * unfinished is then left for the next call instead of being cut short. Default true.
   */
  final?: boolean;
}

/** The longest record in UTF-16 units that surely fits a limit in UTF-8 bytes (three per unit at most). */
export function maxRecordChars(maxRecordSize: number): number {
  return Math.floor(maxRecordSize / 3);
}

/** Where a scan stopped and the physical line there; null when the text needs csv-parse. */
export type FastScanResult = { end: number; line: number } | null;

/**
 * Calls `onRecord(line, fields, end)` for every record in text[from, to) and returns where it
 * stopped (`to`, or where an unfinished record starts when `final` is false) and that line, or
 * null at the first thing it does not handle. Empty lines are skipped, as csv-parse's
 * skip_empty_lines does. With `final`, `to` must be the end of the text or just after a
 * record break.
 */
export function fastScan(
  text: string,
  from: number,
  to: number,
  options: FastScanOptions,
  onRecord: (line: number, fields: string[], end: number) => void,
): FastScanResult {
  const { delimiter, maxRecordChars } = options;
  const final = options.final ?? true;
  const recordBreak = options.recordBreak ?? "\n";
  const delimiterCode = delimiter.charCodeAt(0);
  // The break characters that must not appear on their own outside quotes.
  const strayCr = recordBreak === "\n";
  const strayLf = recordBreak === "\r";
  let line = options.firstLine;
  let position = from;
  let nextQuote = -1;
  let nextCr = -1;
  let nextLf = -1;
  const after = (found: number) => (found === -1 || found > to ? to : found);

  while (position < to) {
    if (text.startsWith(recordBreak, position) && position + recordBreak.length <= to) {
      position += recordBreak.length;
      line++;
      continue;
    }
    let end = text.indexOf(recordBreak, position);
    if (end === -1 || end + recordBreak.length > to) {
      // A record break split across blocks ("\r" now, "\n" in the next) is not a break yet.
      if (!final) return end - position > maxRecordChars ? null : { end: position, line };
      end = to;
    }
    if (end - position > maxRecordChars) return null;
    if (nextQuote < position) nextQuote = after(text.indexOf('"', position));
    if (nextQuote >= end) {
      if (recordBreak === "\r\n") {
        if (nextCr < position) nextCr = after(text.indexOf("\r", position));
        if (nextLf < position) nextLf = after(text.indexOf("\n", position));
        if (nextCr < end || nextLf < end) return null;
      } else if (strayCr) {
        if (nextCr < position) nextCr = after(text.indexOf("\r", position));
        if (nextCr < end) return null;
      } else if (strayLf) {
        if (nextLf < position) nextLf = after(text.indexOf("\n", position));
        if (nextLf < end) return null;
      }
      onRecord(line, text.slice(position, end).split(delimiter), end);
      position = end + recordBreak.length;
      line++;
      continue;
    }

    // A record with a quote in it: field by field. Unfinished, it waits for more text.
    const fields: string[] = [];
    const recordLine = line;
    const unfinished = () =>
      index - position > maxRecordChars ? null : { end: position, line: recordLine };
    let index = position;
    for (;;) {
      if (text.charCodeAt(index) === QUOTE) {
        let value = "";
        index++;
        for (;;) {
          const close = text.indexOf('"', index);
          if (close === -1 || close >= to) {
            if (final) return null;
            index = to;
            return unfinished();
          }
          if (close + 1 >= to && !final) {
            // Is it a closing quote or the first of a doubled one? The next block will say.
            index = to;
            return unfinished();
          }
          const piece = text.slice(index, close);
          value += piece;
          line += lineBreaksIn(piece);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            index = close + 2;
          } else {
            index = close + 1;
            break;
          }
        }
        fields.push(value);
      } else {
        let stop = index;
        for (; stop < to; stop++) {
          const code = text.charCodeAt(stop);
          if (code === delimiterCode || code === LF || code === CR) break;
          if (code === QUOTE) return null;
        }
        fields.push(text.slice(index, stop));
        index = stop;
      }
      if (index - position > maxRecordChars) return null;
      if (index + recordBreak.length > to && !final) {
        index = to;
        return unfinished();
      }
      if (index >= to) break;
      if (text.charCodeAt(index) === delimiterCode) {
        index++;
        continue;
      }
      if (text.startsWith(recordBreak, index)) {
        index += recordBreak.length;
        line++;
        break;
      }
      return null;
    }
    onRecord(recordLine, fields, index);
    position = index;
  }
  return { end: position, line };
}

/**
 * fastScan over text that arrives in blocks (a file read some kilobytes at a time): what a
 * block leaves unfinished is carried into the next one.
 */
export class BlockScanner {
  private carry = "";
  private line: number;

  constructor(
    private readonly options: Omit<FastScanOptions, "final">,
    private readonly onRecord: (line: number, fields: string[], end: number) => void,
  ) {
    this.line = options.firstLine;
  }

  /** The text the blocks so far left unfinished (it starts a record), and the line it starts on. */
  unfinished(): { text: string; line: number } {
    return { text: this.carry, line: this.line };
  }

  /** Scans one more block; false when the text needs csv-parse. */
  push(block: string, final: boolean): boolean {
    const text = this.carry + block;
    const options = { ...this.options, firstLine: this.line, final };
    const result = fastScan(text, 0, text.length, options, this.onRecord);
    if (result === null) return false;
    this.carry = text.slice(result.end);
    this.line = result.line;
    return true;
  }
}
