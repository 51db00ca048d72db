import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultIngestOptions } from "../../src/ingest/index.js";
import { numberText, parseRange, serialDate } from "../../src/ingest/sheet-cells.js";
import { readWorkbook } from "../../src/ingest/workbook.js";
import type { Finding, Report } from "../../src/model/report.js";
import { columnLetters } from "../../src/model/sheet-address.js";
import { floorspace, root, sample } from "../helpers/cli.js";

/**
 * Workbooks as district offices keep them (fixtures/workbooks, written by openpyxl and saved
 * again by LibreOffice; scripts/make-workbook-fixtures.py): read to the same records, findings
 * and verdicts as the CSV files they were made from, every problem at its sheet and cell.
 */
const workbook = (name: string) => join(root, "fixtures", "workbooks", name);
const asOf = ["--as-of", "2026-11-01", "--lang", "en"];

function reportOf(args: string[]): { status: number | null; report: Report } {
  const result = floorspace(["check", ...args, ...asOf, "--format", "json"]);
  return { status: result.status, report: JSON.parse(result.stdout) as Report };
}

/** A finding without where it was found: the CSV's line is the sheet's row less the 2 title rows. */
function judged(finding: Finding, rowsAbove: number) {
  const { file: _file, sheet: _sheet, line, ...rest } = finding;
  return { ...rest, line: line - rowsAbove };
}

