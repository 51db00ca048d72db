import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ingestBytes, ingestFile } from "../src/ingest/index.js";
import { readTable } from "../src/ingest/table.js";
import {
  type Center,
  centerSchema,
  type Estate,
  estateSchema,
  MAX_AREA,
  MAX_HOUSEHOLDS,
  plainCenter,
  plainEstate,
} from "../src/model/records.js";
import { fillTemplate } from "../src/model/text.js";
import { csvQuote } from "../src/report/escape.js";
import { jsonPieces } from "../src/report/json-pieces.js";
import { rules as allRules } from "../src/rules/registry.js";
import { isStreetRule, type RecordRule, type Subject } from "../src/rules/types.js";
import { contextFor } from "./rules/rule-tester.js";

/** Properties that must hold for any data, not only the cases someone thought of. */
const M = 1_000_000;
const isoDate = fc
  .date({
    min: new Date("1990-01-01T00:00:00Z"),
    max: new Date("2035-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));
const area = fc.integer({ min: 0, max: 5_000 * M });
const households = fc.integer({ min: 1, max: 20_000 });
const districts = fc.constantFrom(
  "姑苏区",
  "平江区",
  "吴中区",
  "园区",
  "昆山市",
  "吴江市",
  "新区",
  "苏州市高新区",
);

const estate: fc.Arbitrary<Estate> = fc
  .record(
    {
      estate_id: fc.string({ minLength: 1, maxLength: 6 }),
      name: fc.string({ minLength: 1, maxLength: 8 }),
      district: districts,
      community_id: fc.option(fc.constantFrom("C1", "C2", "C3"), { nil: undefined }),
      households,
      land_transfer_date: fc.option(isoDate, { nil: undefined }),
      community_space_area: area,
      phases: fc.integer({ min: 1, max: 5 }),
      community_space_phase: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      estate_delivery_date: fc.option(isoDate, { nil: undefined }),
      community_space_delivery_date: fc.option(isoDate, { nil: undefined }),
      filing_no: fc.option(fc.constant("备1"), { nil: undefined }),
    },
    {
      requiredKeys: [
        "estate_id",
        "name",
        "district",
        "households",
        "community_space_area",
        "phases",
      ],
    },
  )
  .map((record) => ({
    ...record,
    community_space_phase:
      record.community_space_phase === undefined
        ? undefined
        : Math.min(record.community_space_phase, record.phases),
  }));

const center: fc.Arbitrary<Center> = fc
  .record(
    {
      community_id: fc.constantFrom("C1", "C2", "C3", "C4"),
      name: fc.string({ minLength: 1, maxLength: 8 }),
      district: districts,
      community_type: fc.constantFrom("urban" as const, "rural" as const),
      zone: fc.option(
        fc.constantFrom(
          "town-planning-area" as const,
          "development-zone" as const,
          "other" as const,
        ),
        { nil: undefined },
      ),
      households: fc.option(households, { nil: undefined }),
      office_area: area,
      public_service_area: fc.option(area, { nil: undefined }),
      city_proper: fc.option(fc.boolean(), { nil: undefined }),
      old_town: fc.option(fc.boolean(), { nil: undefined }),
      filing_no: fc.option(fc.constant("备2"), { nil: undefined }),
    },
    { requiredKeys: ["community_id", "name", "district", "community_type", "office_area"] },
  )
  .map((record) => ({
    ...record,
    public_service_area:
      record.public_service_area === undefined
        ? undefined
        : Math.min(record.public_service_area, record.office_area),
  }));

const subject: fc.Arbitrary<Subject> = fc.oneof(
  estate.map((record) => ({ kind: "estate" as const, record })),
  center.map((record) => ({ kind: "center" as const, record })),
);
const links = fc.record({
  estateHouseholds: fc.option(fc.dictionary(fc.constantFrom("C1", "C2", "C3"), households), {
    nil: undefined,
  }),
  centerIds: fc.option(fc.subarray(["C1", "C2", "C3"]), { nil: undefined }),
  asOf: isoDate,
});

function withArea(subject: Subject, extra: number): Subject {
  return subject.kind === "estate"
    ? {
        kind: "estate",
        record: {
          ...subject.record,
          community_space_area: subject.record.community_space_area + extra,
        },
      }
    : {
        kind: "center",
        record: { ...subject.record, office_area: subject.record.office_area + extra },
      };
}

function withHouseholds(subject: Subject, extra: number): Subject {
  if (subject.kind === "estate") {
    return {
      kind: "estate",
      record: { ...subject.record, households: subject.record.households + extra },
    };
  }
  const households = subject.record.households;
  return {
    kind: "center",
    record: {
      ...subject.record,
      households: households === undefined ? undefined : households + extra,
    },
  };
}

/** The rules judged record by record (a street rule judges streets: tests/rules). */
const rules = allRules.filter((rule): rule is RecordRule => !isStreetRule(rule));

const isAreaFailure = (verdict: ReturnType<RecordRule["check"]>) =>
  (verdict.outcome === "fail" || verdict.outcome === "eligible") && verdict.unit === "m2";

describe("rule properties", () => {
  it("no rule throws on any valid record, and each gives a known outcome", () => {
    fc.assert(
      fc.property(subject, links, (record, link) => {
        const context = contextFor(link);
        for (const rule of rules) {
          const verdict = rule.check(record, context);
          expect(["pass", "fail", "unknown", "not-applicable", "eligible"]).toContain(
            verdict.outcome,
          );
          if (verdict.shortfall !== undefined) expect(verdict.shortfall).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("raising an area never creates an area failure", () => {
    fc.assert(
      fc.property(subject, links, fc.integer({ min: 0, max: 1000 * M }), (record, link, extra) => {
        const context = contextFor(link);
        for (const rule of rules) {
          if (isAreaFailure(rule.check(record, context))) continue;
          expect(isAreaFailure(rule.check(withArea(record, extra), context)), rule.id).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("raising households never removes an area failure", () => {
    fc.assert(
      fc.property(subject, links, fc.integer({ min: 0, max: 5000 }), (record, link, extra) => {
        const context = contextFor(link);
        for (const rule of rules) {
          if (!isAreaFailure(rule.check(record, context))) continue;
          expect(isAreaFailure(rule.check(withHouseholds(record, extra), context)), rule.id).toBe(
            true,
          );
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("an estate exactly on its boundary passes", () => {
    const perHousehold = rules.find((rule) => rule.id === "estate-space-per-household");
    fc.assert(
      fc.property(estate, isoDate, (record, date) => {
        const rate = date >= "2010-01-01" ? 400_000 : 200_000;
        const onBoundary = {
          ...record,
          land_transfer_date: date,
          community_space_area: rate * record.households,
        };
        expect(
          perHousehold?.check({ kind: "estate", record: onBoundary }, contextFor()).outcome,
        ).toBe("pass");
        const below = { ...onBoundary, community_space_area: onBoundary.community_space_area - 1 };
        expect(perHousehold?.check({ kind: "estate", record: below }, contextFor()).outcome).toBe(
          "fail",
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("an urban community exactly on its boundary passes every rule", () => {
    fc.assert(
      fc.property(center, households, (record, count) => {
        const required = Math.max(400 * M, 200_000 * count);
        const onBoundary: Center = {
          ...record,
          community_type: "urban",
          households: count,
          office_area: required,
          public_service_area: undefined,
        };
        for (const rule of rules) {
          const verdict = rule.check({ kind: "center", record: onBoundary }, contextFor());
          expect(isAreaFailure(verdict), rule.id).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("CSV properties", () => {
  const cell = fc.string({ unit: "binary", maxLength: 12 });
  const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.tuple(
      fc.array(fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }), {
        minLength: width,
        maxLength: width,
      }),
      fc.array(
        fc
          .array(cell, { minLength: width, maxLength: width })
          .filter((row) => row.some((field) => field !== "")),
        { maxLength: 8 },
      ),
    ),
  );

  it("write then read is the identity for any cell text, CJK and control characters included", () => {
    fc.assert(
      fc.property(table, fc.constantFrom("\n", "\r\n"), ([header, rows], newline) => {
        const text =
          [header, ...rows].map((row) => row.map(csvQuote).join(",")).join(newline) + newline;
        const read = readTable(text, { maxRecordSize: 1_000_000 });
        if (!read.ok) throw new Error(JSON.stringify(read));
        expect(read.header.fields).toEqual(header);
        expect(read.rows.map((row) => row.fields)).toEqual(rows);
      }),
      { numRuns: 3000 },
    );
  });

  it("ingest never throws on random bytes, and every row is accounted for", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const input = ingestBytes(bytes, "random.csv");
        expect(input.rowsRead).toBe(input.records.length + input.rejected);
      }),
      { numRuns: 3000 },
    );
  });

  it("ingest never throws on random CSV-like text", () => {
    const header =
      "estate_id,name,district,households,community_space_area,land_transfer_date,phases\n";
    const piece = fc.constantFrom(
      ",",
      '"',
      "\n",
      "\r",
      "\r\n",
      ";",
      "1",
      "0.4",
      "户",
      "㎡",
      "2010年1月1日",
      "-",
      "E1",
      " ",
      "\u0000",
      "\uFEFF",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
        const input = ingestBytes(Buffer.from(header + pieces.join("")), "csvish.csv");
        expect(input.rowsRead).toBe(input.records.length + input.rejected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("JSON in pieces", () => {
  it("joins to exactly JSON.stringify(value, null, 2) for any value", () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string(), fc.option(fc.jsonValue(), { nil: undefined })),
      fc.array(fc.option(fc.string({ unit: "binary" }), { nil: undefined })),
      // Long arrays take the other road: each item is written by JSON.stringify and re-indented.
      fc.dictionary(
        fc.string(),
        fc.array(
          fc.oneof(
            fc.jsonValue(),
            fc.dictionary(
              fc.string({ unit: "binary" }),
              fc.option(fc.jsonValue(), { nil: undefined }),
            ),
            fc.constant(undefined),
          ),
          { minLength: 17, maxLength: 40 },
        ),
      ),
    );
    fc.assert(
      fc.property(value, (input) => {
        expect([...jsonPieces(input)].join("")).toBe(`${JSON.stringify(input, null, 2)}\n`);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("message templates", () => {
  it("fill exactly as one regular-expression replace would, gaps left visible", () => {
    type Value = string | number | null | { zh: string; en: string };
    const byRegExp = (template: string, data: Record<string, Value>, lang: "zh" | "en") =>
      template.replace(/\{(\w+)\}/g, (whole, key: string) => {
        const value = data[key];
        if (value === undefined || value === null) return whole;
        return typeof value === "object" ? value[lang] : String(value);
      });
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "{", "}", " ", "中", "_") }),
      fc.constantFrom("{households}", "{area}", "{x_1}", "{}", "{ a }"),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join("")),
        fc.dictionary(
          fc.constantFrom("households", "area", "x_1", "a"),
          fc.oneof(
            fc.string(),
            fc.integer(),
            fc.constant(null),
            fc.record({ zh: fc.string(), en: fc.string() }),
          ),
        ),
        fc.constantFrom("zh" as const, "en" as const),
        (template, data, lang) => {
          expect(fillTemplate(template, data, lang)).toBe(byRegExp(template, data, lang));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("records made without zod", () => {
  // Mostly valid values, with the boundaries and a few wrong ones: enough of both sides.
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) =>
    fc.option(arbitrary, { nil: undefined, freq: 6 });
  const text = fc.oneof(
    { arbitrary: fc.constantFrom("a", "姑苏区", "E1"), weight: 30 },
    { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
    { arbitrary: fc.constant(""), weight: 1 },
  );
  const whole = fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 1000 }), weight: 30 },
    {
      arbitrary: fc.constantFrom(
        -1,
        0,
        1001,
        MAX_HOUSEHOLDS,
        MAX_HOUSEHOLDS + 1,
        MAX_AREA,
        MAX_AREA + 1,
        1.5,
        -0,
      ),
      weight: 2,
    },
  );
  const date = fc.oneof(
    { arbitrary: fc.constant("2010-01-01"), weight: 30 },
    { arbitrary: fc.constantFrom("2010-1-1", "", "20100101"), weight: 1 },
    { arbitrary: fc.string({ maxLength: 10 }), weight: 1 },
  );
  const defined = (record: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

  const estateFields = fc.record({
    estate_id: maybe(text),
    name: maybe(text),
    district: maybe(text),
    subdistrict: maybe(text),
    community_id: maybe(text),
    households: maybe(whole),
    land_transfer_date: maybe(date),
    community_space_area: maybe(whole),
    phases: maybe(whole),
    community_space_phase: maybe(whole),
    estate_delivery_date: maybe(date),
    community_space_delivery_date: maybe(date),
    filing_no: maybe(text),
  });
  const centerFields = fc.record({
    community_id: maybe(text),
    name: maybe(text),
    district: maybe(text),
    subdistrict: maybe(text),
    community_type: maybe(fc.constantFrom("urban", "rural", "urban", "rural", "rural", "城市")),
    zone: maybe(fc.constantFrom("town-planning-area", "development-zone", "other", "x")),
    households: maybe(whole),
    office_area: maybe(whole),
    public_service_area: maybe(whole),
    city_proper: maybe(fc.constantFrom(true, false, true, false, "true")),
    old_town: maybe(fc.constantFrom(true, false, true, false, 1)),
    filing_no: maybe(text),
  });
  const kinds = [
    ["estate", estateFields, plainEstate, estateSchema],
    ["center", centerFields, plainCenter, centerSchema],
  ] as const;

  it.each(kinds)(
    "are exactly what the %s schema makes of the same input, keys in order",
    (_kind, fields, plain, schema) => {
      let made = 0;
      fc.assert(
        fc.property(fields as fc.Arbitrary<Record<string, unknown>>, (values) => {
          const candidate = defined(values);
          const record = (plain as (candidate: Record<string, unknown>) => unknown)(candidate);
          if (record === undefined) return;
          made++;
          const checked = schema.safeParse(candidate);
          expect(checked.success).toBe(true);
          expect(JSON.stringify(record)).toBe(JSON.stringify(checked.data));
        }),
        { numRuns: 5000 },
      );
      expect(made).toBeGreaterThan(300);
    },
  );

  it("take every record of the sample data, which then never needs zod", async () => {
    for (const file of ["estates.csv", "centers.csv"]) {
      const input = await ingestFile(
        join(import.meta.dirname, "..", "fixtures", "suzhou-sample", file),
      );
      for (const { record } of input.records) {
        const plain = input.kind === "estate" ? plainEstate(record) : plainCenter(record);
        expect(plain).toEqual(record);
      }
    }
  });
});
