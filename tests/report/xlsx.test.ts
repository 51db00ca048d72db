import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/model/report.js";
import type { Worklist } from "../../src/report/retrofit.js";
import { floorspace, root, sample } from "../helpers/cli.js";

/**
 * The workbooks floorspace writes, opened as the people who receive them would: read back by
 * an independent reader (Python's openpyxl, from Debian), and recalculated and printed by
 * LibreOffice Calc. CI installs both (.ci/run); without them these tests are skipped locally.
 */
const python = "/usr/bin/python3";
const haveOpenpyxl = spawnSync(python, ["-c", "import openpyxl"]).status === 0;
// LibreOffice prints; pdftoppm (poppler-utils) turns the PDF's first page into a PNG.
const haveLibreOffice =
  spawnSync("soffice", ["--version"]).status === 0 && spawnSync("pdftoppm", ["-v"]).status === 0;
if (process.env.CI && !(haveOpenpyxl && haveLibreOffice)) {
  throw new Error(
    "CI must have python3-openpyxl, libreoffice-calc and poppler-utils (see .ci/run)",
  );
}

const work = mkdtempSync(join(tmpdir(), "floorspace-xlsx-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const outputDir = join(root, "test-output", "xlsx");
mkdirSync(outputDir, { recursive: true });

interface Cell {
  value: string | number | boolean | null;
  stored: string | number | boolean | null;
  type: string;
  format: string;
  link: string | null;
  note: string | null;
}
interface Sheet {
  title: string;
  state: string;
  frozen: string | null;
  filter: string | null;
  printTitles: string | null;
  orientation: string | null;
  paperSize: number | null;
  columns: Record<string, { format: string; width: number }>;
  validations: Array<{ type: string; operator: string | null; formula1: string; range: string }>;
  rows: Array<Array<Cell | null>>;
}

function readBack(path: string): Sheet[] {
  const result = spawnSync(python, [join(root, "tests", "helpers", "read-xlsx.py"), path], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as { sheets: Sheet[] }).sheets;
}

const values = (row: Array<Cell | null> | undefined) =>
  (row ?? []).map((cell) => cell?.value ?? null);

function sheetNamed(sheets: Sheet[], title: string): Sheet {
  const sheet = sheets.find((each) => each.title === title);
  if (!sheet) throw new Error(`no sheet ${title} in ${sheets.map((each) => each.title)}`);
  return sheet;
}

describe.runIf(haveOpenpyxl)("check --format xlsx, read back by openpyxl", () => {
  const files = [
    sample("estates-en.csv"),
    sample("centers-en.csv"),
    join(root, "fixtures", "hostile", "estates.csv"),
  ];
  const book = join(work, "audit.xlsx");
  const run = floorspace([
    "check",
    ...files,
    "--as-of",
    "2026-11-01",
    "--lang",
    "en",
    "--format",
    "xlsx",
    "--output",
    book,
    "--report",
    `json=${join(work, "audit.json")}`,
  ]);
  const report = JSON.parse(readFileSync(join(work, "audit.json"), "utf8")) as Report;
  const sheets = readBack(book);

  it("exits as the same check does, with five sheets", () => {
    expect(run.status).toBe(1);
    expect(sheets.map((sheet) => sheet.title)).toEqual([
      "Summary",
      "Findings",
      "Rules",
      "Inputs",
      "Input problems",
    ]);
  });

  it("lists every finding of the JSON report, in order, with numbers as numbers", () => {
    const findings = sheetNamed(sheets, "Findings");
    expect(findings.frozen).toBe("A2");
    expect(findings.filter).toBe("A1:P1");
    const rows = findings.rows.slice(1);
    expect(rows).toHaveLength(report.findings.length);
    report.findings.forEach((finding, index) => {
      const row = rows[index] ?? [];
      // The rule by its id (the handle) and, beside it, its title (what a reader reads).
      expect(values(row).slice(0, 6)).toEqual([
        finding.file,
        null,
        finding.line,
        finding.ruleId,
        report.rules.find((rule) => rule.id === finding.ruleId)?.title.en,
        finding.task,
      ]);
      expect(row[8]?.value ?? "").toBe(finding.recordId);
      expect(row[15]?.value).toBe(finding.message);
      for (const [column, quantity] of [
        [12, finding.actual],
        [13, finding.required],
        [14, finding.shortfall],
      ] as const) {
        const cell = row[column];
        if (typeof quantity === "number") {
          expect(cell?.type).toBe("n");
          expect(cell?.value).toBe(quantity);
          expect(cell?.format).toBe("#,##0.00");
        } else expect(cell?.value ?? null).toBe(quantity);
      }
      expect(row[0]?.link).toBe(encodeURI(finding.file));
    });
  });

  it("writes text from the data as text: a name that starts with = is that string, never a formula", () => {
    const findings = sheetNamed(sheets, "Findings").rows.slice(1);
    const names = findings.map((row) => row[9]);
    const hyperlink = names.find((cell) => String(cell?.value).startsWith("=HYPERLINK"));
    expect(hyperlink?.type).toBe("s");
    expect(hyperlink?.value).toBe('=HYPERLINK("http://example.invalid","click")');
    for (const cell of names) if (cell) expect(cell.type).toBe("s");
    // An escape sequence cannot reach the file as a control character XML forbids.
    expect(names.some((cell) => String(cell?.value).includes("\\x1b[2J"))).toBe(true);
  });

  it("sums up the run: verdict, coverage per rule, districts; rules with their departments; inputs", () => {
    const summary = sheetNamed(sheets, "Summary");
    expect(values(summary.rows[2])[1]).toContain("error");
    const active = report.rules.filter((rule) => rule.severity !== "off");
    const coverageRows = summary.rows.slice(5, 5 + active.length);
    active.forEach((rule, index) => {
      const coverage = report.summary.coverage[rule.id];
      expect(values(coverageRows[index])).toEqual([
        rule.id,
        rule.title.en,
        rule.task,
        rule.severity,
        coverage?.judged,
        coverage?.pass,
        coverage?.fail,
        coverage?.eligible,
        coverage?.unknown,
        coverage?.notApplicable,
        coverage?.notChecked,
      ]);
    });
    const districtRows = summary.rows.slice(6 + active.length + 1);
    const districts = Object.entries(report.summary.districts);
    // Every district, then the 合计 row: the sums of the column above it.
    expect(districtRows.map((row) => row[0]?.value)).toEqual([
      ...districts.map(([name]) => name),
      "total",
    ]);
    districts.forEach(([, area], index) => {
      expect(districtRows[index]?.[7]?.value).toBe(area.shortfall);
    });
    const total = districtRows.at(-1);
    const sum = (pick: (area: (typeof districts)[number][1]) => number) =>
      districts.reduce((subtotal, [, area]) => subtotal + pick(area), 0);
    expect(total?.[1]?.value).toBe(sum((area) => area.records));
    expect(total?.[3]?.value).toBe(sum((area) => area.failing));
    expect(total?.[7]?.value).toBe(
      districts.reduce((centi, [, area]) => centi + Math.round(area.shortfall * 100), 0) / 100,
    );
    const rules = sheetNamed(sheets, "Rules").rows.slice(1);
    expect(rules.map((row) => [row[0]?.value, row[6]?.value, row[7]?.value])).toEqual(
      report.rules.map((rule) => [rule.id, rule.basis.lead, rule.basis.cooperating]),
    );
    const inputs = sheetNamed(sheets, "Inputs").rows.slice(1);
    expect(inputs.map((row) => values(row).slice(4, 8))).toEqual(
      report.inputs.map((input) => [input.records, input.valid, input.rejected, input.skipped]),
    );
  });

  it("names columns in Chinese with --lang zh", () => {
    const zhBook = join(work, "audit-zh.xlsx");
    floorspace([
      "check",
      ...files.slice(0, 2),
      "--as-of",
      "2026-11-01",
      "--lang",
      "zh",
      "--format",
      "xlsx",
      "--output",
      zhBook,
    ]);
    const zh = readBack(zhBook);
    expect(zh.map((sheet) => sheet.title)).toEqual([
      "汇总",
      "问题清单",
      "规则",
      "输入文件",
      "输入问题",
    ]);
    expect(values(sheetNamed(zh, "问题清单").rows[0]).slice(0, 4)).toEqual([
      "文件",
      "工作表",
      "行/单元格",
      "规则",
    ]);
  });

  it("is refused on a terminal, and written down a pipe", () => {
    const piped = spawnSync(
      process.execPath,
      [
        join(root, "bin", "floorspace.js"),
        "check",
        sample("estates-en.csv"),
        "--format",
        "xlsx",
        "--as-of",
        "2026-11-01",
      ],
      { cwd: root },
    );
    expect(piped.stdout.subarray(0, 2).toString("latin1")).toBe("PK");
  });
});

describe.runIf(haveOpenpyxl)("retrofit --format xlsx", () => {
  const book = join(work, "worklist.xlsx");
  const args = [
    "retrofit",
    sample("centers-en.csv"),
    sample("estates-en.csv"),
    "--as-of",
    "2026-11-01",
    "--lang",
    "zh",
  ];
  const run = floorspace([...args, "--format", "xlsx", "--output", book]);
  const worklist = JSON.parse(floorspace([...args, "--format", "json"]).stdout) as Worklist;
  const [sheet] = readBack(book);

  it("lists every eligible community with both gaps, and prints A4 landscape with the header on each page", () => {
    expect(run.status).toBe(0);
    expect(sheet?.printTitles).toBe("$3:$3");
    expect(sheet?.orientation).toBe("landscape");
    expect(sheet?.paperSize).toBe(9);
    expect(values(sheet?.rows[0])[0]).toContain("以奖代补");
    expect(values(sheet?.rows[1])[0]).toContain("2026-11-01");
    const items = (sheet?.rows ?? []).slice(3).filter((row) => row[2]?.value);
    expect(items.map((row) => row[2]?.value).sort()).toEqual(
      worklist.items.map((item) => item.communityId).sort(),
    );
    for (const item of worklist.items) {
      const row = items.find((each) => each[2]?.value === item.communityId);
      expect([row?.[8]?.value, row?.[9]?.value, row?.[10]?.value]).toEqual([
        item.minimumShortfall,
        item.perHouseholdShortfall,
        item.shortfall,
      ]);
    }
  });

  it("totals by SUBTOTAL formulas whose stored values are the tool's totals", () => {
    const rows = sheet?.rows ?? [];
    const subtotals = rows.filter((row) => String(row[1]?.value ?? "").startsWith("小计"));
    expect(subtotals.map((row) => [row[0]?.value, row[10]?.stored])).toEqual(
      worklist.totals.districts.map((total) => [total.district, total.shortfall]),
    );
    for (const row of subtotals)
      expect(String(row[10]?.value)).toMatch(/^=SUBTOTAL\(9,K\d+:K\d+\)$/);
    const grand = rows.at(-1);
    expect(grand?.[0]?.value).toBe("合计");
    expect(grand?.[10]?.stored).toBe(worklist.totals.shortfall);
  });

  it.runIf(haveLibreOffice)(
    "calculates the same totals in LibreOffice, and prints (PDF and a PNG of page 1 in test-output/xlsx)",
    () => {
      // Without stored values LibreOffice must calculate every formula itself.
      const stripped = join(work, "stripped.xlsx");
      spawnSync(python, [
        join(root, "tests", "helpers", "read-xlsx.py"),
        book,
        "--strip",
        stripped,
      ]);
      const convert = (input: string, to: string) =>
        spawnSync("soffice", ["--headless", "--convert-to", to, "--outdir", work, input], {
          encoding: "utf8",
          env: { ...process.env, HOME: work },
          timeout: 120_000,
        });
      expect(
        convert(
          stripped,
          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        ).status,
      ).toBe(0);
      const csv = readFileSync(join(work, "stripped-改造清单.csv"), "utf8");
      const lines = csv.trim().split("\n");
      const grand = lines.find((line) => line.startsWith("合计"));
      expect(Number(grand?.split(",")[10])).toBe(worklist.totals.shortfall);
      expect(convert(book, "pdf").status).toBe(0);
      const pdf = join(work, "worklist.pdf");
      writeFileSync(join(outputDir, "worklist.pdf"), readFileSync(pdf));
      const png = spawnSync("pdftoppm", [
        "-png",
        "-r",
        "80",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        pdf,
        join(outputDir, "worklist-page-1"),
      ]);
      expect(png.status).toBe(0);
    },
  );
});

describe.runIf(haveOpenpyxl)("init --xlsx: a fill-in workbook", () => {
  const folder = join(work, "template");
  const run = floorspace(["init", folder, "--xlsx", "--lang", "zh"]);
  const book = join(folder, "registers.xlsx");
  const sheets = readBack(book);

  it("has a sheet per register with Chinese headers, the canonical name in each header's note", () => {
    expect(run.status).toBe(0);
    expect(sheets.map((sheet) => [sheet.title, sheet.state])).toEqual([
      ["填表说明", "visible"],
      ["小区", "visible"],
      ["社区", "visible"],
      ["选项", "veryHidden"],
    ]);
    const estates = sheetNamed(sheets, "小区");
    expect(values(estates.rows[0]).slice(0, 3)).toEqual(["小区编号", "小区名称", "所属区"]);
    expect(estates.rows[0]?.[0]?.note).toMatch(/^必填。estate_id: /);
  });

  it("refuses the usual mistakes: districts from the pack's list, dates, areas ≥ 0, households > 0, ids as text", () => {
    const estates = sheetNamed(sheets, "小区");
    const byRange = new Map(estates.validations.map((rule) => [rule.range.split(":")[0], rule]));
    expect(byRange.get("C2")).toMatchObject({ type: "list" });
    expect(byRange.get("F2")).toMatchObject({
      type: "whole",
      operator: "greaterThan",
      formula1: "0",
    });
    expect(byRange.get("G2")).toMatchObject({ type: "date" });
    expect(byRange.get("H2")).toMatchObject({
      type: "decimal",
      operator: "greaterThanOrEqual",
      formula1: "0",
    });
    expect(estates.columns.A?.format).toBe("@");
    const lists = sheetNamed(sheets, "选项");
    const districts = lists.rows.map((row) => row[0]?.value).filter(Boolean);
    expect(districts).toContain("姑苏区");
    expect(districts).toContain("昆山市");
    expect(districts).not.toContain("平江区");
  });

  it("marks the required columns, and gives examples its own lists accept", () => {
    const centers = sheetNamed(sheets, "社区");
    const notes = centers.rows[0]?.map((cell) => String(cell?.note ?? "")) ?? [];
    expect(notes[0]).toMatch(/^必填。community_id: /);
    expect(notes.find((note) => note.includes("filing_no"))).not.toMatch(/^必填/);
    const instructions = sheetNamed(sheets, "填表说明");
    const lists = sheetNamed(sheets, "选项");
    const listed = new Set(lists.rows.flatMap((row) => row.map((cell) => cell?.value)));
    for (const canonical of ["community_type", "level", "city_proper"]) {
      const row = instructions.rows.find((each) => each[1]?.value === canonical);
      const example = row?.[6]?.value;
      if (example) expect(listed.has(example), `${canonical}: ${example}`).toBe(true);
    }
    const type = instructions.rows.find((row) => row[1]?.value === "community_type");
    expect(type?.[6]?.value).toBe("城市社区");
  });

  it("explains each column, its unit and the rules it feeds", () => {
    const instructions = sheetNamed(sheets, "填表说明");
    const area = instructions.rows.find((row) => row[1]?.value === "community_space_area");
    expect(String(area?.[3]?.value)).toContain("㎡");
    expect(String(area?.[5]?.value)).toContain("estate-space-per-household");
  });

  it("goes back through check as it is, once filled in (by openpyxl, as a clerk's Excel would)", () => {
    const filled = join(work, "filled.xlsx");
    const script = `
import datetime, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
wb["小区"].append(["E01", "平江新村", "姑苏区", "平江街道", "C01", 820, datetime.date(2008,5,12), 170, 1, None, datetime.date(2010,9,1), datetime.date(2010,9,1), "姑规备2010-011"])
wb["社区"].append(["C01", "平江新村社区", "姑苏区", "平江街道", "城市", None, 2100, 380, None, "社区", None, "是", "是", "姑民备2011-001"])
wb.save(sys.argv[2])
`;
    expect(spawnSync(python, ["-c", script, book, filled]).status).toBe(0);
    const result = floorspace(["check", filled, "--as-of", "2026-11-01", "--format", "json"]);
    const report = JSON.parse(result.stdout) as Report;
    expect(
      report.inputs.map((input) => [input.sheet, input.kind, input.valid, input.rejected]),
    ).toEqual([
      ["小区", "estates", 1, 0],
      ["社区", "centers", 1, 0],
    ]);
    expect(report.inputErrors).toEqual([]);
    // Its own instructions sheet is known: no notice that a sheet was skipped.
    expect(report.notices.map((notice) => notice.code)).not.toContain("sheet-skipped");
    expect(report.findings.map((finding) => finding.ruleId)).toContain(
      "community-space-city-minimum",
    );
  });
});
