import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseHeader, combineRows } from "../../src/ingest/header-row.js";
import { ingestFile } from "../../src/ingest/index.js";
import { nonRecordKind } from "../../src/ingest/non-records.js";
import { evaluate } from "../../src/pipeline/evaluate.js";
import { loadPack } from "../../src/pipeline/packs.js";
import { floorspace, root } from "../helpers/cli.js";

/** District forms: the header found under a title, two-row headers, totals and footer rows. */
const pack = await loadPack("suzhou-2010");
const options = {
  asOf: "2026-11-01",
  lang: "en" as const,
  tool: { name: "floorspace", version: "t" },
};
const form = (name: string) => join(root, "fixtures", "forms", name);

async function audit(name: string) {
  const input = await ingestFile(form(name));
  return { input, report: await evaluate({ inputs: [input] }, pack, options) };
}

describe("a form with a title, a unit line, totals and signatures", async () => {
  const { input, report } = await audit("wuzhong-form.csv");

  it("finds the header on line 3 and says so", () => {
    expect(input.headerLine).toBe(3);
    expect(report.notices[0]).toMatchObject({
      code: "header-row",
      line: 3,
      message:
        "the header is on line 3; the 2 row(s) above it (a title, a unit line) are not records",
    });
  });

  it("skips the totals, signature and note rows, each with a notice, and counts them", () => {
    const skipped = report.notices.filter((notice) => notice.code === "skipped-row");
    expect(skipped.map((notice) => notice.line)).toEqual([7, 8, 9]);
    expect(report.inputs[0]).toMatchObject({ records: 6, valid: 3, rejected: 0, skipped: 3 });
    expect(report.inputErrors).toEqual([]);
  });

  it("gives the hand-worked verdicts", () => {
    expect(
      report.findings.map((finding) => [finding.recordId, finding.ruleId, finding.outcome]),
    ).toEqual([
      // The form keeps no 会商编号: told once, as info.
      ["", "estate-joint-consultation", "not-checked"],
      ["WZ001", "estate-space-synchronous", "fail"],
      ["WZ002", "estate-space-per-household", "fail"],
      ["WZ003", "space-filing", "fail"],
    ]);
    expect(report.summary.notChecked.map((entry) => [entry.ruleId, entry.quiet])).toEqual([
      ["estate-joint-consultation", true],
    ]);
  });
});

describe("a header in two rows", async () => {
  const { input, report } = await audit("two-row-header.csv");

  it("combines the group row with the field row", () => {
    expect(input.headerLine).toBe(3);
    expect(input.columns).toEqual(
      expect.arrayContaining([
        "community_space_area",
        "community_space_phase",
        "community_space_delivery_date",
        "estate_delivery_date",
        "phases",
      ]),
    );
    expect(report.notices[0]?.message).toContain("combined from the two rows 2–3");
  });

  it("gives the hand-worked verdicts", () => {
    expect(
      report.findings.map((finding) => [finding.recordId, finding.ruleId, finding.outcome]),
    ).toEqual([
      ["", "estate-space-per-household", "not-checked"],
      ["", "estate-joint-consultation", "not-checked"],
      ["XC002", "estate-space-phase-one", "fail"],
      ["XC002", "estate-space-synchronous", "fail"],
    ]);
    expect(report.inputs[0]).toMatchObject({ records: 3, valid: 2, skipped: 1 });
  });
});

describe("choosing the header", () => {
  const quality = Object.assign(
    (fields: readonly string[]) => ({
      usable: fields.includes("id") && fields.includes("area"),
      score: fields.filter((field) => ["id", "area", "name"].includes(field)).length,
    }),
    { knows: (header: string) => ["id", "area", "name", "spacearea"].includes(header) },
  );
  const row = (line: number, ...fields: string[]) => ({ line, fields });

  it("takes the first row when it is a header, without looking further", () => {
    expect(chooseHeader([row(1, "id", "area")], quality, false)).toMatchObject({ how: "first" });
  });

  it("waits for more rows while none is a header, then takes the best", () => {
    expect(chooseHeader([row(1, "title")], quality, false)).toBeUndefined();
    expect(chooseHeader([row(1, "title"), row(2, "id", "name")], quality, true)).toMatchObject({
      how: "guess",
      header: { line: 2 },
    });
  });

  it("obeys --header-row", () => {
    expect(chooseHeader([row(1, "id", "area"), row(2, "x", "y")], quality, false, 2)).toMatchObject(
      { how: "given", header: { line: 2 }, above: [{ line: 1 }] },
    );
  });

  it("spans a merged group over the blank cells to its right", () => {
    expect(
      combineRows(row(1, "id", "space", ""), row(2, "", "area", "name"), quality.knows),
    ).toEqual(row(2, "id", "spacearea", "name"));
  });

  it("tells totals and footer rows from records", () => {
    expect(nonRecordKind(["", "合 计", "", "3300"])).toBe("total");
    expect(nonRecordKind(["小计", ""])).toBe("total");
    expect(nonRecordKind(["填报单位：吴中区民政局", "", "填报人：张三"])).toBe("footer");
    expect(nonRecordKind(["注：面积为建筑面积"])).toBe("footer");
    expect(nonRecordKind(["E1", "合家欢花园", "吴中区"])).toBeUndefined();
    expect(nonRecordKind(["E1", "小区", "吴中区", "合计"])).toBeUndefined();
  });
});

