import { isCalendarDay } from "../model/calendar.js";
import type { EnumValue } from "../model/columns.js";
import { MICROS_PER_UNIT, type Micros, parseDecimal } from "../model/decimal.js";

/**
 * Cell parsers for the forms Excel users type: full-width digits, thousands separators,
 * units before or after the number, Chinese dates. Each returns the value or a failure
 * with what was expected, never throws.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

/**
 * The same text in memory of its own. The fast parser cuts cells out of a decoded block (32 KB
 * when a large file is streamed), and V8 makes a cut of 13 characters or more a view into that
 * block: one long id kept for the duplicate check would keep its whole block alive, and a
 * million of them all of the file's text. Prepending and cutting again makes V8 copy the
 * characters (about 20 ns). Shorter cuts are copies already (V8's SlicedString::kMinLength).
 */
const SHORTEST_VIEW = 13;

export function detached(text: string): string {
  return text.length < SHORTEST_VIEW ? text : ` ${text}`.slice(1);
}

/**
 * What offices type into a cell the form forbids leaving blank when they have nothing to put
 * there. It means "not given", never a value: 无 in a filing-number column is no filing.
 */
const placeholders = new Set([
  "无",
  "暂无",
  "不详",
  "空",
  "未知",
  "无数据",
  "/",
  "／",
  "\\",
  "-",
  "－",
  "--",
  "—",
  "——",
  "–",
  "n/a",
  "N/A",
  "NA",
  "null",
  "NULL",
]);

/**
 * An id as the duplicate check compares it: NFKC-folded (full-width Ｅ１ is E1) and upper-cased
 * (e01 is E01). Registers are typed by hand, often with a Chinese input method left in
 * full-width mode; two rows whose ids differ only so are the same estate entered twice, and
 * counting both would double its households. The record keeps its id as written.
 */
export function idKey(id: string): string {
  for (let index = 0; index < id.length; index++) {
    const code = id.charCodeAt(index);
    // Only printable ASCII that is not a lower-case letter is its own key.
    if (code < 0x20 || code > 0x7e || (code >= 0x61 && code <= 0x7a)) {
      return id.normalize("NFKC").toUpperCase();
    }
  }
  return id;
}

/** 3.20506E+11: what Excel shows, and saves to CSV, for a long code in a number column. */
export function isShortenedByExcel(cell: string): boolean {
  // Most ids start with a letter (E01, C01) and are ruled out before any pattern runs.
  const first = cell.charCodeAt(0);
  if (!(first >= 0x30 && first <= 0x39) && first !== 0x2b && first !== 0x2d) return false;
  return /^[+-]?\d(?:\.\d+)?E\+\d{1,3}$/i.test(cell);
}

export function isPlaceholder(cell: string): boolean {
  if (cell.length > 4) return false;
  // Digits start most short cells (households, areas, phases), and no placeholder.
  const first = cell.charCodeAt(0);
  return !(first >= 0x30 && first <= 0x39) && placeholders.has(cell);
}

/** NFKC folds full-width digits and punctuation to ASCII and ㎡ / m² to "m2". */
export function fold(text: string): string {
  return text.normalize("NFKC").trim();
}

const unitPattern = /^(?:m2|平方米|平米|户|sqm)\s*|\s*(?:m2|平方米|平米|户|sqm)$/gi;
const thousandsPattern = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

function stripUnitAndSeparators(cell: string): string | null {
  const withoutUnit = fold(cell).replace(unitPattern, "").trim();
  if (withoutUnit.includes(",")) {
    // A comma is only a thousands separator in groups of three; "1,5" is a European decimal
    // that we refuse rather than misread as fifteen.
    return thousandsPattern.test(withoutUnit) ? withoutUnit.replaceAll(",", "") : null;
  }
  return withoutUnit;
}

/**
 * Plain ASCII cells, what most cells hold, are read digit by digit: no normalisation, no unit
 * stripping, no regular expression (two of those per area cell were a tenth of reading a row).
 * Anything else takes the general road, which gives the same answer for these cells too; a
 * property test holds the two together.
 */
const ZERO = 0x30;
const DOT = 0x2e;
const DASH = 0x2d;
const MAX_PLAIN_WHOLE_DIGITS = 15;
const MAX_PLAIN_FRACTION_DIGITS = 6;

function digitAt(text: string, index: number): number {
  const digit = text.charCodeAt(index) - ZERO;
  return digit >= 0 && digit <= 9 ? digit : -1;
}

