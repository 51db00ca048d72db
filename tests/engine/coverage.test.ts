import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/index.js";
import type { Report } from "../../src/model/report.js";
import { evaluate } from "../../src/pipeline/evaluate.js";
import { loadPack } from "../../src/pipeline/packs.js";
import { loadFormatter } from "../../src/report/registry.js";
import { floorspace } from "../helpers/cli.js";

/**
 * No silent pass: a record the standard covers is judged, or reported as not judged with the
 * reason. Hand-worked verdicts on the files of fixtures/coverage/.
 */
const root = join(import.meta.dirname, "..", "..");
const pack = await loadPack("suzhou-2010");
const options = {
  asOf: "2026-11-01",
  lang: "en" as const,
  tool: { name: "floorspace", version: "t" },
};
const fixture = (name: string) => join("fixtures", "coverage", name);

async function audit(...names: string[]): Promise<Report> {
  const inputs = await Promise.all(names.map((name) => ingestFile(join(root, fixture(name)))));
  return await evaluate({ inputs }, pack, options);
}

describe("a column the tool does not recognise", async () => {
  const report = await audit("estates-unrecognised-columns.csv");

  it("leaves the rule not checked, never passed or not applicable", () => {
    expect(report.summary.rules["estate-space-synchronous"]).toEqual({
      pass: 0,
      fail: 0,
      unknown: 0,
      notApplicable: 0,
      eligible: 0,
      notChecked: 3,
    });
    // E3 is built in two phases, and the file has no column saying where the space is.
    expect(report.summary.rules["estate-space-phase-one"]).toMatchObject({
      notApplicable: 2,
      notChecked: 1,
    });
  });

  it("reports it once per file and rule, naming the columns and the likeliest header", () => {
    const findings = report.findings.filter((finding) => finding.outcome === "not-checked");
    expect(findings.map((finding) => [finding.ruleId, finding.severity, finding.line])).toEqual([
      ["estate-space-phase-one", "warning", 1],
      ["estate-space-synchronous", "warning", 1],
      // A process record registers seldom carry: info, once (see estate-joint-consultation).
      ["estate-joint-consultation", "info", 1],
    ]);
    expect(findings[1]?.message).toBe(
      "not checked on 3 rows: the file has no 交付日期 / estate_delivery_date; '房屋交付时间' may be 交付日期 / estate_delivery_date (rename the column or map it with --columns)",
    );
    expect(report.summary.notChecked).toEqual([
      expect.objectContaining({
        ruleId: "estate-space-phase-one",
        rows: 1,
        needs: [{ column: "community_space_phase", header: "社区用房期次" }],
      }),
      expect.objectContaining({
        ruleId: "estate-space-synchronous",
        rows: 3,
        needs: [{ column: "estate_delivery_date", header: "交付日期" }],
        suggestions: [{ header: "房屋交付时间", column: "estate_delivery_date" }],
        quiet: false,
        severity: "warning",
      }),
      expect.objectContaining({
        ruleId: "estate-joint-consultation",
        quiet: true,
        severity: "info",
      }),
    ]);
  });

  it("counts its records as unchecked, not compliant, and the verdict says so", async () => {
    expect(report.summary.districts.吴中区).toMatchObject({
      records: 3,
      compliant: 0,
      unchecked: 3,
      complianceRate: 0,
    });
    expect(report.summary.recordsNotChecked).toBe(3);
    for (const format of ["table", "markdown", "html"] as const) {
      const output = await loadFormatter(format);
      const text = String(output(report, { lang: "en", color: false }));
      expect(text, format).toContain("3 rules not checked on 3 rows");
      expect(text, format).not.toMatch(/Passing|No findings/);
    }
  });

  it("exits 1 from the command line, and --require-rules names what was not judged", () => {
    const file = fixture("estates-unrecognised-columns.csv");
    const plain = floorspace(["check", file, "--as-of", "2026-11-01"], { LANG: "en_US.UTF-8" });
    expect(plain.status).toBe(1);
    expect(plain.stdout).toContain("3 rules not checked on 3 rows");
    const sarif = JSON.parse(
      floorspace(["check", file, "--as-of", "2026-11-01", "--format", "sarif"]).stdout,
    );
    expect(sarif.runs[0].properties.coverage["estate-space-synchronous"].notChecked).toBe(3);
    const junit = floorspace(["check", file, "--as-of", "2026-11-01", "--format", "junit"]);
    expect(junit.stdout).toContain(
      'skipped message="not checked: the file has no estate_delivery_date"',
    );
    const turnedOff = [
      "check",
      file,
      "--as-of",
      "2026-11-01",
      "--rule",
      "estate-space-synchronous=off",
      "--rule",
      "estate-space-phase-one=off",
      // The file keeps no consultation numbers either: --require-rules all would name it.
      "--rule",
      "estate-joint-consultation=off",
    ];
    expect(floorspace(turnedOff).status).toBe(0);
    const required = floorspace([...turnedOff, "--require-rules", "all"]);
    expect(required.status).toBe(0);
    const strict = floorspace([
      "check",
      file,
      "--as-of",
      "2026-11-01",
      "--require-rules",
      "estate-space-per-household,estate-space-synchronous",
      "--fail-on",
      "never",
    ]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain(
      "--require-rules: estate-space-synchronous was not judged on 3 records (unknown 0, not checked 3)",
    );
    expect(strict.stderr).not.toContain("estate-space-per-household");
    const wrong = floorspace(["check", file, "--require-rules", "no-such-rule"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("no rule 'no-such-rule'");
  });
});

describe("headers broken over two lines (Alt+Enter) with units in brackets", async () => {
  const report = await audit("estates-alt-enter-headers.csv");

  it("recognises every column and finds the late delivery", () => {
    expect(report.notices).toEqual([]);
    // Only the process record such registers never carry (info, once).
    expect(report.summary.notChecked.map((entry) => [entry.ruleId, entry.quiet])).toEqual([
      ["estate-joint-consultation", true],
    ]);
    const late = report.findings.find((finding) => finding.ruleId === "estate-space-synchronous");
    expect(late).toMatchObject({ recordId: "E1", outcome: "fail", line: 8 });
    expect(late?.message).toContain("184 days after the homes");
  });
});

describe("household sums that leave rejected estate rows out", async () => {
  const report = await audit("estates-rejected-rows.csv", "centers-linked.csv");
  const verdict = (ruleId: string, recordId: string) =>
    report.findings.find((finding) => finding.ruleId === ruleId && finding.recordId === recordId);

  it("never passes a community whose sum lacks a rejected row", () => {
    expect(report.summary.rejected).toBe(2);
    // C1: E1 (1000) counted, E2 rejected. 500 m² would pass 0.2 × 1000; it cannot be decided.
    expect(verdict("community-space-per-household", "C1")).toMatchObject({
      outcome: "unknown",
      severity: "warning",
      details: { households: 1000, leftOut: 1 },
    });
    expect(verdict("community-space-per-household", "C1")?.message).toBe(
      "meets the standard for the 1000 households summed over its estates, but the sum leaves out rejected estate rows (1): cannot decide",
    );
  });

  it("tells 'all its estates were rejected' from 'no estate names it'", () => {
    // C4's only estate (E5) was rejected for negative households.
    expect(verdict("community-space-per-household", "C4")).toMatchObject({
      outcome: "unknown",
      details: { leftOut: 1 },
    });
    expect(verdict("community-space-per-household", "C4")?.message).toContain("were rejected");
  });

  it("judges the communities whose sums are whole, and keeps a failure found on a sum", () => {
    expect(verdict("community-space-per-household", "C2")).toBeUndefined();
    expect(report.summary.coverage["community-space-per-household"]).toMatchObject({
      judged: 3,
      pass: 2,
      fail: 1,
      unknown: 2,
      unknownReasons: { partialSum: 1, linkedRejected: 1 },
    });
    expect(verdict("community-space-per-household", "C3")).toMatchObject({
      outcome: "fail",
      shortfall: 100,
    });
  });
});

describe("a file that carries every column", () => {
  it("leaves nothing unchecked on the sample data but the two records it does not keep", async () => {
    const report = await evaluate(
      {
        inputs: await Promise.all(
          ["estates.csv", "centers.csv"].map((name) =>
            ingestFile(join(root, "fixtures", "suzhou-sample", name)),
          ),
        ),
      },
      pack,
      options,
    );
    // The sample register keeps no consultation numbers (task 6) and no center levels (task 1):
    // those two rules are reported once each as info; every other rule judged every record.
    const quiet = ["estate-joint-consultation", "township-service-center"];
    expect(report.summary.notChecked.map((entry) => [entry.ruleId, entry.quiet])).toEqual(
      quiet.map((ruleId) => [ruleId, true]),
    );
    for (const [ruleId, counts] of Object.entries(report.summary.rules)) {
      if (!quiet.includes(ruleId)) expect(counts.notChecked, ruleId).toBe(0);
    }
  });
});

describe("placeholders people type into cells the form forbids leaving blank", async () => {
  const report = await audit("estates-placeholders.csv");
  const of = (recordId: string) =>
    report.findings
      .filter((finding) => finding.recordId === recordId)
      .map((finding) => [finding.ruleId, finding.outcome]);

  it("reads them as 'not given' in optional cells: 无 is no filing, — no date", () => {
    expect(of("E1")).toEqual([
      ["estate-space-synchronous", "unknown"],
      ["space-filing", "fail"],
    ]);
    expect(of("E3")).toEqual([["estate-space-synchronous", "unknown"]]);
  });

  it("gives the missing-value error in a required cell, naming the placeholder", () => {
    expect(report.inputErrors).toEqual([
      expect.objectContaining({
        code: "missing-value",
        line: 3,
        column: "households",
        value: "暂无",
        message:
          "required column 户数 (households) is empty ('暂无' stands for no value: fill it in)",
      }),
    ]);
    expect(report.inputs[0]).toMatchObject({ records: 3, valid: 2, rejected: 1 });
  });
});

describe("a did-you-mean for headers the tool does not know", async () => {
  const { ingestBytes } = await import("../../src/ingest/index.js");

  it("names the likeliest column for a missing required one and for unknown headers", async () => {
    const input = ingestBytes(
      Buffer.from(
        "小区编号,小区名称,所属区,户口数,社区用房面积,房屋交付时间\nE1,a,吴中区,10,4,2014-01-01\n",
      ),
      "e.csv",
    );
    const report = await evaluate({ inputs: [input] }, pack, options);
    expect(report.inputErrors[0]?.message).toBe(
      "required column households (户数) is missing; '户口数' may be 户数 / households (rename it or map it with --columns)",
    );
    expect(report.notices[0]?.message).toContain(
      "'房屋交付时间' may be 交付日期 / estate_delivery_date",
    );
  });
});

describe("an estates file whose community link column is renamed", async () => {
  const { ingestBytes } = await import("../../src/ingest/index.js");
  const estates = ingestBytes(
    Buffer.from(
      "小区编号,小区名称,所属区,社区编号X,户数,土地出让日期,社区用房面积,总期数,交付日期,社区用房交付日期,备案号码\nE1,a,姑苏区,C1,1000,2012-01-01,400,1,2014-01-01,2014-01-01,F1\nE2,b,姑苏区,C1,3000,2012-01-01,1200,1,2014-01-01,2014-01-01,F2\n",
    ),
    "e.csv",
  );
  const centers = ingestBytes(
    Buffer.from(
      "社区编号,社区名称,所属区,社区类型,户数,办公用房面积,备案编号\nC1,x,姑苏区,城市社区,1000,500,F\nC2,y,姑苏区,城市社区,,500,F\n",
    ),
    "c.csv",
  );
  const report = await evaluate({ inputs: [estates, centers] }, pack, options);

  it("never passes the household check it cannot make, nor sums households it cannot link", () => {
    // C1's estates hold 4,000 households against its own 1,000: unlinked, that is not a pass.
    expect(report.summary.rules["community-households-consistent"]).toMatchObject({
      pass: 0,
      notChecked: 2,
    });
    const c2 = report.findings.find(
      (finding) => finding.recordId === "C2" && finding.ruleId === "community-space-per-household",
    );
    expect(c2).toMatchObject({ outcome: "unknown" });
    expect(c2?.message).toBe(
      "households not given, and the estates file has no community_id column to count them from",
    );
  });

  it("counts no record compliant while a rule, even a quiet one, went unchecked on it", () => {
    expect(report.summary.districts.姑苏区).toMatchObject({ compliant: 0, unchecked: 3 });
    expect(report.summary.notChecked.map((entry) => [entry.ruleId, entry.severity])).toEqual([
      ["space-filing", "info"],
      ["estate-community-exists", "info"],
      ["estate-joint-consultation", "info"],
      ["community-households-consistent", "info"],
    ]);
  });
});
