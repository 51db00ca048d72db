import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isCalendarDay,
  parseArea,
  parseBoolean,
  parseDate,
  parseEnum,
  parseInteger,
  plainDecimalMicros,
  plainInteger,
} from "../../src/ingest/values.js";
import { dateRange } from "../../src/model/calendar.js";
import { communityTypes, zones } from "../../src/model/columns.js";
import { parseDecimal } from "../../src/model/decimal.js";

describe("parseArea (micros)", () => {
  it.each([
    ["401.2", 401_200_000],
    ["1,200", 1_200_000_000],
    ["1,200.5", 1_200_500_000],
    ["１，２００．５", 1_200_500_000],
    ["２０００", 2_000_000_000],
    ["450㎡", 450_000_000],
    ["450 m²", 450_000_000],
    ["450m2", 450_000_000],
    ["450 M2", 450_000_000],
    ["450平方米", 450_000_000],
    ["450平米", 450_000_000],
    ["m2 450", 450_000_000],
    ["0", 0],
    [" 12.000001 ", 12_000_001],
    ["-5", -5_000_000],
    ["1.", 1_000_000],
  ])("%j -> %d", (cell, micros) => {
    expect(parseArea(cell)).toEqual({ ok: true, value: micros });
  });

  it.each(["abc", "1,5", "12,34,567", "1.2.3", "", "12.0000001", "1 200", "四百", "NaN", "1e3"])(
    "%j is not a number",
    (cell) => {
      expect(parseArea(cell).ok).toBe(false);
    },
  );
});

describe("parseInteger", () => {
  it.each([
    ["1003", 1003],
    ["1,003", 1003],
    ["1,003户", 1003],
    ["１００３", 1003],
    ["820户", 820],
    ["1003.0", 1003],
    ["-3", -3],
  ])("%j -> %d", (cell, value) => {
    expect(parseInteger(cell)).toEqual({ ok: true, value });
  });

  it.each(["1003.5", "abc", "1,00", "", "户"])("%j is not a whole number", (cell) => {
    expect(parseInteger(cell).ok).toBe(false);
  });
});

describe("parseDate", () => {
  it.each([
    ["2010-01-01", "2010-01-01"],
    ["2010/1/1", "2010-01-01"],
    ["2010.1.1", "2010-01-01"],
    ["20100101", "2010-01-01"],
    ["2010年1月1日", "2010-01-01"],
    ["2010年01月01日", "2010-01-01"],
    ["２０１０年１月１日", "2010-01-01"],
    ["2012-02-29", "2012-02-29"],
    ["2010-01-01 00:00:00", "2010-01-01"],
    ["2009/12/31", "2009-12-31"],
  ])("%j -> %s", (cell, iso) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: iso });
  });

  it.each([
    "2010-02-30",
    "2011-02-29",
    "2010-13-01",
    "2010-00-10",
    "20101301",
    "2010年2月30日",
    "1/1/2010",
    "yesterday",
    "2010年13月",
    "2010.0",
    "1899年",
    "2100",
    "201001",
  ])("%j is not a real date", (cell) => {
    expect(parseDate(cell).ok).toBe(false);
  });

  it.each([
    ["2010年1月", "2010-01"],
    ["2010.1", "2010-01"],
    ["2010-1", "2010-01"],
    ["2010/12", "2010-12"],
    ["２０１０年１月", "2010-01"],
    ["2010年", "2010"],
    ["2010", "2010"],
  ])("%j is known to the month or year only: %s", (cell, partial) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: partial });
  });
});

describe("dateRange", () => {
  it.each([
    ["2010-01-01", "2010-01-01", "2010-01-01", true],
    ["2010-02", "2010-02-01", "2010-02-28", false],
    ["2012-02", "2012-02-01", "2012-02-29", false],
    ["2010-04", "2010-04-01", "2010-04-30", false],
    ["2010", "2010-01-01", "2010-12-31", false],
  ])("%s spans %s to %s", (date, first, last, exact) => {
    expect(dateRange(date)).toEqual({ first, last, exact });
  });
});

describe("isCalendarDay", () => {
  it("answers as a round trip through Date.UTC did, for every year a cell can hold", () => {
    const byDate = (year: number, month: number, day: number) => {
      const date = new Date(Date.UTC(year, month - 1, day));
      return (
        date.getUTCFullYear() === year &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day
      );
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (year, month, day) => {
          expect(isCalendarDay(year, month, day)).toBe(byDate(year, month, day));
        },
      ),
      { numRuns: 20_000 },
    );
    for (const [year, month, day] of [
      [2000, 2, 29],
      [1900, 2, 29],
      [2024, 2, 29],
      [2023, 2, 29],
      [100, 1, 1],
      [99, 12, 31],
      [2026, 12, 31],
      [2026, 4, 31],
    ] as const) {
      expect(isCalendarDay(year, month, day)).toBe(byDate(year, month, day));
    }
  });
});

