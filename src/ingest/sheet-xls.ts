import { phrase } from "../model/errors.js";
import { ArchiveReadError } from "./archive.js";
import { CompoundFileError, openCompoundFile } from "./compound-file.js";
import {
  BUILT_IN_DATES,
  columnName,
  emptySheet,
  FAULT,
  fillMerged,
  finishRow,
  isDateFormat,
  Layout,
  numberText,
  orderRows,
  type SheetCells,
  serialDate,
} from "./sheet-cells.js";

/**
 * Excel 97–2003 workbooks (.xls, BIFF8 records in a compound file): the cells of every
 * worksheet, to the same sheet cells an .xlsx gives (sheet-cells.ts) — shared strings, numbers
 * (RK and floating point) to 15 significant digits, dates by their cell's number format, cached
 * formula results, merged ranges, hidden rows and sheets. A workbook of an older BIFF version
 * or one protected by a password is refused, saying so.
 */
export interface XlsSheet {
  cells: SheetCells;
  hidden: boolean;
  veryHidden: boolean;
}

const ERRORS: Record<number, string> = {
  0: "#NULL!",
  7: "#DIV/0!",
  15: "#VALUE!",
  23: "#REF!",
  29: "#NAME?",
  36: "#NUM!",
  42: "#N/A",
};

const Biff = {
  Bof: 0x0809,
  Eof: 0x000a,
  FilePass: 0x002f,
  DateMode: 0x0022,
  Format: 0x041e,
  Xf: 0x00e0,
  BoundSheet: 0x0085,
  Sst: 0x00fc,
  Continue: 0x003c,
  LabelSst: 0x00fd,
  Label: 0x0204,
  Number: 0x0203,
  Rk: 0x027e,
  MulRk: 0x00bd,
  BoolErr: 0x0205,
  Formula: 0x0006,
  String: 0x0207,
  MergedCells: 0x00e5,
  Row: 0x0208,
} as const;

interface BiffRecord {
  type: number;
  data: Uint8Array;
  /** The CONTINUE records that follow it, for records that spill over (SST, strings). */
  continues: Uint8Array[];
  offset: number;
}

/** The records from `offset` to the next EOF (a substream), CONTINUEs gathered to their record. */
function* records(stream: Uint8Array, offset: number): Generator<BiffRecord> {
  let at = offset;
  let pending: BiffRecord | undefined;
  while (at + 4 <= stream.length) {
    const type = (stream[at] ?? 0) | ((stream[at + 1] ?? 0) << 8);
    const length = (stream[at + 2] ?? 0) | ((stream[at + 3] ?? 0) << 8);
    if (at + 4 + length > stream.length)
      throw new ArchiveReadError(`a record at byte ${at} is cut short`);
    const data = stream.subarray(at + 4, at + 4 + length);
    if (type === Biff.Continue && pending) {
      pending.continues.push(data);
    } else {
      if (pending) yield pending;
      pending = { type, data, continues: [], offset: at };
      if (type === Biff.Eof) {
        yield pending;
        return;
      }
    }
    at += 4 + length;
  }
  if (pending) yield pending;
}