/** "123" or "123.45" (up to 15 whole and 6 fraction digits) in micros; undefined otherwise. */
export function plainDecimalMicros(cell: string): Micros | undefined {
  const { length } = cell;
  let whole = 0;
  let index = 0;
  for (; index < length; index++) {
    const digit = digitAt(cell, index);
    if (digit < 0) break;
    whole = whole * 10 + digit;
  }
  if (index === 0 || index > MAX_PLAIN_WHOLE_DIGITS) return undefined;
  let fraction = 0;
  let fractionDigits = 0;
  if (index < length) {
    if (cell.charCodeAt(index) !== DOT) return undefined;
    for (index++; index < length; index++, fractionDigits++) {
      const digit = digitAt(cell, index);
      if (digit < 0) return undefined;
      fraction = fraction * 10 + digit;
    }
    if (fractionDigits === 0 || fractionDigits > MAX_PLAIN_FRACTION_DIGITS) return undefined;
  }
  const micros =
    whole * MICROS_PER_UNIT + fraction * 10 ** (MAX_PLAIN_FRACTION_DIGITS - fractionDigits);
  return Number.isSafeInteger(micros) ? micros : undefined;
}

/** "123" (up to 15 digits) as a number; undefined otherwise. */
export function plainInteger(cell: string): number | undefined {
  const { length } = cell;
  if (length === 0 || length > MAX_PLAIN_WHOLE_DIGITS) return undefined;
  const value = digitsAt(cell, 0, length);
  return value < 0 ? undefined : value;
}

/** The digits of `text` from `start` to `end` as a number, or -1 when one is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = digitAt(text, index);
    if (digit < 0) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Whether a cell is written YYYY-MM-DD, and then whether that is a real day; undefined when not so written. */
function isoDateCell(cell: string): boolean | undefined {
  if (cell.length !== 10 || cell.charCodeAt(4) !== DASH || cell.charCodeAt(7) !== DASH) {
    return undefined;
  }
  const year = digitsAt(cell, 0, 4);
  const month = digitsAt(cell, 5, 7);
  const day = digitsAt(cell, 8, 10);
  if (year < 0 || month < 0 || day < 0) return undefined;
  return isCalendarDay(year, month, day);
}

export function parseArea(cell: string): Parsed<Micros> {
  const plain = plainDecimalMicros(cell);
  if (plain !== undefined) return { ok: true, value: plain };
  const text = stripUnitAndSeparators(cell);
  const micros = text === null ? null : parseDecimal(text);
  return micros === null ? { ok: false, expected: "number" } : { ok: true, value: micros };
}

export function parseInteger(cell: string): Parsed<number> {
  const plain = plainInteger(cell);
  if (plain !== undefined) return { ok: true, value: plain };
  const tenThousands = /^(.*?)\s*万\s*(?:户)?$/.exec(fold(cell));
  if (tenThousands?.[1] !== undefined) {
    // 1.2万 (户) is 12,000, exactly: a decimal of ten-thousands that comes out whole.
    const micros = parseDecimal(tenThousands[1]);
    const value = micros === null ? Number.NaN : (micros * 10_000) / MICROS_PER_UNIT;
    return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, expected: "integer" };
  }
  const text = stripUnitAndSeparators(cell);
  const match = text === null ? null : /^([+-]?\d+)(?:\.0*)?$/.exec(text);
  const value = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, expected: "integer" };
}

const datePatterns = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];

/** Returns an ISO date (YYYY-MM-DD), which orders correctly as a string. */
export { isCalendarDay };

/**
 * Excel keeps a date as the number of days since 1899-12-30 (its 1900 system, whose day 60 is the
 * 29 February 1900 that never was) and shows that number when a date column is exported as a
 * number. Serials from 1 January 1950 (18264) to 31 December 2099 (73415) are read as dates:
 * no other reading of a five-digit number fits a date column.
 */
const SERIAL_FIRST = 18_264;
const SERIAL_LAST = 73_415;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function excelSerialDate(serial: number): string {
  return new Date(EXCEL_EPOCH + serial * 86_400_000).toISOString().slice(0, 10);
}

export function parseDate(cell: string): Parsed<string> {
  const arabic = chineseNumeralDate(cell);
  if (arabic !== undefined) return parseDate(arabic);
  const iso = isoDateCell(cell);
  if (iso !== undefined) return iso ? { ok: true, value: cell } : { ok: false, expected: "date" };
  const serial = plainInteger(cell);
  if (serial !== undefined && cell.length === 5) {
    return serial >= SERIAL_FIRST && serial <= SERIAL_LAST
      ? { ok: true, value: excelSerialDate(serial) }
      : { ok: false, expected: "date" };
  }
  const text = fold(cell);
  for (const pattern of datePatterns) {
    const match = pattern.exec(text);
    if (match) return calendarDate(match);
  }
  return partialDate(text);
}