describe("a workbook with an estates sheet and a centers sheet", () => {
  const csv = reportOf([sample("estates-en.csv"), sample("centers-en.csv")]);

  it.each([
    ["registers.xlsx", "written by openpyxl (no cached formula values)"],
    ["registers-libreoffice.xlsx", "saved by LibreOffice Calc"],
    ["registers-1904.xlsx", "in the 1904 date system"],
    ["registers-libreoffice.ods", "saved by LibreOffice Calc as OpenDocument"],
    ["registers-libreoffice.xls", "saved by LibreOffice Calc as Excel 97-2003"],
  ])("%s (%s) gets the CSV files' verdicts, finding for finding", (name) => {
    const { status, report } = reportOf([workbook(name)]);
    expect(status, JSON.stringify(report.inputErrors)).toBe(csv.status);
    expect(report.inputs.map((input) => [input.sheet, input.kind])).toEqual([
      ["小区", "estates"],
      ["社区", "centers"],
    ]);
    expect(report.findings.map((finding) => judged(finding, 2))).toEqual(
      csv.report.findings.map((finding) => judged(finding, 0)),
    );
    expect(report.summary.rules).toEqual(csv.report.summary.rules);
    expect(
      report.findings.every((finding) => finding.sheet === "小区" || finding.sheet === "社区"),
    ).toBe(true);
    for (const input of report.inputs) {
      // read = valid + rejected + skipped: the 合计 row and the signature line are skipped.
      expect(input.records).toBe(input.valid + input.rejected + input.skipped);
      expect(input.skipped).toBe(2);
    }
  });

  it("says where the header was found, which rows it skipped, and which sheets it left out", () => {
    const { report } = reportOf([workbook("registers-libreoffice.xlsx")]);
    const notices = report.notices.map((notice) => [notice.code, notice.sheet, notice.line]);
    expect(notices).toEqual(
      expect.arrayContaining([
        ["hidden-sheet", "旧表", null],
        ["header-row", "小区", 3],
        ["skipped-row", "小区", 36],
        ["skipped-row", "小区", 37],
        ["header-row", "社区", 3],
      ]),
    );
    // LibreOffice stores the SUM's value; the 合计 row is skipped with it anyway.
    expect(report.notices.map((notice) => notice.code)).not.toContain("formula-without-value");
  });

  it("reads one sheet with --sheet, by name or position, and lists the sheets when none matches", () => {
    const byName = reportOf([workbook("registers.xlsx"), "--sheet", "社区"]).report;
    expect(byName.inputs.map((input) => input.sheet)).toEqual(["社区"]);
    const byPosition = reportOf([workbook("registers.xlsx"), "--sheet", "2"]).report;
    expect(byPosition.inputs.map((input) => input.sheet)).toEqual(["社区"]);
    const missing = floorspace([
      "validate",
      workbook("registers.xlsx"),
      "--sheet",
      "9",
      "--lang",
      "en",
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toContain("sheet-not-found");
    expect(missing.stdout).toContain("小区, 社区, 说明, 旧表");
  });
});

describe("cells people get wrong", () => {
  it("names the sheet and the cell of every problem, in JSON and the table", () => {
    const { report } = reportOf([workbook("errors.xlsx")]);
    expect(
      report.inputErrors.map((error) => [error.code, error.sheet, error.cell, error.value]),
    ).toEqual([
      ["invalid-number", "小区", "F3", "x户"],
      ["missing-value", "小区", "C4", "无"],
    ]);
    const table = floorspace(["validate", workbook("errors.xlsx"), "--lang", "en"]).stdout;
    expect(table).toContain("errors.xlsx [小区] F3");
    expect(table).toContain("errors.xlsx [小区] C4");
  });

  it("keeps text that starts with = as text", () => {
    const { report } = reportOf([workbook("errors.xlsx")]);
    const names = report.findings.map((finding) => finding.recordName);
    expect(names).toContain('=HYPERLINK("http://example.com","点击")');
  });

  it("points SARIF at the file and the cell, and GitHub at the file with the cell in the title", () => {
    const sarif = JSON.parse(
      floorspace(["check", workbook("errors.xlsx"), ...asOf, "--format", "sarif"]).stdout,
    );
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      locations: Array<{
        physicalLocation: { artifactLocation: { uri: string }; region?: unknown };
        logicalLocations?: Array<{ fullyQualifiedName: string }>;
      }>;
    }>;
    const problem = results.find((result) => result.ruleId === "input/invalid-number");
    expect(problem?.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/errors\.xlsx$/);
    expect(problem?.locations[0]?.physicalLocation.region).toBeUndefined();
    expect(problem?.locations[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe("'小区'!F3");
    const github = floorspace([
      "check",
      workbook("errors.xlsx"),
      ...asOf,
      "--format",
      "github",
    ]).stdout;
    const line = github.split("\n").find((each) => each.includes("invalid-number"));
    expect(line).toMatch(
      /^::error file=[^,]*errors\.xlsx,title=floorspace invalid-number '小区'!F3::/,
    );
  });
});

describe("merged cells and hidden rows", () => {
  it("fills a merged range from its top-left cell, with a notice, and reads hidden rows", async () => {
    const [input] = await readWorkbook(workbook("merged.xlsx"), defaultIngestOptions);
    expect(input?.usable).toBe(true);
    expect(input?.records.slice(0, 3).map(({ record }) => record.district)).toEqual([
      "姑苏区",
      "姑苏区",
      "姑苏区",
    ]);
    expect(input?.records).toHaveLength(6);
    const codes = input?.problems.map((item) => [item.code, item.line, item.data]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ["merged-cells", 2, { count: 1, ranges: "C2:C4" }],
        ["hidden-rows", 6, { count: 1, rows: "6" }],
      ]),
    );
  });
});

describe("archives that are not workbooks, or would not fit", () => {
  it("refuses a zip bomb before expanding it (exit 2)", () => {
    const result = floorspace(["validate", workbook("bomb.xlsx"), "--lang", "en"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain("workbook-too-large");
    expect(result.stdout).toMatch(/expands \d+ times/);
  });

  it("says a zip without a workbook inside is not one", () => {
    const result = floorspace(["validate", workbook("not-a-workbook.xlsx"), "--lang", "en"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain("workbook-unreadable");
    expect(result.stdout).toContain("without xl/workbook.xml");
  });

  it("holds the whole workbook to 4 × --max-file-size once expanded", () => {
    const result = floorspace([
      "validate",
      workbook("registers.xlsx"),
      "--max-file-size",
      "4K",
      "--lang",
      "en",
    ]);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain("workbook-too-large");
  });
});

describe("cell values", () => {
  it("reads numbers as Excel shows them, to 15 significant digits, without float noise", () => {
    expect(numberText(401.19999999999999)).toBe("401.2");
    expect(numberText(0.1 + 0.2)).toBe("0.3");
    expect(numberText(320506123456)).toBe("320506123456");
    expect(numberText(1e21)).toBe("1000000000000000000000");
    expect(numberText(1.5e-7)).toBe("0.00000015");
  });

  it("reads date serials in both date systems as Excel shows them", () => {
    expect(serialDate(40179, false)).toBe("2010-01-01");
    expect(serialDate(40179.99, false)).toBe("2010-01-01");
    expect(serialDate(1, false)).toBe("1900-01-01");
    expect(serialDate(59, false)).toBe("1900-02-28");
    expect(serialDate(61, false)).toBe("1900-03-01");
    expect(serialDate(38717, true)).toBe("2010-01-01");
    expect(serialDate(60, false)).toBe("1900-02-29");
    expect(serialDate(2_958_465, false)).toBe("9999-12-31");
  });

  it("makes every day's text as the calendar does, in both systems, from 1900 to 9999", () => {
    const dayMs = 86_400_000;
    const epoch1900 = Date.UTC(1899, 11, 30);
    const epoch1904 = Date.UTC(1904, 0, 1);
    const calendar = (time: number) => new Date(time).toISOString().slice(0, 10);
    const wrong: string[] = [];
    for (let serial = 0; serial <= 2_958_465; serial += serial < 80_000 ? 1 : 7) {
      const shown1900 = serial < 60 ? serial + 1 : serial;
      const in1900 = serialDate(serial, false);
      if (serial !== 60 && in1900 !== calendar(epoch1900 + shown1900 * dayMs)) {
        wrong.push(`${serial} (1900): ${in1900}`);
      }
      const in1904 = serialDate(serial, true);
      if (serial <= 2_957_003 && in1904 !== calendar(epoch1904 + serial * dayMs)) {
        wrong.push(`${serial} (1904): ${in1904}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("names columns and ranges as a spreadsheet does", () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(parseRange("B3:D5")).toEqual({ top: 3, left: 1, bottom: 5, right: 3 });
    expect(parseRange("$C$2")).toEqual({ top: 2, left: 2, bottom: 2, right: 2 });
  });
});

describe("a table an OA system saved as a web page under an .xls name", () => {
  it("is read as a sheet: title rows, a district spanning two rows, 1,500 and x:num, 合计 skipped", () => {
    const { status, report } = reportOf([workbook("oa-export.xls")]);
    expect(status).toBe(1);
    expect(
      report.inputs.map((input) => [input.sheet, input.kind, input.valid, input.skipped]),
    ).toEqual([["table 1", "estates", 2, 1]]);
    const judgedHere = report.findings
      .filter((finding) => finding.ruleId === "estate-space-per-household")
      .map((finding) => [finding.recordId, finding.outcome, finding.line]);
    // WZ101: land 2011, 1,500 households × 0.4 = 600 m², has 600: passes (not listed).
    // WZ102: land 2009, 1,500 × 0.2 = 300 m², has 299.50: short by 0.50.
    expect(judgedHere).toEqual([["WZ102", "fail", 5]]);
    expect(report.summary.rules["estate-space-per-household"]).toMatchObject({ pass: 1, fail: 1 });
  });
});