/** Reads across a record and its CONTINUEs, as BIFF8's strings require. */
class Cursor {
  private part = 0;
  private at = 0;
  private readonly parts: Uint8Array[];
  constructor(record: BiffRecord, start = 0) {
    this.parts = [record.data, ...record.continues];
    this.at = start;
  }
  private current(): Uint8Array {
    while (this.part < this.parts.length && this.at >= (this.parts[this.part]?.length ?? 0)) {
      this.part++;
      this.at = 0;
    }
    const part = this.parts[this.part];
    if (!part) throw new ArchiveReadError("a string runs past its record");
    return part;
  }
  byte(): number {
    const part = this.current();
    return part[this.at++] ?? 0;
  }
  u16(): number {
    return this.byte() | (this.byte() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(count: number): void {
    for (let left = count; left > 0; ) {
      const part = this.current();
      const step = Math.min(left, part.length - this.at);
      this.at += step;
      left -= step;
    }
  }
  /** `count` characters, 8 or 16 bits each; a CONTINUE in the middle restates the width. */
  chars(count: number, wide: boolean): string {
    let text = "";
    let sixteen = wide;
    for (let left = count; left > 0; ) {
      if (this.at >= (this.parts[this.part]?.length ?? 0)) {
        this.current();
        sixteen = (this.byte() & 1) === 1;
      }
      const part = this.current();
      const width = sixteen ? 2 : 1;
      const fit = Math.min(left, Math.floor((part.length - this.at) / width));
      if (fit <= 0) throw new ArchiveReadError("a string is cut inside a character");
      const slice = part.subarray(this.at, this.at + fit * width);
      text += sixteen ? new TextDecoder("utf-16le").decode(slice) : latin1(slice);
      this.at += fit * width;
      left -= fit;
    }
    return text;
  }
  /** XLUnicodeRichExtendedString (the SST's strings) or XLUnicodeString (LABEL, STRING). */
  unicodeString(length = this.u16()): string {
    const flags = this.byte();
    const rich = flags & 0x08 ? this.u16() : 0;
    const extended = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(length, (flags & 1) === 1);
    this.skip(rich * 4 + extended);
    return text;
  }
}

function latin1(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

function rkNumber(rk: number): number {
  const scaled = (rk & 1) === 1;
  let value: number;
  if (rk & 2) value = rk >> 2;
  else {
    const buffer = new DataView(new ArrayBuffer(8));
    buffer.setUint32(0, (rk & 0xfffffffc) >>> 0, false);
    buffer.setUint32(4, 0, false);
    value = buffer.getFloat64(0, false);
  }
  return scaled ? value / 100 : value;
}

export function readXlsSheets(bytes: Uint8Array): XlsSheet[] {
  let stream: Uint8Array | undefined;
  try {
    const file = openCompoundFile(bytes);
    stream = file.read("Workbook");
    if (!stream && file.read("Book")) {
      throw new ArchiveReadError(
        "this is an Excel 5.0/95 workbook, an older format than the tool reads",
      );
    }
  } catch (error) {
    if (error instanceof CompoundFileError) throw new ArchiveReadError(error.message);
    throw error;
  }
  if (!stream)
    throw new ArchiveReadError(
      "an Office file with no Excel workbook in it (a WPS .et, or a Word or PowerPoint file?)",
    );

  const strings: string[] = [];
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let date1904 = false;
  const boundSheets: Array<{ name: string; offset: number; state: number }> = [];
  let first = true;
  for (const record of records(stream, 0)) {
    const view = new DataView(record.data.buffer, record.data.byteOffset, record.data.byteLength);
    if (first) {
      first = false;
      if (record.type !== Biff.Bof || view.getUint16(0, true) !== 0x0600) {
        throw new ArchiveReadError(
          "this is an Excel 5.0/95 (or older) workbook, an older format than the tool reads",
        );
      }
      continue;
    }
    switch (record.type) {
      case Biff.FilePass:
        throw new ArchiveReadError("the workbook is protected by a password");
      case Biff.DateMode:
        date1904 = view.getUint16(0, true) === 1;
        break;
      case Biff.Format: {
        const cursor = new Cursor(record);
        const id = cursor.u16();
        formats.set(id, cursor.unicodeString());
        break;
      }
      case Biff.Xf:
        xfFormats.push(view.getUint16(2, true));
        break;
      case Biff.BoundSheet: {
        const cursor = new Cursor(record, 4);
        const state = cursor.byte() & 0x03;
        const kind = cursor.byte();
        const length = cursor.byte();
        const flags = cursor.byte();
        const name = cursor.chars(length, (flags & 1) === 1);
        if (kind === 0) boundSheets.push({ name, offset: view.getUint32(0, true), state });
        break;
      }
      case Biff.Sst: {
        const cursor = new Cursor(record, 4);
        const unique = view.getUint32(4, true);
        cursor.skip(4);
        for (let index = 0; index < unique; index++) strings.push(cursor.unicodeString());
        break;
      }
    }
  }
  const dates = xfFormats.map((id) => {
    const code = formats.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id);
  });
  return boundSheets.map((sheet) => ({
    cells: readSheet(stream, sheet.name, sheet.offset, strings, dates, date1904),
    hidden: sheet.state !== 0,
    veryHidden: sheet.state === 2,
  }));
}

function readSheet(
  stream: Uint8Array,
  name: string,
  offset: number,
  strings: readonly string[],
  dates: readonly boolean[],
  date1904: boolean,
): SheetCells {
  const cells = emptySheet(name);
  const layout = new Layout(name);
  const rows = new Map<number, string[]>();
  if (offset >= stream.length)
    throw new ArchiveReadError(`sheet '${name}' starts past the end of the workbook`);
  const set = (row: number, column: number, text: string) => {
    if (text === "") return;
    let fields = rows.get(row);
    if (!fields) {
      fields = [];
      rows.set(row, fields);
    }
    fields[column] = text;
    layout.value();
  };
  const numberAt = (row: number, column: number, xf: number, value: number) =>
    set(row, column, dates[xf] ? serialDate(value, date1904) : numberText(value));
  let formulaCell: { row: number; column: number } | undefined;
  for (const record of records(stream, offset)) {
    const { data } = record;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const u16 = (at: number) => (at + 2 <= data.length ? view.getUint16(at, true) : 0);
    switch (record.type) {
      case Biff.LabelSst: {
        const index = data.length >= 10 ? view.getUint32(6, true) : -1;
        const text = strings[index];
        if (text === undefined) {
          set(u16(0), u16(2), FAULT);
          cells.faults.set(`${u16(0) + 1}:${u16(2)}`, {
            cell: `${columnName(u16(2))}${u16(0) + 1}`,
            reason: phrase("sharedStringMissing", { index, count: strings.length }),
          });
        } else set(u16(0), u16(2), text);
        break;
      }
      case Biff.Label:
        set(u16(0), u16(2), new Cursor(record, 6).unicodeString());
        break;
      case Biff.Number:
        if (data.length >= 14) numberAt(u16(0), u16(2), u16(4), view.getFloat64(6, true));
        break;
      case Biff.Rk:
        if (data.length >= 10) numberAt(u16(0), u16(2), u16(4), rkNumber(view.getUint32(6, true)));
        break;
      case Biff.MulRk: {
        const row = u16(0);
        const firstColumn = u16(2);
        const count = Math.floor((data.length - 6) / 6);
        for (let index = 0; index < count; index++) {
          const at = 4 + index * 6;
          numberAt(row, firstColumn + index, u16(at), rkNumber(view.getUint32(at + 2, true)));
        }
        break;
      }
      case Biff.BoolErr:
        if (data.length >= 8) {
          const value = data[6] ?? 0;
          set(u16(0), u16(2), data[7] ? (ERRORS[value] ?? "#N/A") : value ? "TRUE" : "FALSE");
        }
        break;
      case Biff.Formula: {
        if (data.length < 14) break;
        const row = u16(0);
        const column = u16(2);
        if (u16(12) === 0xffff) {
          const kind = data[6];
          if (kind === 0) formulaCell = { row, column };
          else if (kind === 1) set(row, column, data[8] ? "TRUE" : "FALSE");
          else if (kind === 2) set(row, column, ERRORS[data[8] ?? 0] ?? "#N/A");
        } else numberAt(row, column, u16(4), view.getFloat64(6, true));
        break;
      }
      case Biff.String:
        if (formulaCell)
          set(formulaCell.row, formulaCell.column, new Cursor(record).unicodeString());
        formulaCell = undefined;
        break;
      case Biff.MergedCells: {
        const count = u16(0);
        for (let index = 0; index < count && 2 + index * 8 + 8 <= data.length; index++) {
          const at = 2 + index * 8;
          const top = u16(at) + 1;
          const bottom = u16(at + 2) + 1;
          const left = u16(at + 4);
          const right = u16(at + 6);
          cells.merges.push({
            ref: `${columnName(left)}${top}:${columnName(right)}${bottom}`,
            top,
            bottom,
            left,
            right,
          });
        }
        break;
      }
      case Biff.Row:
        if (data.length >= 16 && (data[12] ?? 0) & 0x20) cells.hiddenRows.push(u16(0) + 1);
        break;
    }
  }
  for (const [row, fields] of rows) finishRow(cells, { line: row + 1, fields }, layout);
  orderRows(cells, (line) => new ArchiveReadError(`sheet '${name}' holds row ${line} twice`));
  fillMerged(cells, layout);
  return cells;
}