describe("parseBoolean", () => {
  it.each([
    ["是", true],
    ["否", false],
    ["Y", true],
    ["n", false],
    ["yes", true],
    ["NO", false],
    ["true", true],
    ["False", false],
    ["1", true],
    ["0", false],
    ["１", true],
  ])("%j -> %s", (cell, value) => {
    expect(parseBoolean(cell)).toEqual({ ok: true, value });
  });

  it.each(["maybe", "2", "是的", ""])("%j is not a yes/no", (cell) => {
    expect(parseBoolean(cell).ok).toBe(false);
  });
});

describe("parseEnum", () => {
  it.each([
    ["城市社区", "urban"],
    ["城市", "urban"],
    ["urban", "urban"],
    ["URBAN", "urban"],
    ["农村社区", "rural"],
    ["农村", "rural"],
  ])("community type %j -> %s", (cell, value) => {
    expect(parseEnum(cell, communityTypes)).toEqual({ ok: true, value });
  });

  it.each([
    ["城镇规划区", "town-planning-area"],
    ["town planning area", "town-planning-area"],
    ["town_planning_area", "town-planning-area"],
    ["经济开发区", "development-zone"],
    ["开发区", "development-zone"],
    ["其他", "other"],
    ["other", "other"],
  ])("zone %j -> %s", (cell, value) => {
    expect(parseEnum(cell, zones)).toEqual({ ok: true, value });
  });

  it("refuses a value it does not know", () => {
    expect(parseEnum("城乡结合部", zones).ok).toBe(false);
  });
});

describe("the digit-by-digit road for plain cells", () => {
  // What it replaced: regular expressions, then parseDecimal or Number.
  const decimalPattern = /^\d{1,15}(?:\.\d{1,6})?$/;
  const integerPattern = /^\d{1,15}$/;
  const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
  const cell = fc.oneof(
    fc.string({
      unit: fc.constantFrom("0", "1", "9", ".", "-", "+", " ", "a", "٣", "１"),
      maxLength: 24,
    }),
    fc.stringMatching(/^\d{1,17}(\.\d{0,8})?$/),
    fc.stringMatching(/^\d{3,5}-\d{1,3}-\d{1,3}$/),
  );

  it("reads a plain decimal exactly as the regular expression and parseDecimal did", () => {
    fc.assert(
      fc.property(cell, (text) => {
        const expected = decimalPattern.test(text) ? (parseDecimal(text) ?? undefined) : undefined;
        expect(plainDecimalMicros(text)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads a plain integer exactly as the regular expression and Number did", () => {
    fc.assert(
      fc.property(cell, (text) => {
        expect(plainInteger(text)).toBe(integerPattern.test(text) ? Number(text) : undefined);
      }),
      { numRuns: 20_000 },
    );
  });

  it("decides a YYYY-MM-DD cell as the regular expression and the calendar did", () => {
    fc.assert(
      fc.property(cell, (text) => {
        const match = isoPattern.exec(text);
        const result = parseDate(text);
        if (!match) return;
        const real = isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
        expect(result).toEqual(real ? { ok: true, value: text } : { ok: false, expected: "date" });
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("cells as people fill them (issue 25)", () => {
  it.each([
    ["√", true],
    ["✓", true],
    ["✔", true],
    ["☑", true],
    ["×", false],
    ["✗", false],
    ["✘", false],
    ["☐", false],
  ])("reads the tick or cross %s as %s", (cell, value) => {
    expect(parseBoolean(cell)).toEqual({ ok: true, value });
  });

  it.each([
    ["二〇一一年三月十五日", "2011-03-15"],
    ["二零一一年三月", "2011-03"],
    ["二〇〇九年十二月三十一日", "2009-12-31"],
    ["二〇一〇年十月十日", "2010-10-10"],
    ["二〇一〇年一月二十日", "2010-01-20"],
    ["二〇一〇年", "2010"],
  ])("reads the Chinese-numeral date %s at its precision (%s)", (cell, value) => {
    expect(parseDate(cell)).toEqual({ ok: true, value });
  });

  it.each(["二〇一一年二月三十日", "二〇一一年十三月", "二〇一一年三十二月", "二〇一一年十十月"])(
    "refuses %s, which names no day",
    (cell) => {
      expect(parseDate(cell).ok).toBe(false);
    },
  );
});
