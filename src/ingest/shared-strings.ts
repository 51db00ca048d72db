import { FAULT } from "./sheet-cells.js";

/**
 * A workbook's shared strings (xl/sharedStrings.xml), kept as where each lies in the text it was
 * read from, and cut from it when a cell names it. Made into 200,000 strings while planning, they
 * were promoted to the old generation by the collections the planning itself caused, and every
 * row then read its names and ids from all over that generation: the record builder's first look
 * at a row's fields cost five times a CSV row's (bench/RESULTS.md). Cut when named, a row's
 * strings are new and near each other, and the text they come from is read in the order the
 * sheet names them (Excel writes them in that order). A string named a second time (a district,
 * a community) is kept once made, so that rows held (a sheet read whole) share it rather than
 * each holding a copy. A string whose text is not its markup's (runs, references, Office
 * escapes) is kept made.
 */
export class SharedStrings {
  /** The texts strings are cut from (the part's, a piece of it at a time). */
  private readonly texts: string[] = [];
  /**
   * By string: which text, where it starts and ends in it; for a string kept made, -1 - its
   * place in `made`.
   */
  private textOf = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  /** By string: 1 once it has been cut. */
  private cut = new Uint8Array(1024);
  private readonly made: string[] = [];
  private faultFound: boolean | undefined;
  length = 0;

  /** Strings already made (another reader's, a test's). */
  static of(strings: readonly string[]): SharedStrings {
    const shared = new SharedStrings();
    for (const text of strings) shared.addMade(text);
    return shared;
  }

  /** The next string: `text` from `start` to `end`, as it stands. */
  addCut(text: string, start: number, end: number): void {
    const index = this.next();
    if (this.texts[this.texts.length - 1] !== text) this.texts.push(text);
    this.textOf[index] = this.texts.length - 1;
    this.starts[index] = start;
    this.ends[index] = end;
  }

  /** The next string, made already. */
  addMade(value: string): void {
    const index = this.next();
    this.keepMade(index, value);
  }

  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    const text = this.textOf[index] as number;
    if (text < 0) return this.made[-1 - text];
    const value = (this.texts[text] as string).slice(this.starts[index], this.ends[index]);
    if (this.cut[index] === 1) this.keepMade(index, value);
    else this.cut[index] = 1;
    return value;
  }

  /**
   * Whether any string may hold U+FFFD (bytes the part's encoding refused): looked for once, in
   * the texts they are cut from, so a mark in the markup around them answers yes too.
   */
  mayHoldFault(): boolean {
    this.faultFound ??=
      this.texts.some((text) => text.includes(FAULT)) ||
      this.made.some((text) => text.includes(FAULT));
    return this.faultFound;
  }

  private keepMade(index: number, value: string): void {
    this.textOf[index] = -1 - this.made.length;
    this.made.push(value);
  }

  private next(): number {
    const index = this.length++;
    if (index === this.textOf.length) {
      this.textOf = grown(this.textOf);
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
      this.cut = grown(this.cut);
    }
    this.faultFound = undefined;
    return index;
  }
}

function grown<T extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}
