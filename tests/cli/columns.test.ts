import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { floorspace, root } from "../helpers/cli.js";

/** A user's own header names: --columns FILE, a pack's `columns`, and `init --columns`. */
const work = join(root, "test-output", "columns");
mkdirSync(work, { recursive: true });
const file = join("fixtures", "coverage", "estates-unrecognised-columns.csv");
const asOf = ["--as-of", "2026-11-01", "--format", "json"];

describe("--columns", () => {
  it("maps a header no list knows to its column, so the rule is judged", () => {
    const map = join(work, "map.json");
    writeFileSync(
      map,
      JSON.stringify({
        房屋交付时间: "estate_delivery_date",
        用房移交时点: "community_space_delivery_date",
      }),
    );
    const before = JSON.parse(floorspace(["check", file, ...asOf]).stdout);
    expect(before.summary.rules["estate-space-synchronous"].notChecked).toBe(3);
    const result = floorspace(["check", file, ...asOf, "--columns", map]);
    const report = JSON.parse(result.stdout);
    expect(report.summary.rules["estate-space-synchronous"]).toMatchObject({
      pass: 2,
      fail: 1,
      notChecked: 0,
    });
    const late = report.findings.find(
      (finding: { ruleId: string }) => finding.ruleId === "estate-space-synchronous",
    );
    expect(late).toMatchObject({ recordId: "E1", details: { days: 184 } });
    // validate reads the same headers the same way.
    const validated = JSON.parse(
      floorspace(["validate", file, "--format", "json", "--columns", map]).stdout,
    );
    expect(validated.notices).toEqual([]);
  });

  it("refuses a map naming no column, or not JSON, with a usage error", () => {
    const wrong = join(work, "wrong.json");
    writeFileSync(wrong, JSON.stringify({ 交房: "delivery" }));
    const result = floorspace(["check", file, "--columns", wrong]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`"交房": no column 'delivery'`);
    const broken = join(work, "broken.json");
    writeFileSync(broken, "{");
    expect(floorspace(["check", file, "--columns", broken]).stderr).toContain("not JSON");
    expect(floorspace(["check", file, "--columns", join(work, "absent.json")]).stderr).toContain(
      "no such file: give the path of the columns file",
    );
  });

  it("comes from a pack's columns section too, the command line winning", () => {
    const pack = join(work, "local-pack.json");
    writeFileSync(
      pack,
      JSON.stringify({
        id: "local",
        title: { zh: "本地", en: "local" },
        extends: "suzhou-2010",
        columns: {
          房屋交付时间: "estate_delivery_date",
          用房移交时点: "community_space_delivery_date",
        },
      }),
    );
    const report = JSON.parse(floorspace(["check", file, ...asOf, "--rules", pack]).stdout);
    expect(report.summary.rules["estate-space-synchronous"].notChecked).toBe(0);
    const badPack = join(work, "bad-pack.json");
    writeFileSync(
      badPack,
      JSON.stringify({
        id: "bad",
        title: { zh: "坏", en: "bad" },
        extends: "suzhou-2010",
        columns: { 交房: "delivery" },
      }),
    );
    const refused = floorspace(["check", file, "--rules", badPack]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("no column 'delivery'");
  });

  it("init --columns writes a map to edit, which reads the templates' own headers", () => {
    const dir = join(work, "init");
    expect(floorspace(["init", dir, "--columns", "--force"]).status).toBe(0);
    const skeleton = JSON.parse(readFileSync(join(dir, "columns.json"), "utf8"));
    expect(skeleton.columns).toMatchObject({
      小区编号: "estate_id",
      社区用房交付日期: "community_space_delivery_date",
      社区类型: "community_type",
    });
    const sample = join("fixtures", "suzhou-sample", "estates.csv");
    const mapped = floorspace(["check", sample, ...asOf, "--columns", join(dir, "columns.json")]);
    const plain = floorspace(["check", sample, ...asOf]);
    expect(mapped.stdout).toBe(plain.stdout);
  });
});
