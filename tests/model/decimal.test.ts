import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal } from "../../src/model/decimal.js";

/** What formatDecimal was: the fraction's trailing zeros cut by a regular expression. */
function formatByPattern(micros: number): string {
  const sign = micros < 0 ? "-" : "";
  const absolute = Math.abs(micros);
  const whole = Math.floor(absolute / 1_000_000);
  const fraction = String(absolute % 1_000_000)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

describe("formatDecimal", () => {
  const micros = fc.oneof(
    fc.integer({ min: -1e12, max: 1e12 }),
    fc.integer({ min: 0, max: 10_000 }).map((units) => units * 10_000),
    fc.maxSafeInteger(),
    fc.constantFrom(0, 1, -1, 10, 100_000, 401_200_000, 1_000_000, -500_000),
  );

  it("writes what the pattern-based version wrote, for any micros", () => {
    fc.assert(
      fc.property(micros, (value) => {
        expect(formatDecimal(value)).toBe(formatByPattern(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads back as the same micros", () => {
    fc.assert(
      fc.property(fc.integer({ min: -9e12, max: 9e12 }), (value) => {
        expect(parseDecimal(formatDecimal(value))).toBe(value === 0 ? 0 : value);
      }),
      { numRuns: 20_000 },
    );
    expect(formatDecimal(401_200_000)).toBe("401.2");
    expect(formatDecimal(-500_000)).toBe("-0.5");
    expect(formatDecimal(7)).toBe("0.000007");
  });
});
