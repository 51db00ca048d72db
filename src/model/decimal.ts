/**
 * Exact decimal quantities. Areas and rates are held as whole numbers of millionths
 * ("micros"): 401.2 m² is 401_200_000. A rate times a household count is then an exact
 * integer product, so a verdict on the boundary (0.4 × 1003 = 401.2) never depends on
 * binary floating point. Safe integers leave room for 9 × 10⁹ m², far above any limit
 * the schemas allow.
 */
export type Micros = number;

export const MICROS_PER_UNIT = 1_000_000;
const MAX_FRACTION_DIGITS = 6;

/** Parses a plain decimal such as "401.2", "-3", "0.4" into micros; null when it is not one. */
export function parseDecimal(text: string): Micros | null {
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole = "", fraction = ""] = match;
  if (fraction.length > MAX_FRACTION_DIGITS) return null;
  const micros =
    Number(whole) * MICROS_PER_UNIT + Number(fraction.padEnd(MAX_FRACTION_DIGITS, "0"));
  if (!Number.isSafeInteger(micros)) return null;
  return sign === "-" ? -micros : micros;
}

/** Accepts a JSON number or a decimal string from a rule pack; numbers go through their shortest text form. */
export function decimalFromPack(value: number | string): Micros | null {
  return parseDecimal(typeof value === "number" ? String(value) : value.trim());
}

/** The number a report prints: micros back to units (exact for six decimals or fewer). */
export function toUnits(micros: Micros): number {
  return micros / MICROS_PER_UNIT;
}

/** Shortfalls are rounded up to 0.01 m², so adding the printed amount always suffices. */
export function shortfallToCentiUnits(micros: Micros): number {
  const centi = MICROS_PER_UNIT / 100;
  return Math.ceil(micros / centi) / 100;
}

/** A rate per household times a household count, exactly. */
export function rateTimes(rate: Micros, households: number): Micros {
  return rate * households;
}

/** Micros as the shortest plain decimal: 401_200_000 is "401.2". */
export function formatDecimal(micros: Micros): string {
  const sign = micros < 0 ? "-" : "";
  const absolute = Math.abs(micros);
  const whole = Math.floor(absolute / MICROS_PER_UNIT);
  let fraction = absolute % MICROS_PER_UNIT;
  if (fraction === 0) return `${sign}${whole}`;
  // Trailing zeros dropped by arithmetic: a regular expression here was most of its cost.
  let digits = MAX_FRACTION_DIGITS;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits--;
  }
  return `${sign}${whole}.${String(fraction).padStart(digits, "0")}`;
}
