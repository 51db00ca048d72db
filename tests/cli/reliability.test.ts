import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { progressLine } from "../../src/cli/progress.js";
import { floorspace, sample } from "../helpers/cli.js";

/**
 * Reliability, round three (issue 23): outputs that never write through a link to nothing, text
 * from the data that never reaches a terminal as anything but text, and system errors and
 * option mistakes said as sentences.
 */
const work = mkdtempSync(join(tmpdir(), "reliability-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const asOf = ["--as-of", "2026-11-01", "--lang", "en"];
const hostile = "\u001b]0;pwned\u0007\u001b[31m\n::error::injected";

describe("writes never follow a link they did not expect", () => {
  it("init --xlsx with a dangling link in its folder creates nothing outside it", () => {
    const folder = join(work, "init");
    mkdirSync(folder);
    const outside = join(work, "outside.xlsx");
    symlinkSync(outside, join(folder, "registers.xlsx"));
    const result = floorspace(["init", folder, "--xlsx", "--lang", "en"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("already exist");
    expect(existsSync(outside)).toBe(false);
    const forced = floorspace(["init", folder, "--xlsx", "--lang", "en", "--force"]);
    expect(forced.status).toBe(2);
    expect(forced.stderr).toContain("symbolic link to nothing");
    expect(existsSync(outside)).toBe(false);
  });

  it("--output through a link to nothing is refused; through a link to a file, the file is replaced", () => {
    const folder = join(work, "links");
    mkdirSync(folder);
    const nowhere = join(work, "nowhere.json");
    symlinkSync(nowhere, join(folder, "dangling.json"));
    const refused = floorspace([
      "check",
      sample("estates.csv"),
      ...asOf,
      "--format",
      "json",
      "--output",
      join(folder, "dangling.json"),
    ]);
    expect(refused.status).toBe(2);
    expect(existsSync(nowhere)).toBe(false);
    const real = join(work, "real.json");
    writeFileSync(real, "old");
    symlinkSync(real, join(folder, "linked.json"));
    const written = floorspace([
      "check",
      sample("estates.csv"),
      ...asOf,
      "--format",
      "json",
      "--output",
      join(folder, "linked.json"),
    ]);
    expect(written.status).toBe(1);
    expect(JSON.parse(readFileSync(real, "utf8")).tool.name).toBe("floorspace");
    // Nothing of the write is left beside the report.
    expect(readdirSync(work).filter((name) => name.startsWith(".floorspace"))).toEqual([]);
  });
});

describe("text from the data reaches a terminal as text", () => {
  it("a stale baseline entry's rule id, file and record id are escaped in the table", () => {
    const baseline = join(work, "baseline.json");
    writeFileSync(
      baseline,
      JSON.stringify({
        schemaVersion: 2,
        tool: "floorspace",
        entries: [{ ruleId: hostile, file: hostile, recordId: hostile }],
      }),
    );
    const result = floorspace(["check", sample("estates.csv"), ...asOf, "--baseline", baseline]);
    expect(result.stdout).toContain("entries no longer occur");
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).not.toContain("\u0007");
    expect(result.stdout).not.toMatch(/^::error/m);
  });

  it("the progress bar shows a file name's control sequences as visible escapes", () => {
    const line = progressLine(`a${hostile}.csv`, 10, 100, 5, 1000);
    expect(line).not.toContain("\u001b");
    expect(line).not.toContain("\u0007");
    expect(line).not.toContain("\n");
    expect(line).toContain("\\x1b]0;pwned");
  });
});

describe("mistakes and system errors are sentences", () => {
  it("--fill-down naming no column is a usage error", () => {
    const result = floorspace([
      "check",
      sample("estates.csv"),
      ...asOf,
      "--fill-down",
      "nosuch_column",
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--fill-down nosuch_column: no such column");
  });

  it("--fill-down takes a header as the file writes it", () => {
    const result = floorspace(["check", sample("estates.csv"), ...asOf, "--fill-down", "所属街道"]);
    expect(result.status).toBe(1);
  });

  it("a column map of 20,000 wrong entries gives one short line", () => {
    const map = join(work, "columns.json");
    writeFileSync(
      map,
      JSON.stringify(
        Object.fromEntries(
          Array.from({ length: 20_000 }, (_, index) => [`h${index}`, `x${index}`]),
        ),
      ),
    );
    const result = floorspace(["check", sample("estates.csv"), ...asOf, "--columns", map]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("and 19995 more");
    expect(result.stderr.length).toBeLessThan(2000);
  });

  it("--baseline naming a folder or nothing says so in words", () => {
    const folder = floorspace(["check", sample("estates.csv"), ...asOf, "--baseline", work]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain("is a folder: give the baseline file");
    expect(folder.stderr).not.toContain("EISDIR");
    const missing = floorspace([
      "check",
      sample("estates.csv"),
      ...asOf,
      "--baseline",
      join(work, "none.json"),
    ]);
    expect(missing.stderr).toContain("no such file");
    expect(missing.stderr).not.toContain("ENOENT");
  });
});

describe("the output's name means what it says (issue 27)", () => {
  it("--output report.xlsx without --format writes a workbook; with a contradicting --format it is refused", () => {
    const workbookPath = join(work, "named.xlsx");
    const written = floorspace(["check", sample("estates.csv"), ...asOf, "--output", workbookPath]);
    expect(written.status).toBe(1);
    expect(readFileSync(workbookPath).subarray(0, 2).toString("latin1")).toBe("PK");
    const contradicted = floorspace([
      "check",
      sample("estates.csv"),
      ...asOf,
      "--format",
      "table",
      "--output",
      join(work, "table.xlsx"),
    ]);
    expect(contradicted.status).toBe(2);
    expect(contradicted.stderr).toContain("the name says xlsx, but --format is table");
    expect(existsSync(join(work, "table.xlsx"))).toBe(false);
  });

  it("a SARIF report may be named .json, and retrofit's worklist follows its name too", () => {
    const sarif = floorspace([
      "check",
      sample("estates.csv"),
      ...asOf,
      "--format",
      "sarif",
      "--output",
      join(work, "r.sarif.json"),
    ]);
    expect(sarif.status).toBe(1);
    const html = join(work, "worklist.html");
    const retrofit = floorspace(["retrofit", sample("centers.csv"), ...asOf, "--output", html]);
    expect(retrofit.status).toBe(0);
    expect(readFileSync(html, "utf8")).toMatch(/^<!DOCTYPE html>/);
  });

  it("validate and compare follow the output's name as check does, and refuse a contradiction", () => {
    const json = join(work, "inputs.json");
    const validate = floorspace(["validate", sample("centers.csv"), "--output", json]);
    expect(validate.status).toBe(0);
    expect(JSON.parse(readFileSync(json, "utf8")).inputs).toHaveLength(1);
    const markdown = join(work, "comparison.md");
    const compare = floorspace(["compare", sample("centers.csv"), ...asOf, "--output", markdown]);
    expect(compare.status).toBe(0);
    expect(readFileSync(markdown, "utf8")).toContain("| --- |");
    const contradiction = floorspace([
      "validate",
      sample("centers.csv"),
      "--format",
      "table",
      "--output",
      join(work, "v.json"),
    ]);
    expect(contradiction.status).toBe(2);
    expect(contradiction.stderr).toContain("the name says json, but --format is table");
  });
});

describe("the language of a user who sets none (issue 27)", () => {
  it("follows FLOORSPACE_LANG, then the system locale Intl reports (a Chinese Windows sets no LANG)", async () => {
    const { defaultLang } = await import("../../src/cli/common.js");
    expect(defaultLang({}, "zh-CN")).toBe("zh");
    expect(defaultLang({}, "en-US")).toBe("en");
    expect(defaultLang({ FLOORSPACE_LANG: "en" }, "zh-CN")).toBe("en");
    expect(defaultLang({ FLOORSPACE_LANG: "zh" }, "en-US")).toBe("zh");
    expect(defaultLang({ LANG: "zh_CN.UTF-8" }, "en-US")).toBe("zh");
  });

  it("a run with FLOORSPACE_LANG=zh speaks Chinese", () => {
    const result = floorspace(
      ["check", sample("estates.csv"), "--as-of", "2026-11-01", "--format", "markdown"],
      {
        FLOORSPACE_LANG: "zh",
      },
    );
    expect(result.stdout).toContain("按区");
  });
});

describe("init says what to do next (issue 27)", () => {
  it("ends with one line naming the check to run", () => {
    const folder = join(work, "next-step");
    const result = floorspace(["init", folder, "--xlsx", "--lang", "en"]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `next: fill it in, then run floorspace check ${join(folder, "registers.xlsx")}`,
    );
  });
});

describe("baselines say what they hold (issue 27)", () => {
  it("--write-baseline says what it wrote, and a run on some of its files calls no other file's entry stale", () => {
    const baseline = join(work, "both.json");
    const written = floorspace([
      "check",
      sample("estates.csv"),
      sample("centers.csv"),
      ...asOf,
      "--format",
      "json",
      "--write-baseline",
      baseline,
    ]);
    expect(written.stderr).toMatch(
      /^floorspace: wrote the baseline .*both\.json: \d+ accepted findings?\n$/,
    );
    const some = floorspace([
      "check",
      sample("estates.csv"),
      ...asOf,
      "--baseline",
      baseline,
      "--format",
      "json",
    ]);
    const report = JSON.parse(some.stdout);
    expect(report.baseline.stale).toEqual([]);
    expect(report.baseline.suppressed).toBeGreaterThan(0);
  });
});
