import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { citedClause } from "../../src/model/pack.js";
import type { Report } from "../../src/model/report.js";
import { loadPack } from "../../src/pipeline/packs.js";
import type { Comparison } from "../../src/report/compare.js";
import { floorspace, root } from "../helpers/cli.js";

/**
 * Standards as their documents say them (issue 28): the 2022 figures are targets (a pilot's, a
 * plan's), never breaches; jiangsu-2022's covers rural communities too; a clause read in a news
 * report is never shown in quotation marks; compare says which is which.
 */
const work = mkdtempSync(join(tmpdir(), "standing-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const centers = join(root, "fixtures", "standards", "centers.csv");
const asOf = ["--as-of", "2026-11-01", "--lang", "en"];

function check(args: string[]) {
  const result = floorspace(["check", ...args, ...asOf, "--format", "json"]);
  return { status: result.status, report: JSON.parse(result.stdout) as Report };
}

describe("targets are not requirements", () => {
  for (const pack of ["national-2022", "jiangsu-2022"]) {
    it(`${pack}: below target is counted apart, at info, and fails a run only with --fail-on target`, () => {
      const { status, report } = check([centers, "--rules", pack]);
      const targets = report.rules.filter((rule) => rule.standing === "target");
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.every((rule) => rule.severity === "info")).toBe(true);
      const fails = targets.reduce(
        (total, rule) => total + (report.summary.rules[rule.id]?.fail ?? 0),
        0,
      );
      expect(fails).toBeGreaterThan(0);
      expect(report.summary.belowTarget).toBe(fails);
      expect(report.summary.findings.error).toBe(0);
      expect(status).toBe(0);
      expect(check([centers, "--rules", pack, "--fail-on", "target"]).status).toBe(1);
      const markdown = floorspace([
        "check",
        centers,
        "--rules",
        pack,
        ...asOf,
        "--format",
        "markdown",
      ]);
      expect(markdown.stdout).toContain(`${fails} below target`);
    });
  }

  it("suzhou-2010's standards stay requirements, with no below-target count", () => {
    const { report } = check([centers]);
    expect(report.rules.some((rule) => rule.standing === "target")).toBe(false);
    expect(report.summary.belowTarget).toBeUndefined();
  });
});

describe("scopes are the documents' own", () => {
  const rural = join(work, "rural.csv");
  writeFileSync(
    rural,
    "community_id,name,district,community_type,zone,households,office_area\nR1,村社区,昆山市,rural,other,1000,250\n",
  );

  it("jiangsu-2022's target covers a rural community (the plan's urban and rural); national-2022's does not", () => {
    const jiangsu = check([rural, "--rules", "jiangsu-2022"]).report;
    expect(jiangsu.summary.rules["community-space-per-household"]).toMatchObject({ fail: 1 });
    const national = check([rural, "--rules", "national-2022"]).report;
    expect(national.summary.rules["community-space-per-household"]).toMatchObject({
      fail: 0,
      notApplicable: 1,
    });
  });
});

describe("sources named for what they are", () => {
  it("quotes the seed's words and a document's own text, never a news report or a summary", async () => {
    const suzhou = await loadPack("suzhou-2010");
    expect(citedClause(suzhou.tasks["4"], "en")).toMatch(/^“.+”$/);
    const national = await loadPack("national-2022");
    const clause = citedClause(national.tasks["101"], "en");
    expect(clause).not.toContain("“");
    expect(clause).toContain("(a news report, not the document's text)");
    const jiangsu = await loadPack("jiangsu-2022");
    expect(citedClause(jiangsu.tasks["201"], "zh")).toContain("(据文件原文概括,非原文措辞)");
  });

  it("compare says for each pack whether its figures are requirements or targets, and where read", () => {
    const comparison = JSON.parse(
      floorspace(["compare", centers, ...asOf, "--format", "json"]).stdout,
    ) as Comparison;
    expect(comparison.packs.map((pack) => [pack.id, pack.standing, pack.readIn.en])).toEqual([
      ["suzhou-2010", "requirement", "the policy's text (its task table)"],
      ["national-2022", "target", "news reports (the document not seen)"],
      ["jiangsu-2022", "target", "the document, summarised"],
    ]);
    const table = floorspace(["compare", centers, ...asOf]).stdout;
    expect(table).toContain("national-2022 below target");
    expect(table).toContain("suzhou-2010 short");
  });
});

describe("jiangsu-2011: the 2011 opinion's sizes, as secondary reports give them", () => {
  const centers2011 = join(root, "fixtures", "standards", "centers-2011.csv");

  it("judges service centers by level and every community by the opinion's figures (fixtures/standards/README.md)", () => {
    const { status, report } = check([centers2011, "--rules", "jiangsu-2011"]);
    expect(status).toBe(1);
    const fails = report.findings
      .filter((finding) => finding.outcome === "fail")
      .map((finding) => [finding.recordId, finding.ruleId, finding.shortfall]);
    expect(fails).toEqual([
      ["J2", "service-center-size", 0.01],
      ["J4", "service-center-size", 1],
      ["J6", "community-space-per-household", 50],
      ["J7", "community-space-city-minimum", 1],
    ]);
    expect(report.summary.rules["community-space-per-household"]).toMatchObject({
      pass: 3,
      fail: 1,
      notApplicable: 4,
    });
  });

  it("cites the opinion as known from secondary reports, quoting nothing", async () => {
    const pack = await loadPack("jiangsu-2011");
    for (const task of ["301", "302", "303"]) {
      expect(pack.tasks[task]?.document?.sourceKind).toBe("secondary-report");
      expect(citedClause(pack.tasks[task], "en")).not.toContain("“");
    }
  });
});

describe("national-2022 is for pilot communities", () => {
  it("a register's pilot column (是否试点) leaves the communities marked as no pilot uncovered", () => {
    const register = join(work, "pilot.csv");
    writeFileSync(
      register,
      "社区编号,社区名称,所属区,社区类型,户数,办公用房面积,居民活动用房面积,是否试点\nP1,试点社区,昆山市,城市社区,1000,250,140,是\nP2,非试点社区,昆山市,城市社区,1000,250,140,否\n",
    );
    const { report } = check([register, "--rules", "national-2022"]);
    const fails = report.findings
      .filter((finding) => finding.outcome === "fail")
      .map((finding) => [finding.recordId, finding.ruleId]);
    expect(fails).toEqual([
      ["P1", "community-space-per-household"],
      ["P1", "community-activity-share"],
    ]);
    expect(report.summary.rules["community-space-per-household"]).toMatchObject({
      notApplicable: 1,
    });
  });
});

describe("a target is a standard in the district table too", () => {
  it("a community below a target is not compliant, nor one whose target could not be checked", () => {
    const below = join(work, "below-target.csv");
    writeFileSync(
      below,
      "community_id,name,district,community_type,households,office_area,activity_area\nS1,甲社区,昆山市,urban,1000,250,200\n",
    );
    expect(
      check([below, "--rules", "national-2022"]).report.summary.districts.昆山市,
    ).toMatchObject({
      compliant: 0,
      failing: 1,
    });
    // No activity_area column: the 60 % target is not checked, so the community is unchecked.
    const unchecked = join(work, "no-activity.csv");
    writeFileSync(
      unchecked,
      "community_id,name,district,community_type,households,office_area\nS1,甲社区,昆山市,urban,1000,400\n",
    );
    expect(
      check([unchecked, "--rules", "national-2022"]).report.summary.districts.昆山市,
    ).toMatchObject({ compliant: 0, unchecked: 1 });
  });
});
