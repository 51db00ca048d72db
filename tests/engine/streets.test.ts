import { describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/ingest/index.js";
import { evaluate } from "../../src/pipeline/evaluate.js";
import { loadPack } from "../../src/pipeline/packs.js";

/**
 * Task 1: every street and town the data names has a street- or town-level multi-function
 * service center. Judged once per street, at the first record naming it, in any file.
 */
const pack = await loadPack("suzhou-2010");
const options = {
  asOf: "2026-11-01",
  lang: "en" as const,
  tool: { name: "floorspace", version: "t" },
};
const estates = ingestBytes(
  Buffer.from(
    [
      "estate_id,name,district,subdistrict,households,community_space_area,phases",
      "E1,a,吴中区,长桥街道,100,40,1",
      "E2,b,昆山市,玉山镇,100,40,1",
      "E3,c,姑苏区,沧浪街道,100,40,1",
      "E4,d,姑苏区,沧浪街道,100,40,1",
    ].join("\n"),
  ),
  "estates.csv",
);
const centers = (level: boolean) =>
  ingestBytes(
    Buffer.from(
      [
        `community_id,name,district,subdistrict,community_type,households,office_area${level ? ",层级" : ""}`,
        `C1,长桥街道社区服务中心,吴中区,长桥街道,urban,1000,800${level ? ",街道" : ""}`,
        `C2,玉山一社区,昆山市,玉山镇,urban,1000,400${level ? ",社区" : ""}`,
        `C3,玉山镇服务中心,昆山市,玉山镇,urban,1000,900${level ? "," : ""}`,
      ].join("\n"),
    ),
    "centers.csv",
  );

describe("township-service-center", () => {
  it("names each street without a service center once, at the first record naming it", async () => {
    const report = await evaluate({ inputs: [estates, centers(true)] }, pack, options);
    const findings = report.findings.filter(
      (finding) => finding.ruleId === "township-service-center",
    );
    expect(
      findings.map((finding) => [finding.outcome, finding.file, finding.line, finding.recordId]),
    ).toEqual([
      ["fail", "estates.csv", 3, "E2"],
      ["fail", "estates.csv", 4, "E3"],
    ]);
    expect(findings[0]?.message).toBe(
      "昆山市 玉山镇 has no street- or town-level multi-function service center (no center record of level street or town)",
    );
    expect(findings[0]?.task).toBe(1);
    expect(report.summary.rules["township-service-center"]).toMatchObject({ pass: 1, fail: 2 });
  });

  it("is unknown per street where no center gives a level, and not checked once without the column", async () => {
    const blank = ingestBytes(
      Buffer.from(
        "community_id,name,district,subdistrict,community_type,households,office_area,层级\nC1,x,吴中区,长桥街道,urban,1000,800,\n",
      ),
      "blank.csv",
    );
    const unknown = await evaluate({ inputs: [estates, blank] }, pack, options);
    expect(unknown.summary.rules["township-service-center"]).toMatchObject({ unknown: 3, fail: 0 });
    const without = await evaluate({ inputs: [estates, centers(false)] }, pack, options);
    const notChecked = without.findings.filter(
      (finding) => finding.ruleId === "township-service-center",
    );
    expect(notChecked.map((finding) => [finding.outcome, finding.severity])).toEqual([
      ["not-checked", "info"],
    ]);
    expect(
      without.summary.notChecked.find((entry) => entry.ruleId === "township-service-center"),
    ).toMatchObject({
      rows: 3,
      quiet: true,
      needs: [{ column: "level" }],
    });
  });
});
