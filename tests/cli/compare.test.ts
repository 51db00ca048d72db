import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/model/report.js";
import type { Comparison } from "../../src/report/compare.js";
import { floorspace, root } from "../helpers/cli.js";

/**
 * fixtures/standards: communities between 0.2 and 0.3 m² per household and below a 60 % activity
 * share, worked by hand under each pack (the table in its README). `compare` must give those
 * counts, and `check --rules PACK` the verdicts they come from.
 */
const centers = join(root, "fixtures", "standards", "centers.csv");
const asOf = ["--as-of", "2026-11-01", "--lang", "en"];

function verdicts(pack: string): Record<string, string> {
  const report = JSON.parse(
    floorspace(["check", centers, "--rules", pack, ...asOf, "--format", "json"]).stdout,
  ) as Report;
  const result: Record<string, string> = {};
  for (const id of ["S1", "S2", "S3", "S4", "S5", "S7"]) {
    // The pack's standards: its rules at error (an unknown verdict is reported as a warning),
    // and its targets (reported as info: below a target is not a breach).
    const standards = new Set(
      report.rules
        .filter(
          (rule) =>
            rule.severity === "error" || (rule.standing === "target" && rule.severity !== "off"),
        )
        .map((rule) => rule.id),
    );
    const findings = report.findings.filter(
      (finding) => finding.recordId === id && standards.has(finding.ruleId),
    );
    const fail = findings.filter((finding) => finding.outcome === "fail");
    result[id] =
      fail.length > 0
        ? `short ${Math.max(...fail.map((finding) => finding.shortfall ?? 0))}`
        : findings.some((finding) => finding.outcome === "unknown")
          ? "undecided"
          : "meets";
  }
  return result;
}

describe("three standards on one register", () => {
  it("judges each community as worked by hand, pack by pack", () => {
    expect(verdicts("suzhou-2010")).toEqual({
      S1: "meets",
      S2: "meets",
      S3: "meets",
      S4: "short 50",
      S5: "short 10",
      S7: "meets",
    });
    expect(verdicts("national-2022")).toEqual({
      S1: "short 50",
      S2: "short 10",
      S3: "meets",
      S4: "meets",
      S5: "short 210",
      S7: "undecided",
    });
    expect(verdicts("jiangsu-2022")).toEqual({
      S1: "short 50",
      S2: "meets",
      S3: "meets",
      S4: "meets",
      S5: "short 210",
      S7: "meets",
    });
  });

  it("compare counts per district what those verdicts add up to", () => {
    const result = floorspace([
      "compare",
      centers,
      "--rules",
      "suzhou-2010",
      "--rules",
      "national-2022",
      "--rules",
      "jiangsu-2022",
      ...asOf,
      "--format",
      "json",
    ]);
    expect(result.status).toBe(0);
    const comparison = JSON.parse(result.stdout) as Comparison;
    expect(comparison.packs.map((pack) => pack.id)).toEqual([
      "suzhou-2010",
      "national-2022",
      "jiangsu-2022",
    ]);
    const tally = (meets: number, short: number, undecided: number, shortfall: number) => ({
      meets,
      short,
      undecided,
      notCovered: 0,
      shortfall,
    });
    expect(comparison.areas).toEqual([
      {
        area: "姑苏区",
        communities: 1,
        packs: {
          "suzhou-2010": tally(0, 1, 0, 50),
          "national-2022": tally(1, 0, 0, 0),
          "jiangsu-2022": tally(1, 0, 0, 0),
        },
      },
      {
        area: "昆山市",
        communities: 5,
        packs: {
          "suzhou-2010": tally(4, 1, 0, 10),
          "national-2022": tally(1, 3, 1, 270),
          "jiangsu-2022": tally(3, 2, 0, 260),
        },
      },
    ]);
    expect(comparison.total.packs["national-2022"]).toEqual(tally(2, 3, 1, 270));
  });

  it("carries the comparison as markdown and as a self-contained HTML page", () => {
    const markdown = floorspace(["compare", centers, ...asOf, "--format", "markdown"]).stdout;
    expect(markdown).toContain("| 昆山市 | 5 | 4 | 1 | 0 | 0 | 10.00 |");
    const html = floorspace(["compare", centers, ...asOf, "--format", "html"]).stdout;
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<th scope="row">昆山市</th>');
  });

  it("needs two packs and a centers file", () => {
    const one = floorspace(["compare", centers, "--rules", "suzhou-2010"]);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain("two or more rule packs");
  });
});

describe("the packs of later standards cite their documents", () => {
  it.each([
    [
      "national-2022",
      "community-activity-share",
      "住房和城乡建设部办公厅、民政部办公厅",
      "2022-10",
      /^news reports of the notice/,
    ],
    [
      "jiangsu-2022",
      "community-space-per-household",
      "江苏省人民政府办公厅",
      "2022-07-23",
      /^the plan as republished online/,
    ],
  ])(
    "%s: %s cites the document, its issuer and date, and where it was read",
    (pack, rule, issuer, date, source) => {
      const report = JSON.parse(
        floorspace(["check", centers, "--rules", pack, ...asOf, "--format", "json"]).stdout,
      ) as Report;
      const basis = report.rules.find((each) => each.id === rule)?.basis;
      expect(basis?.document?.issuer).toBe(issuer);
      expect(basis?.document?.date).toBe(date);
      expect(basis?.document?.source).toMatch(source);
      expect(basis?.clause).toMatch(/30 平方米|60%/);
      const explained = floorspace(["explain", rule, "--rules", pack, "--lang", "en"]).stdout;
      expect(explained).toContain(issuer);
      expect(explained).toContain("as read in");
    },
  );
});

describe("compare and retrofit say what they could not read", () => {
  it("retrofit lists its input errors in Markdown and HTML as its table does", () => {
    const bomb = join(root, "fixtures", "workbooks", "bomb.xlsx");
    for (const format of ["table", "markdown", "html"]) {
      const result = floorspace(["retrofit", bomb, ...asOf, "--format", format]);
      expect(result.status).toBe(2);
      expect(result.stdout).toContain("workbook-too-large");
    }
  });

  it("lists the input errors in every format, and names a file it could not read instead of asking for a centers file", () => {
    const bomb = join(root, "fixtures", "workbooks", "bomb.xlsx");
    for (const format of ["table", "markdown", "html"]) {
      const result = floorspace(["compare", bomb, ...asOf, "--format", format]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain("workbook-too-large");
    }
    const json = JSON.parse(floorspace(["compare", bomb, ...asOf, "--format", "json"]).stdout);
    expect(json.inputErrors[0].code).toBe("workbook-too-large");
    // An estates file alone, read well, is still told that compare needs the centers.
    const estates = join(root, "fixtures", "suzhou-sample", "estates-en.csv");
    const alone = floorspace(["compare", estates, ...asOf]);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain("give the centers file");
  });
});