describe("--header-row on the command line", () => {
  it("overrides the search, and a wrong one says what is missing at that line", () => {
    const right = floorspace([
      "validate",
      form("wuzhong-form.csv"),
      "--header-row",
      "3",
      "--format",
      "json",
    ]);
    expect(JSON.parse(right.stdout).inputs[0]).toMatchObject({ valid: 3, skipped: 3 });
    const wrong = floorspace([
      "validate",
      form("wuzhong-form.csv"),
      "--header-row",
      "4",
      "--format",
      "json",
    ]);
    expect(wrong.status).toBe(2);
    expect(JSON.parse(wrong.stdout).inputErrors[0]).toMatchObject({ line: 4 });
  });
});

describe("values as Excel writes them", async () => {
  const { parseDate, parseInteger } = await import("../../src/ingest/values.js");
  const { ingestBytes } = await import("../../src/ingest/index.js");

  it("reads Excel date serials in a date column, and 万 in a count", () => {
    expect(parseDate("40179")).toEqual({ ok: true, value: "2010-01-01" });
    expect(parseDate("40178")).toEqual({ ok: true, value: "2009-12-31" });
    expect(parseDate("12345")).toEqual({ ok: false, expected: "date" });
    expect(parseInteger("1.2万")).toEqual({ ok: true, value: 12_000 });
    expect(parseInteger("1.2万户")).toEqual({ ok: true, value: 12_000 });
    expect(parseInteger("1.23456万")).toEqual({ ok: false, expected: "integer" });
  });

  it("gives a code Excel shortened to scientific notation its own error", () => {
    const input = ingestBytes(
      Buffer.from(
        "estate_id,name,district,households,community_space_area\n3.20506E+11,a,吴中区,10,4\n",
      ),
      "e.csv",
    );
    expect(input.problems.map((item) => [item.code, item.line, item.value])).toEqual([
      ["shortened-id", 2, "3.20506E+11"],
    ]);
    expect(input.rejected).toBe(1);
  });
});

describe("merged cells exported to CSV", () => {
  const file = join(root, "test-output", "merged.csv");
  it("says how to fill a blank required cell, and --fill-down fills it from the row above", async () => {
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(join(root, "test-output"), { recursive: true });
    writeFileSync(
      file,
      "小区编号,小区名称,所属区,户数,社区用房面积,总期数,交付日期,社区用房交付日期,备案编号\nE1,a,吴中区,1000,400,1,,,F1\nE2,b,,1000,300,1,,,F2\nE3,c,相城区,500,200,1,,,F3\n",
    );
    const plain = JSON.parse(floorspace(["validate", file, "--format", "json"]).stdout);
    expect(plain.inputErrors[0]).toMatchObject({
      code: "missing-value",
      line: 3,
      message:
        "required column 所属区 (district) is empty (if it was a merged cell, --fill-down 所属区 fills it from the row above)",
    });
    const filled = JSON.parse(
      floorspace([
        "check",
        file,
        "--fill-down",
        "所属区",
        "--format",
        "json",
        "--as-of",
        "2026-11-01",
      ]).stdout,
    );
    expect(filled.inputs[0]).toMatchObject({ valid: 3, rejected: 0 });
    // E2 took 吴中区 from E1: its 300 m² for 1,000 households is judged there.
    expect(
      filled.findings
        .filter((finding: { recordId: string }) => finding.recordId === "E2")
        .map((finding: { district: string; outcome: string }) => [
          finding.district,
          finding.outcome,
        ]),
    ).toEqual([]);
    expect(filled.summary.districts.吴中区.records).toBe(2);
  });
});
