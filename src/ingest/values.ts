import type { EnumValue } from "../model/columns.js";
import { type Micros, parseDecimal } from "../model/decimal.js";

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

/** Plain ASCII numbers, what most cells hold, skip normalization and unit stripping. */
const plainDecimal = /^\d{1,15}(?:\.\d{1,6})?$/;
const plainInteger = /^\d{1,15}$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseArea(cell: string): Parsed<Micros> {
  if (plainDecimal.test(cell)) {
    const micros = parseDecimal(cell);
    if (micros !== null) return { ok: true, value: micros };
  }
  const plain = stripUnitAndSeparators(cell);
  const micros = plain === null ? null : parseDecimal(plain);
  return micros === null ? { ok: false, expected: "number" } : { ok: true, value: micros };
}

export function parseInteger(cell: string): Parsed<number> {
  if (plainInteger.test(cell)) return { ok: true, value: Number(cell) };
  const plain = stripUnitAndSeparators(cell);
  const match = plain === null ? null : /^([+-]?\d+)(?:\.0*)?$/.exec(plain);
  const value = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, expected: "integer" };
}

const datePatterns = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];

/** Returns an ISO date (YYYY-MM-DD), which orders correctly as a string. */
export function parseDate(cell: string): Parsed<string> {
  const iso = isoDate.exec(cell);
  if (iso) return calendarDate(iso, cell);
  const text = fold(cell);
  for (const pattern of datePatterns) {
    const match = pattern.exec(text);
    if (match) return calendarDate(match);
  }
  return { ok: false, expected: "date" };
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a year, month and day name a real day of the Gregorian calendar. Years before 100 are
 * refused, as Date.UTC refused them (it reads them as 19xx); a test holds the two to the same
 * answers.
 */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (daysInMonth[month - 1] as number));
}

/** Year, month and day as matched, if they name a real day; `asWritten` when already ISO. */
function calendarDate(match: RegExpExecArray, asWritten?: string): Parsed<string> {
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (!isCalendarDay(year, month, day)) return { ok: false, expected: "date" };
  if (asWritten !== undefined) return { ok: true, value: asWritten };
  const iso = `${match[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { ok: true, value: iso };
}

const truthy = new Set(["是", "y", "yes", "true", "1", "t"]);
const falsy = new Set(["否", "n", "no", "false", "0", "f"]);

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