const NUMERALS: Record<string, number> = {
  〇: 0,
  零: 0,
  "○": 0,
  Ｏ: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * A date written in Chinese numerals (二〇一一年三月十五日, 二零一一年三月) in Arabic digits
 * (2011年3月15日), for the patterns below; undefined when the cell is not one.
 */
export function chineseNumeralDate(cell: string): string | undefined {
  const match =
    /^([〇零○Ｏ一二三四五六七八九]{4})年(?:([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?)?$/.exec(
      cell.trim(),
    );
  if (!match?.[1]) return undefined;
  const year = [...match[1]].map((numeral) => NUMERALS[numeral]).join("");
  const month = match[2] ? smallNumber(match[2]) : undefined;
  const day = match[3] ? smallNumber(match[3]) : undefined;
  if (month === undefined && match[2]) return undefined;
  if (day === undefined && match[3]) return undefined;
  return `${year}年${month === undefined ? "" : `${month}月`}${day === undefined ? "" : `${day}日`}`;
}

/** 一 to 三十一: 十 alone is 10, 十五 is 15, 二十 is 20, 三十一 is 31. */
function smallNumber(text: string): number | undefined {
  if (text.length === 1 && text !== "十") return NUMERALS[text];
  const match = /^([一二三])?十([一二三四五六七八九])?$/.exec(text);
  if (!match) return undefined;
  return (
    (match[1] ? (NUMERALS[match[1]] ?? 0) : 1) * 10 + (match[2] ? (NUMERALS[match[2]] ?? 0) : 0)
  );
}

/**
 * A date known only to the month (2010年1月, 2010.1, 2010-01) or the year (2010年, 2010), kept at
 * that precision as YYYY-MM or YYYY: a rule decides only when the whole month or year falls on
 * one side of what it compares (see dateRange).
 */
const monthPatterns = [/^(\d{4})年(\d{1,2})月$/, /^(\d{4})[-/.](\d{1,2})$/];
const yearPattern = /^(\d{4})年?$/;

function partialDate(text: string): Parsed<string> {
  for (const pattern of monthPatterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const year = Number(match[1]);
    const month = Number(match[2]);
    if (!isCalendarDay(year, month, 1) || year < 1900) return { ok: false, expected: "date" };
    return { ok: true, value: `${match[1]}-${String(month).padStart(2, "0")}` };
  }
  const year = yearPattern.exec(text);
  if (year && Number(year[1]) >= 1900 && Number(year[1]) <= 2099) {
    return { ok: true, value: year[1] as string };
  }
  return { ok: false, expected: "date" };
}

/** Year, month and day as matched, as an ISO date if they name a real day. */
function calendarDate(match: RegExpExecArray): Parsed<string> {
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (!isCalendarDay(year, month, day)) return { ok: false, expected: "date" };
  // A time Excel appended (2010/1/1 0:00) is dropped, but it must be a time of day.
  const [hour, minute, second] = [match[4], match[5], match[6]].map((part) => Number(part ?? 0));
  if ((hour as number) > 23 || (minute as number) > 59 || (second as number) > 59) {
    return { ok: false, expected: "date" };
  }
  const iso = `${match[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { ok: true, value: iso };
}

// Ticks and crosses as a clerk types or draws them in a yes/no column.
const truthy = new Set(["是", "y", "yes", "true", "1", "t", "√", "✓", "✔", "☑"]);
const falsy = new Set(["否", "n", "no", "false", "0", "f", "×", "✗", "✘", "☐"]);

export function parseBoolean(cell: string): Parsed<boolean> {
  const text = fold(cell).toLowerCase();
  if (truthy.has(text)) return { ok: true, value: true };
  if (falsy.has(text)) return { ok: true, value: false };
  return { ok: false, expected: "boolean" };
}

function enumKey(text: string): string {
  return fold(text)
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
}

// Each column's spellings, folded once: a cell is then one lookup.
const spellingIndexes = new WeakMap<readonly EnumValue[], Map<string, string>>();

function spellingIndex(values: readonly EnumValue[]): Map<string, string> {
  let index = spellingIndexes.get(values);
  if (!index) {
    index = new Map();
    for (const candidate of values) {
      for (const spelling of [candidate.value, ...candidate.spellings]) {
        const key = enumKey(spelling);
        // The first value to claim a spelling keeps it, as a search in order would.
        if (!index.has(key)) index.set(key, candidate.value);
      }
    }
    spellingIndexes.set(values, index);
  }
  return index;
}

export function parseEnum(cell: string, values: readonly EnumValue[]): Parsed<string> {
  const value = spellingIndex(values).get(enumKey(cell));
  return value === undefined ? { ok: false, expected: "enum" } : { ok: true, value };
}
