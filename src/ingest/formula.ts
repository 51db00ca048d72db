import { columnOf, MAX_ROW, numberText } from "./sheet-cells.js";

/**
 * The formulas a workbook stored no value for (written by a program that never calculated it),
 * evaluated where they are plain arithmetic over cells of the same sheet: numbers, cell
 * references, + − × ÷, parentheses and SUM over cells and ranges. Exact: every value is a
 * fraction of big integers, so 0.1 + 0.2 is 0.3 and 1003 × 0.4 is 401.2; a result that has no
 * finite decimal is shown to Excel's 15 significant digits. Anything else (another function,
 * another sheet, text) is not evaluated, and the caller says so at the cell.
 */
export type CellText = (column: number, row: number) => string | undefined;

interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

class NotArithmetic extends Error {}

const MAX_DEPTH = 64;
/** Cells one SUM may cover: a whole-column range over a million rows is not plain arithmetic. */
const MAX_RANGE_CELLS = 100_000;

/**
 * The value of `formula` (without its "="), or undefined when it is not plain arithmetic.
 * `cell` gives a referenced cell's text; `formulaAt` a referenced cell's own formula, when it
 * has one without a value (evaluated in turn, cycles refused).
 */
export function evaluateFormula(
  formula: string,
  cell: CellText,
  formulaAt: (column: number, row: number) => string | undefined,
): string | undefined {
  try {
    const value = evaluate(formula, cell, formulaAt, new Set(), 0);
    return fractionText(value);
  } catch (error) {
    if (error instanceof NotArithmetic) return undefined;
    throw error;
  }
}

function evaluate(
  formula: string,
  cell: CellText,
  formulaAt: (column: number, row: number) => string | undefined,
  visiting: Set<string>,
  depth: number,
): Fraction {
  if (depth > MAX_DEPTH) throw new NotArithmetic();
  const tokens = tokenize(formula);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];

  const cellValue = (column: number, row: number): Fraction => {
    const key = `${column}:${row}`;
    const own = formulaAt(column, row);
    if (own !== undefined) {
      if (visiting.has(key)) throw new NotArithmetic();
      visiting.add(key);
      const value = evaluate(own, cell, formulaAt, visiting, depth + 1);
      visiting.delete(key);
      return value;
    }
    const text = (cell(column, row) ?? "").trim();
    // An empty cell is 0 in arithmetic, as Excel has it.
    if (text === "") return { numerator: 0n, denominator: 1n };
    return parseNumber(text);
  };

  const expression = (): Fraction => {
    let value = term();
    for (let token = peek(); token === "+" || token === "-"; token = peek()) {
      next();
      const right = term();
      value = token === "+" ? add(value, right) : add(value, negate(right));
    }
    return value;
  };
  const term = (): Fraction => {
    let value = factor();
    for (let token = peek(); token === "*" || token === "/"; token = peek()) {
      next();
      const right = factor();
      value = token === "*" ? multiply(value, right) : divide(value, right);
    }
    return value;
  };
  const factor = (): Fraction => {
    const token = next();
    if (token === undefined) throw new NotArithmetic();
    if (token === "-") return negate(factor());
    if (token === "+") return factor();
    if (token === "(") {
      const value = expression();
      if (next() !== ")") throw new NotArithmetic();
      return value;
    }
    if (/^\d/.test(token) || token.startsWith(".")) return parseNumber(token);
    if (token.toUpperCase() === "SUM" && peek() === "(") {
      next();
      let total: Fraction = { numerator: 0n, denominator: 1n };
      for (;;) {
        total = add(total, sumArgument());
        const separator = next();
        if (separator === ")") return total;
        if (separator !== ",") throw new NotArithmetic();
      }
    }
    const reference = cellReference(token);
    if (reference) return cellValue(reference.column, reference.row);
    throw new NotArithmetic();
  };
  const sumArgument = (): Fraction => {
    const first = peek();
    const start = first ? cellReference(first) : undefined;
    if (start && tokens[at + 1] === ":") {
      const end = cellReference(tokens[at + 2] ?? "");
      if (!end) throw new NotArithmetic();
      at += 3;
      const [left, right] = [
        Math.min(start.column, end.column),
        Math.max(start.column, end.column),
      ];
      const [top, bottom] = [Math.min(start.row, end.row), Math.max(start.row, end.row)];
      if ((right - left + 1) * (bottom - top + 1) > MAX_RANGE_CELLS) throw new NotArithmetic();
      let total: Fraction = { numerator: 0n, denominator: 1n };
      for (let row = top; row <= bottom; row++) {
        for (let column = left; column <= right; column++) {
          // SUM passes over text in a range, as Excel's does.
          const text = (cell(column, row) ?? "").trim();
          if (formulaAt(column, row) === undefined && !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text))
            continue;
          total = add(total, cellValue(column, row));
        }
      }
      return total;
    }
    return expression();
  };

  const value = expression();
  if (at !== tokens.length) throw new NotArithmetic();
  return value;
}

