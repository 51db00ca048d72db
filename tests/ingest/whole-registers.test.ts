import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { floorspace, sample } from "../helpers/cli.js";
import { type Cell, sampleTable, workbook } from "../helpers/zip.js";

/**
 * Whole registers (issue 25): every sheet of a kind is read, and a record repeated across sheets
 * or files is counted once. Verdicts are held to the sample CSV files, read as they are.
 */
const scratch = mkdtempSync(join(tmpdir(), "whole-registers-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const [estateHeader = [], ...estateRows] = sampleTable(sample("estates-en.csv"));
const centers = sampleTable(sample("centers-en.csv"));
const asOf = ["--as-of", "2026-11-01", "--lang", "en", "--format", "json"];

function check(args: string[]) {
  const result = floorspace(["check", ...args, ...asOf]);
  return { status: result.status, report: JSON.parse(result.stdout) };
}
const csv = check([sample("estates-en.csv"), sample("centers-en.csv")]);

function write(name: string, bytes: Buffer | string): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

describe("every sheet of a kind is read", () => {
  const batches = write(
    "batches.xlsx",
    workbook([
      { name: "第一批", rows: [estateHeader, ...estateRows.slice(0, 16)] },
      { name: "说明", rows: [["本表由街道填报"]] },
      { name: "第二批", rows: [estateHeader, ...estateRows.slice(16)] },
      { name: "社区", rows: centers },
    ]),
  );

  it("a sheet per batch: both batches read, the CSV's verdicts", () => {
    const { status, report } = check([batches]);
    expect(status).toBe(csv.status);
    expect(
      report.inputs.map((input: { sheet: string; records: number }) => [
        input.sheet,
        input.records,
      ]),
    ).toEqual([
      ["第一批", 16],
      ["第二批", 16],
      ["社区", 16],
    ]);
    expect(report.summary.rules).toEqual(csv.report.summary.rules);
    expect(report.summary.records).toEqual(csv.report.summary.records);
    expect(report.notices.map((notice: { code: string }) => notice.code)).toContain(
      "sheet-skipped",
    );
  });

  it("--sheet names several sheets", () => {
    const { report } = check([batches, "--sheet", "第二批", "--sheet", "社区"]);
    expect(report.inputs.map((input: { sheet: string }) => input.sheet)).toEqual([
      "第二批",
      "社区",
    ]);
  });
});

describe("a record is one record across sheets and files", () => {
  it("an id repeated in a later sheet is rejected there, naming the first, and counted once", () => {
    const repeated = [...(estateRows[4] ?? [])];
    const path = write(
      "repeated.xlsx",
      workbook([
        { name: "第一批", rows: [estateHeader, ...estateRows.slice(0, 16)] },
        { name: "第二批", rows: [estateHeader, ...estateRows.slice(16), repeated] },
        { name: "社区", rows: centers },
      ]),
    );
    const { report } = check([path]);
    const error = report.inputErrors.find(
      (item: { code: string }) => item.code === "duplicate-id-elsewhere",
    );
    expect(error).toMatchObject({ sheet: "第二批", line: 18, value: "E05" });
    expect(error.message).toContain("[第一批] line 6");
    expect(report.summary.records).toEqual(csv.report.summary.records);
    // Every estate judged once: the per-household verdicts are the CSV's.
    expect(report.summary.rules["estate-space-per-household"]).toEqual(
      csv.report.summary.rules["estate-space-per-household"],
    );
    for (const input of report.inputs) {
      expect(input.records).toBe(input.valid + input.rejected + input.skipped);
    }
  });

  it("a supplement replaces rows only when asked to (--later-files-replace)", () => {
    const supplement = write(
      "supplement.csv",
      `${estateHeader.join(",")}\n${(estateRows[0] ?? []).map((cell, index) => (index === 5 ? 900 : cell)).join(",")}\n`,
    );
    const refused = check([sample("estates-en.csv"), supplement]);
    expect(refused.report.inputs[1]).toMatchObject({ valid: 0, rejected: 1 });
    const e01 = (report: { findings: Array<{ recordId: string; ruleId: string; file: string }> }) =>
      report.findings.filter(
        (finding) => finding.recordId === "E01" && finding.ruleId === "estate-space-per-household",
      );
    expect(e01(refused.report).map((finding) => finding.file)).toEqual([]);

    const replaced = check([sample("estates-en.csv"), supplement, "--later-files-replace"]);
    expect(replaced.report.inputs[0]).toMatchObject({ valid: 31, skipped: 1 });
    expect(replaced.report.inputs[1]).toMatchObject({ valid: 1, rejected: 0 });
    expect(replaced.report.notices.map((notice: { code: string }) => notice.code)).toContain(
      "replaced-record",
    );
    // 900 households × 0.2 = 180 m² against its 170 m²: the supplement's row is the one judged.
    expect(e01(replaced.report).map((finding) => finding.file)).toEqual([supplement]);
  });
});

describe("a reference to a refused row says so", () => {
  it("an estate whose community's row was rejected is unknown, naming the row, never 'not in the file'", () => {
    const refused = centers.map((row, index) =>
      index === 1 ? row.map((cell, column) => (column === 4 ? "涉农社区" : cell)) : row,
    );
    const path = write(
      "refused.xlsx",
      workbook([
        { name: "小区", rows: [estateHeader, ...estateRows] },
        { name: "社区", rows: refused },
      ]),
    );
    const { report } = check([path]);
    const findings = report.findings.filter(
      (finding: { ruleId: string; recordId: string }) =>
        finding.ruleId === "estate-community-exists" && finding.recordId === "E01",
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ outcome: "unknown" });
    expect(findings[0].message).toContain("[社区] line 2) was rejected");
    expect(findings[0].message).not.toContain("is not in the centers file");
  });
});

describe("tables are found, not assumed", () => {
  it("centers typed under the estates, after a blank row, are a table of their own", () => {
    const rows: Cell[][] = [estateHeader, ...estateRows, [], [], ...centers];
    const { status, report } = check([
      write("two-tables.xlsx", workbook([{ name: "登记表", rows }])),
    ]);
    expect(status).toBe(csv.status);
    expect(
      report.inputs.map((input: { sheet: string; kind: string; records: number }) => [
        input.sheet,
        input.kind,
        input.records,
      ]),
    ).toEqual([
      ["登记表", "estates", 32],
      ["登记表", "centers", 16],
    ]);
    expect(report.inputErrors).toEqual([]);
    expect(report.summary.rules).toEqual(csv.report.summary.rules);
  });

  it("a table starting at column C with notes to its right: every row read, one notice", () => {
    const shifted = (row: Cell[]) => [null, null, ...row];
    const rows: Cell[][] = [
      shifted(estateHeader),
      ...estateRows.map((row, index) =>
        index % 5 === 0 ? [...shifted(row), null, "备注:待核实"] : shifted(row),
      ),
    ];
    const { report } = check([
      write("notes.xlsx", workbook([{ name: "小区", rows }])),
      sample("centers-en.csv"),
    ]);
    expect(report.inputs[0]).toMatchObject({ records: 32, valid: 32, rejected: 0 });
    const notice = report.notices.find(
      (item: { code: string }) => item.code === "notes-beside-table",
    );
    expect(notice).toMatchObject({ sheet: "小区", cell: "Q2" });
    expect(report.summary.rules).toEqual(csv.report.summary.rules);
  });
});

describe("a sheet per district", () => {
  const districtColumn = estateHeader.indexOf("district");
  const without = (row: Cell[]) => row.filter((_, column) => column !== districtColumn);
  const inDistrict = (district: string) =>
    estateRows.filter((row) => row[districtColumn] === district);

  it("a sheet named for a district gives its rows that district, with a notice", () => {
    const path = write(
      "districts.xlsx",
      workbook([
        { name: "姑苏区", rows: [without(estateHeader), ...inDistrict("姑苏区").map(without)] },
        { name: "吴中区", rows: [without(estateHeader), ...inDistrict("吴中区").map(without)] },
      ]),
    );
    const { report } = check([path]);
    expect(
      report.inputs.map((input: { sheet: string; valid: number }) => [input.sheet, input.valid]),
    ).toEqual([
      ["姑苏区", inDistrict("姑苏区").length],
      ["吴中区", inDistrict("吴中区").length],
    ]);
    expect(
      report.notices.filter((notice: { code: string }) => notice.code === "district-from-sheet"),
    ).toHaveLength(2);
    // The district table counts each sheet's estates under its district, as the CSV does.
    for (const district of ["姑苏区", "吴中区"]) {
      expect(report.summary.districts[district]).toMatchObject({
        estates: csv.report.summary.districts[district].estates,
      });
    }
  });

  it("a row whose own district is another than its sheet's is rejected, naming the cell", () => {
    const rows = inDistrict("姑苏区").map((row, index) =>
      index === 0 ? row.map((cell, column) => (column === districtColumn ? "吴江区" : cell)) : row,
    );
    const path = write(
      "disagree.xlsx",
      workbook([{ name: "姑苏区", rows: [estateHeader, ...rows] }]),
    );
    const { report } = check([path]);
    const error = report.inputErrors.find(
      (item: { code: string }) => item.code === "unreadable-cell",
    );
    expect(error).toMatchObject({ sheet: "姑苏区", line: 2 });
    expect(error.message).toContain("'吴江区', but its sheet is '姑苏区'");
    expect(report.inputs[0]).toMatchObject({ rejected: 1, valid: rows.length - 1 });
  });
});

describe("an Excel table's total row", () => {
  it("is skipped like 合计, by the table's own account, even with no label in it", () => {
    const households = estateHeader.indexOf("households");
    const total = estateHeader.map((_, column) => (column === households ? 99999 : null));
    const rows: Cell[][] = [estateHeader, ...estateRows, total];
    const last = rows.length;
    const table = (withTotals: boolean) =>
      workbook([{ name: "小区", rows }], {
        extra: [
          {
            name: "xl/worksheets/_rels/sheet1.xml.rels",
            data: '<Relationships><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/></Relationships>',
          },
          {
            name: "xl/tables/table1.xml",
            data: `<table id="1" name="T" displayName="T" ref="A1:M${last}"${withTotals ? ' totalsRowCount="1"' : ""}/>`,
          },
        ],
      });
    const withTotal = check([
      write("table-total.xlsx", table(true)),
      sample("centers-en.csv"),
    ]).report;
    expect(withTotal.inputs[0]).toMatchObject({ records: 33, valid: 32, rejected: 0, skipped: 1 });
    expect(withTotal.summary.rules).toEqual(csv.report.summary.rules);
    // The same row in a table without a total row is a row like any other: refused, not skipped.
    const without = check([
      write("table-plain.xlsx", table(false)),
      sample("centers-en.csv"),
    ]).report;
    expect(without.inputs[0]).toMatchObject({ rejected: 1, skipped: 0 });
  });
});

describe("formulas a program wrote without values", () => {
  it("plain arithmetic over the sheet is evaluated exactly; anything else refuses its row at the cell", () => {
    const households = estateHeader.indexOf("households");
    const area = estateHeader.indexOf("community_space_area");
    const letter = (index: number) => String.fromCharCode(65 + index);
    const formulaRow = (row: Cell[], line: number, householdsFormula: string) =>
      row.map((cell, column) =>
        column === households
          ? { xml: `<c r="{ref}"><f>${householdsFormula}</f></c>` }
          : column === area
            ? { xml: `<c r="{ref}"><f>${letter(households)}${line}*0.4</f></c>` }
            : cell,
      );
    const rows: Cell[][] = [
      estateHeader,
      formulaRow(estateRows[1] ?? [], 2, "1000+3"),
      formulaRow(estateRows[2] ?? [], 3, "VLOOKUP(A3,Z1:Z9,2)"),
    ];
    const { report } = check([
      write("formulas.xlsx", workbook([{ name: "小区", rows }])),
      sample("centers-en.csv"),
    ]);
    expect(report.inputs[0]).toMatchObject({ valid: 1, rejected: 1 });
    expect(report.notices.map((notice: { code: string }) => notice.code)).toContain(
      "formula-evaluated",
    );
    const error = report.inputErrors.find(
      (item: { code: string }) => item.code === "unreadable-cell",
    );
    expect(error).toMatchObject({ sheet: "小区", line: 3, cell: `${letter(households)}3` });
    expect(error.message).toContain("VLOOKUP");
    // E02: 1,003 households × 0.4 = 401.2 m², and its area is that same product: it passes.
    const e02 = report.findings.filter(
      (finding: { recordId: string; ruleId: string }) =>
        finding.recordId === "E02" && finding.ruleId === "estate-space-per-household",
    );
    expect(e02).toEqual([]);
    expect(report.summary.rules["estate-space-per-household"]).toMatchObject({ pass: 1, fail: 0 });
  });
});

describe("a region that cannot be read", () => {
  it("a second table whose header fits no register is refused whole, from its header row, not row by row", () => {
    const other: Cell[][] = [
      ["社区编号", "名称", "区位", "备注"],
      ["C01", "平江", "城镇规划区", "x"],
      ["C02", "沧浪", "其他", "y"],
    ];
    const rows: Cell[][] = [estateHeader, ...estateRows, [], ...other];
    const { status, report } = check([
      write("region.xlsx", workbook([{ name: "登记表", rows }])),
      sample("centers-en.csv"),
    ]);
    expect(status).toBe(2);
    expect(
      report.inputs.map((input: { kind: string | null; usable: boolean; records: number }) => [
        input.kind,
        input.usable,
        input.records,
      ]),
    ).toEqual([
      ["estates", true, 32],
      // Named 社区编号 and 名称, it looks like centers, but lacks their required columns.
      ["centers", false, 2],
      ["centers", true, 16],
    ]);
    const refused = report.inputErrors.filter(
      (item: { sheet?: string; line: number }) => item.sheet === "登记表",
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(
      refused.every((item: { line: number | null }) => item.line === 35 || item.line === null),
    ).toBe(true);
    // The estates above are judged as the CSV's are.
    expect(report.summary.rules["estate-space-per-household"]).toEqual(
      csv.report.summary.rules["estate-space-per-household"],
    );
  });
});

describe("a register sheet that cannot be read is refused, not skipped", () => {
  it("a batch sheet lacking a required column is an error naming it (exit 2), never a notice", () => {
    const households = estateHeader.indexOf("households");
    const without = (row: Cell[]) => row.filter((_, column) => column !== households);
    const path = write(
      "broken-batch.xlsx",
      workbook([
        { name: "第一批", rows: [estateHeader, ...estateRows.slice(0, 16)] },
        { name: "第二批", rows: [without(estateHeader), ...estateRows.slice(16).map(without)] },
      ]),
    );
    const { status, report } = check([path]);
    expect(status).toBe(2);
    expect(report.inputErrors).toContainEqual(
      expect.objectContaining({ code: "missing-column", sheet: "第二批", column: "households" }),
    );
    expect(report.notices.map((notice: { code: string }) => notice.code)).not.toContain(
      "sheet-skipped",
    );
  });
});
