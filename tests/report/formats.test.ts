import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/index.js";
import type { Report } from "../../src/model/report.js";
import { evaluate } from "../../src/pipeline/evaluate.js";
import { loadPack } from "../../src/pipeline/packs.js";
import { csvColumns } from "../../src/report/csv.js";
import { githubData, githubProperty } from "../../src/report/escape.js";
import {
  type FormatName,
  formatNames,
  formatNeeds,
  loadFormatter,
} from "../../src/report/registry.js";

const root = join(import.meta.dirname, "..", "..");
// ajv-draft-04 is CommonJS; its class is module.exports itself.
const AjvDraft04 = createRequire(import.meta.url)(
  "ajv-draft-04",
) as typeof import("ajv-draft-04").default;
const goldenDir = join(import.meta.dirname, "golden");
const pack = await loadPack("suzhou-2010");
const options = {
  asOf: "2026-11-01",
  lang: "en" as const,
  tool: { name: "floorspace", version: "test" },
  keepEvaluations: true,
};

async function reportOf(...files: string[]): Promise<Report> {
  const inputs = await Promise.all(files.map((file) => ingestFile(file)));
  return await evaluate({ inputs }, pack, options);
}

const sample = await reportOf(
  "fixtures/suzhou-sample/estates-en.csv",
  "fixtures/suzhou-sample/centers-en.csv",
);
const hostile = await reportOf("fixtures/hostile/estates.csv");
const hostileNames = hostile.findings.map((finding) => finding.recordName);

async function render(format: FormatName, report: Report): Promise<string> {
  const formatter = await loadFormatter(format);
  const output = await formatter(report, { lang: "en", color: false, failOn: "error" });
  return typeof output === "string" ? output : [...output].join("");
}

const extensions: Record<FormatName, string> = {
  table: "txt",
  json: "json",
  csv: "csv",
  sarif: "sarif",
  junit: "xml",
  github: "txt",
  markdown: "md",
  html: "html",
  xlsx: "xlsx",
};

describe("golden files on the sample data", () => {
  // A workbook is a zip of XML with its own dates inside: tests/report/xlsx.test.ts reads it back.
  const textFormats = formatNames.filter((format) => !formatNeeds[format].binary);
  it.each(textFormats.map((format) => [format] as const))("%s", async (format) => {
    const output = await render(format, sample);
    const golden = join(goldenDir, `sample.${format}.${extensions[format]}`);
    // `npm run golden` rewrites them after a deliberate change; then review the diff. A missing
    // one fails: a test that writes its own expectation can never fail.
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, output);
    expect(existsSync(golden), `${golden} is missing: npm run golden writes it`).toBe(true);
    expect(output).toBe(readFileSync(golden, "utf8"));
  });
});

describe("html", () => {
  it("adds the per-street table with --summary street", async () => {
    const formatter = await loadFormatter("html");
    const byStreet = formatter(sample, { lang: "zh", color: false, summary: "street" }) as string;
    expect(byStreet).toContain('id="streets-table"');
    expect(byStreet.match(/data-street=/g)).toHaveLength(sample.summary.streets.length);
    const byDistrict = formatter(sample, { lang: "zh", color: false }) as string;
    expect(byDistrict).not.toContain('id="streets-table"');
  });
});

describe("json", () => {
  it("is JSON.stringify's indented text with each finding on one line", async () => {
    for (const report of [sample, hostile, { ...sample, findings: [] }]) {
      const formatter = await loadFormatter("json");
      const text = [...(formatter(report, { lang: "en", color: false }) as Iterable<string>)].join(
        "",
      );
      expect(JSON.parse(text)).toEqual(report);
      // Everything but the findings is as JSON.stringify indents it; each finding is one line.
      const placeholder = report.findings.map((_, index) => `@finding ${index}@`);
      let expected = `${JSON.stringify({ ...report, findings: placeholder }, null, 2)}\n`;
      report.findings.forEach((finding, index) => {
        expected = expected.replace(`"@finding ${index}@"`, () => JSON.stringify(finding));
      });
      expect(text).toBe(expected);
      const lines = text.split("\n");
      for (const finding of report.findings) {
        const line = `    ${JSON.stringify(finding)}`;
        expect(lines).toContain(lines.includes(line) ? line : `${line},`);
      }
    }
  });
});

