import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { floorspace, root, sample } from "../helpers/cli.js";

const work = join(root, "test-output", "workflows");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const asOf = ["--as-of", "2026-11-01"];

describe("floorspace retrofit", () => {
  it("lists the eligible old-town communities with hand-worked shortfalls, largest first", () => {
    const result = floorspace([
      "retrofit",
      sample("centers.csv"),
      sample("estates.csv"),
      "--format",
      "json",
      ...asOf,
    ]);
    expect(result.status).toBe(0);
    const worklist = JSON.parse(result.stdout);
    // C03: 400 − 350 = 50 (households from its estate E22: 0.2 × 1250 = 250, met).
    // C01: max(400 − 380, 0.2 × 2100 − 380) = max(20, 40) = 40, missing both standards.
    expect(
      worklist.items.map((item: Record<string, unknown>) => [
        item.communityId,
        item.standardsMissed,
        item.minimumShortfall,
        item.perHouseholdShortfall,
        item.shortfall,
      ]),
    ).toEqual([
      ["C03", ["minimum"], 50, 0, 50],
      ["C01", ["minimum", "per-household"], 20, 40, 40],
    ]);
    expect(worklist.totals).toMatchObject({ communities: 2, shortfall: 90 });
    expect(worklist.totals.districts).toEqual([
      { district: "姑苏区", communities: 1, shortfall: 40 },
      { district: "金阊区", communities: 1, shortfall: 50 },
    ]);
    expect(worklist.undecided.map((item: { communityId: string }) => item.communityId)).toEqual([
      "C17",
    ]);
  });

  it("writes a CSV that Excel opens in the right encoding", () => {
    const target = join(work, "retrofit.csv");
    const result = floorspace([
      "retrofit",
      sample("centers.csv"),
      sample("estates.csv"),
      "--format",
      "csv",
      "--output",
      target,
      "--lang",
      "zh",
      ...asOf,
    ]);
    expect(result.status).toBe(0);
    const text = readFileSync(target, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows: string[][] = parse(text.slice(1));
    expect(rows[0]).toEqual([
      "社区编号",
      "社区名称",
      "区",
      "街道",
      "户数",
      "现有面积 ㎡",
      "未达标准",
      "缺口 ㎡",
    ]);
    expect(rows[2]).toEqual([
      "C01",
      "平江新村社区",
      "姑苏区",
      "平江街道",
      "2100",
      "380",
      "400 ㎡、0.2 ㎡/户",
      "40",
    ]);
    expect(rows.at(-1)).toEqual(["合计", "2", "", "", "", "", "", "90"]);
  });

  it("writes a self-contained HTML worklist", () => {
    const target = join(work, "retrofit.html");
    const result = floorspace([
      "retrofit",
      sample("centers.csv"),
      sample("estates.csv"),
      "--format",
      "html",
      "--output",
      target,
      ...asOf,
    ]);
    expect(result.status).toBe(0);
    const html = readFileSync(target, "utf8");
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<tr data-community=/g)).toHaveLength(2);
    expect(html).toContain("2 communities, 90.00 m² to add");
  });

  it("prints a table and Markdown", () => {
    const table = floorspace(["retrofit", sample("centers.csv"), ...asOf]);
    expect(table.stdout).toContain("total: 2 communities, 90.00 m² to add");
    const markdown = floorspace([
      "retrofit",
      sample("centers.csv"),
      "--format",
      "markdown",
      ...asOf,
    ]);
    expect(markdown.stdout).toContain("| C03 | 金阊新城社区 | 金阊区 | 金阊街道 |");
  });
});