function tokenize(formula: string): string[] {
  const tokens: string[] = [];
  const pattern =
    /\s*(\$?[A-Za-z]{1,3}\$?\d+|[A-Za-z]+|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+|[-+*/(),:])/y;
  let at = 0;
  while (at < formula.length) {
    if (/\s/.test(formula[at] ?? "")) {
      at++;
      continue;
    }
    pattern.lastIndex = at;
    const match = pattern.exec(formula);
    if (!match?.[1]) throw new NotArithmetic();
    tokens.push(match[1]);
    at = pattern.lastIndex;
  }
  return tokens;
}

function cellReference(token: string): { column: number; row: number } | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(token);
  if (!match?.[1] || !match[2]) return undefined;
  const row = Number(match[2]);
  if (row < 1 || row > MAX_ROW) return undefined;
  return { column: columnOf(match[1]), row };
}

function parseNumber(text: string): Fraction {
  const match = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === "" && match[3] === "")) throw new NotArithmetic();
  const [, sign, whole = "", fraction = "", exponentText] = match;
  let numerator = BigInt(`${whole}${fraction}` || "0");
  let denominator = 10n ** BigInt(fraction.length);
  const exponent = Number(exponentText ?? 0);
  if (Math.abs(exponent) > 300) throw new NotArithmetic();
  if (exponent > 0) numerator *= 10n ** BigInt(exponent);
  if (exponent < 0) denominator *= 10n ** BigInt(-exponent);
  return reduce({ numerator: sign === "-" ? -numerator : numerator, denominator });
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

function reduce(value: Fraction): Fraction {
  const divisor = gcd(value.numerator, value.denominator);
  const sign = value.denominator < 0n ? -1n : 1n;
  return {
    numerator: (sign * value.numerator) / divisor,
    denominator: (sign * value.denominator) / divisor,
  };
}

const add = (a: Fraction, b: Fraction) =>
  reduce({
    numerator: a.numerator * b.denominator + b.numerator * a.denominator,
    denominator: a.denominator * b.denominator,
  });
const negate = (a: Fraction) => ({ numerator: -a.numerator, denominator: a.denominator });
const multiply = (a: Fraction, b: Fraction) =>
  reduce({ numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator });
function divide(a: Fraction, b: Fraction): Fraction {
  // Excel's #DIV/0!: not a value.
  if (b.numerator === 0n) throw new NotArithmetic();
  return reduce({
    numerator: a.numerator * b.denominator,
    denominator: a.denominator * b.numerator,
  });
}

/** A fraction as decimal text: exact when it ends, else to 15 significant digits. */
function fractionText(value: Fraction): string {
  let rest = value.denominator;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) {
    rest /= 2n;
    twos++;
  }
  while (rest % 5n === 0n) {
    rest /= 5n;
    fives++;
  }
  if (rest !== 1n) return numberText(Number(value.numerator) / Number(value.denominator));
  const places = Math.max(twos, fives);
  const scaled = (value.numerator * 10n ** BigInt(places)) / value.denominator;
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