describe("sarif", () => {
  it("is valid against the official SARIF 2.1.0 schema", async () => {
    const schema = JSON.parse(
      readFileSync(join(root, "tests", "fixtures", "sarif-schema-2.1.0.json"), "utf8"),
    );
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    for (const report of [sample, hostile]) {
      const log = JSON.parse(await render("sarif", report));
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });

  it("puts each finding on its file and line, with a stable fingerprint", async () => {
    const log = JSON.parse(await render("sarif", sample));
    const results = log.runs[0].results;
    expect(results).toHaveLength(
      sample.findings.length + sample.notices.length + sample.inputErrors.length,
    );
    const e24 = results.find(
      (result: { properties?: { recordId: string } }) => result.properties?.recordId === "E24",
    );
    expect(e24.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "fixtures/suzhou-sample/estates-en.csv" },
      region: { startLine: 25 },
    });
    const moved = structuredClone(sample);
    for (const finding of moved.findings) finding.line += 7;
    const again = JSON.parse(await render("sarif", moved)).runs[0].results;
    expect(
      again.map((result: { partialFingerprints?: object }) => result.partialFingerprints),
    ).toEqual(
      results.map((result: { partialFingerprints?: object }) => result.partialFingerprints),
    );
    const rule = log.runs[0].tool.driver.rules.find(
      (item: { id: string }) => item.id === "old-town-retrofit",
    );
    expect(rule.help.text).toContain("Lead: 市财政局");
  });
});

describe("junit", () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (name) => ["testsuite", "testcase"].includes(name),
  });

  it("parses back: a suite per rule, a case per evaluated record, failures at --fail-on", async () => {
    const xml = parser.parse(await render("junit", sample));
    const suites = xml.testsuites.testsuite as Array<{
      name: string;
      testcase?: Array<{ failure?: unknown; skipped?: unknown }>;
    }>;
    // A suite per rule that is on (a rule the pack turns off has no cases).
    expect(suites.map((suite) => suite.name)).toEqual(
      sample.rules.filter((rule) => rule.severity !== "off").map((rule) => rule.id),
    );
    const perHousehold = suites.find((suite) => suite.name === "estate-space-per-household");
    expect(perHousehold?.testcase).toHaveLength(32);
    expect(perHousehold?.testcase?.filter((testCase) => testCase.failure)).toHaveLength(8);
    const failures = suites
      // A rule judged per street (task 1) has no case per record: its suite is empty.
      .flatMap((suite) => suite.testcase ?? [])
      .filter((testCase) => testCase.failure).length;
    expect(failures).toBe(sample.summary.findings.error);
    expect(Number(xml.testsuites.failures)).toBe(failures);
  });

  it("keeps hostile names as text", async () => {
    const text = await render("junit", hostile);
    expect(text).not.toContain("<script>");
    const xml = parser.parse(text);
    const names = xml.testsuites.testsuite.flatMap((suite: { testcase: Array<{ name: string }> }) =>
      (suite.testcase ?? []).map((testCase) => testCase.name),
    );
    expect(names.some((name: string) => name.includes("<script>alert(1)</script>"))).toBe(true);
  });
});

describe("csv", () => {
  it("reads back with every column, a BOM, and names intact", async () => {
    const text = await render("csv", hostile);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows: string[][] = parse(text.slice(1));
    expect(rows[0]).toEqual([...csvColumns]);
    const names = rows.slice(1).map((row) => row[csvColumns.indexOf("recordName")] ?? "");
    expect(names).toHaveLength(hostileNames.length);
    names.forEach((name, index) => {
      const original = hostileNames[index] ?? "";
      // A name a spreadsheet would run as a formula gets an apostrophe in front, and nothing else changes.
      expect(name).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
      expect(/^[=+\-@\t\r]/.test(name)).toBe(false);
    });
  });
});

describe("github", () => {
  it("escapes data and properties as workflow commands require", () => {
    expect(githubData("100% done\r\nnext")).toBe("100%25 done%0D%0Anext");
    expect(githubProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("writes one annotation per finding, on one line each", async () => {
    const report = structuredClone(hostile);
    for (const finding of report.findings) finding.file = "data/a:b,c%.csv";
    const lines = (await render("github", report)).trimEnd().split("\n");
    expect(lines).toHaveLength(report.findings.length + report.notices.length);
    const h8 = lines.find((line) => line.includes("H8"));
    expect(h8).toContain(
      "file=data/a%3Ab%2Cc%25.csv,line=9,title=estate-space-per-household (task 2)::",
    );
    expect(h8).toContain("H8 two%0Alines, 100%25 : sure");
  });
});

describe("markdown", () => {
  it("shows the verdict, counts, districts and the first findings", async () => {
    const text = await render("markdown", sample);
    expect(text).toMatch(/^## floorspace: ❌ Failing/);
    expect(text).toContain("| 苏州工业园区 | 3 | 2 | 2 | 2 | 1 | 0 | 40.0% | 140.00 |");
  });

  it("escapes hostile names", async () => {
    const text = await render("markdown", hostile);
    expect(text).not.toMatch(/<script>|<img/);
    expect(text).toContain("&lt;script&gt;");
    expect(text).toContain("\\*\\*bold\\*\\* \\| \\[link\\]");
  });
});