describe("floorspace check for CI", () => {
  it("writes several formats at once with --report", () => {
    const sarif = join(work, "out.sarif");
    const junit = join(work, "out.xml");
    const result = floorspace([
      "check",
      sample("estates-en.csv"),
      ...asOf,
      "--format",
      "github",
      "--report",
      `sarif=${sarif}`,
      "--report",
      `junit=${junit}`,
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n").find((line) => line.startsWith("::error"))).toMatch(
      /^::error file=fixtures\/suzhou-sample\/estates-en.csv,line=5,/,
    );
    expect(JSON.parse(readFileSync(sarif, "utf8")).version).toBe("2.1.0");
    expect(readFileSync(junit, "utf8")).toContain(
      '<testsuite name="estate-space-per-household" tests="32" failures="8"',
    );
    expect(floorspace(["check", sample("estates-en.csv"), "--report", "pdf=x.pdf"]).status).toBe(2);
  });

  it("summarises by district or street", () => {
    const byStreet = floorspace([
      "check",
      sample("estates-en.csv"),
      sample("centers-en.csv"),
      ...asOf,
      "--summary",
      "street",
      "--fail-on",
      "never",
    ]);
    expect(byStreet.stdout).toContain("By street");
    expect(byStreet.stdout).toMatch(/│ 姑苏区\s+│ 平江街道/);
    const json = JSON.parse(
      floorspace([
        "check",
        sample("estates-en.csv"),
        sample("centers-en.csv"),
        ...asOf,
        "--format",
        "json",
      ]).stdout,
    );
    expect(json.summary.districts.姑苏区).toMatchObject({
      estates: 5,
      centers: 2,
      compliant: 5,
      failing: 2,
      unknown: 0,
      shortfall: 50,
    });
    expect(
      json.summary.streets.find(
        (street: { subdistrict: string }) => street.subdistrict === "平江街道",
      ),
    ).toMatchObject({ district: "姑苏区", failing: 1, shortfall: 40 });
  });

  it("fails on too many warnings, and --quiet shows errors only", () => {
    const args = ["check", sample("estates-en.csv"), ...asOf, "--fail-on", "never"];
    expect(floorspace([...args, "--max-warnings", "5"]).status).toBe(0);
    expect(floorspace([...args, "--max-warnings", "4"]).status).toBe(1);
    const quiet = JSON.parse(floorspace([...args, "--quiet", "--format", "json"]).stdout);
    expect(
      new Set(quiet.findings.map((finding: { severity: string }) => finding.severity)),
    ).toEqual(new Set(["error"]));
    expect(floorspace([...args, "--max-warnings", "-1"]).status).toBe(2);
  });
});

describe("baselines", () => {
  it("round trip: accepted findings drop out, a new one fails, a fixed one is stale", () => {
    const data = join(work, "estates.csv");
    const baseline = join(work, "baseline.json");
    copyFileSync(sample("estates-en.csv"), data);
    const first = floorspace([
      "check",
      data,
      ...asOf,
      "--write-baseline",
      baseline,
      "--format",
      "json",
    ]);
    expect(first.status).toBe(1);
    const written = JSON.parse(readFileSync(baseline, "utf8"));
    expect(written.entries).toHaveLength(JSON.parse(first.stdout).findings.length);
    expect(Object.keys(written.entries[0])).toEqual(["ruleId", "file", "recordId"]);

    expect(floorspace(["check", data, ...asOf, "--baseline", baseline]).status).toBe(0);

    // A new failing estate at the top moves every line down: only it is new.
    const lines = readFileSync(data, "utf8").split("\n");
    lines.splice(1, 0, "N1,新来小区,吴中区,长桥街道,,1000,2015-01-01,100,1,,,,备N1");
    writeFileSync(data, lines.join("\n"));
    const second = floorspace(["check", data, ...asOf, "--baseline", baseline, "--format", "json"]);
    expect(second.status).toBe(1);
    const report = JSON.parse(second.stdout);
    expect(report.findings.map((finding: { recordId: string }) => finding.recordId)).toEqual([
      "N1",
    ]);
    expect(report.baseline.stale).toEqual([]);

    // E31 removed: its accepted finding no longer occurs, so the baseline can shrink.
    writeFileSync(
      data,
      lines.filter((line) => !line.startsWith("E31,") && !line.startsWith("N1,")).join("\n"),
    );
    const third = floorspace(["check", data, ...asOf, "--baseline", baseline, "--format", "json"]);
    expect(third.status).toBe(0);
    expect(JSON.parse(third.stdout).baseline.stale).toEqual([
      { ruleId: "estate-space-per-household", file: data.slice(root.length + 1), recordId: "E31" },
    ]);
    expect(floorspace(["check", data, ...asOf, "--baseline", baseline]).stdout).toContain(
      "1 entries no longer occur",
    );
  });

  it("refuses a file that is not a baseline", () => {
    const result = floorspace([
      "check",
      sample("estates-en.csv"),
      "--baseline",
      sample("estates-en.csv"),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("not a floorspace baseline");
  });
});
