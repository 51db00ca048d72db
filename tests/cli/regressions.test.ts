import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/ingest/values.js";
import { uriOf } from "../../src/report/locations.js";
import { floorspace, root, sample } from "../helpers/cli.js";

/** The smaller cases of the second adversarial pass, each with its expected code and output. */
const work = join(root, "test-output", "regressions");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

function pack(name: string, body: object): string {
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify({ id: name, title: { zh: name, en: name }, ...body }));
  return path;
}

describe("rule packs", () => {
  it("refuses a rate so large that products would stop being exact", () => {
    const path = pack("huge", {
      extends: "suzhou-2010",
      parameters: { communityRate: "9000000000" },
    });
    const result = floorspace(["check", sample("centers.csv"), "--rules", path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("expected a rate of at most 100 m² per household");
  });

  it("refuses a date that is not a day of the calendar", () => {
    const path = pack("bad-date", {
      extends: "suzhou-2010",
      parameters: { estateRates: [{ from: "2010-99-99", rate: 0.4 }] },
    });
    const result = floorspace(["rules", "--rules", path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("expected a real calendar day");
  });

  it("never quotes the file an extends names", () => {
    const secret = join(work, "secret.txt");
    writeFileSync(secret, "root:x:0:0:secret-hash:/root:/bin/bash\n");
    const path = pack("nosy", { extends: secret });
    const result = floorspace(["rules", "--rules", path]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain("secret-hash");
    expect(result.stderr).not.toContain("root:x");
  });
});

describe("cells", () => {
  it("refuses a time of day that is none", () => {
    expect(parseDate("2010/01/01 25:99")).toEqual({ ok: false, expected: "date" });
    expect(parseDate("2010/01/01 23:59")).toEqual({ ok: true, value: "2010-01-01" });
  });

  it("sees ids that differ only in width or case as the same estate", () => {
    const file = join(work, "ids.csv");
    writeFileSync(
      file,
      "estate_id,name,district,households,community_space_area\nE1,a,吴中区,10,4\nＥ１,b,吴中区,10,4\ne1,c,吴中区,10,4\n\uFEFFE2,d,吴中区,10,4\nE2,e,吴中区,10,4\n",
    );
    const result = JSON.parse(floorspace(["validate", file, "--format", "json"]).stdout);
    expect(
      result.inputErrors.map((error: { line: number; code: string; value: string }) => [
        error.line,
        error.code,
        error.value,
      ]),
    ).toEqual([
      [3, "duplicate-id", "Ｅ１"],
      [4, "duplicate-id", "e1"],
      [6, "duplicate-id", "E2"],
    ]);
  });
});

describe("baselines", () => {
  const args = ["check", sample("estates.csv"), "--as-of", "2026-11-01"];

  it("reads one saved with a byte-order mark, and matches from another working folder", () => {
    const baseline = join(work, "baseline.json");
    expect(floorspace([...args, "--write-baseline", baseline]).status).toBe(1);
    const written = JSON.parse(readFileSync(baseline, "utf8"));
    expect(written.schemaVersion).toBe(2);
    expect(written.entries[0].file).toBe("../../fixtures/suzhou-sample/estates.csv");
    writeFileSync(baseline, `\uFEFF${readFileSync(baseline, "utf8")}`);
    const here = floorspace([...args, "--baseline", baseline]);
    expect(here.status).toBe(0);
    const elsewhere = floorspace(
      ["check", "../suzhou-sample/estates.csv", "--as-of", "2026-11-01", "--baseline", baseline],
      {},
      join(root, "fixtures", "bad"),
    );
    expect(elsewhere.status, elsewhere.stdout).toBe(0);
  });
});

describe("SARIF", () => {
  it("encodes # and ? in a file name as part of the path", () => {
    expect(uriOf("data/a#1?.csv")).toBe("data/a%231%3F.csv");
  });
});

describe("retrofit", () => {
  it("refuses a run without a centers file instead of an empty list", () => {
    const result = floorspace(["retrofit", sample("estates.csv")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("give the centers file");
  });
});
