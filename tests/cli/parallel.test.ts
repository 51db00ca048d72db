import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliResult, floorspace, root, sample } from "../helpers/cli.js";

/**
 * The same report, byte for byte, however the work is divided: one thread or several, streamed
 * or held in memory. Small files are split by lowering the size at which splitting starts.
 */
const work = join(root, "test-output", "parallel");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
execFileSync(process.execPath, [join(root, "bench", "generate.mjs"), "2500", "400", work, "7"]);
const generated = join(work, "estates-2500.csv");
const generatedCenters = join(work, "centers-400.csv");
const text = readFileSync(generated, "utf8");
const lines = text.split("\n");

function variant(name: string, content: string): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

// The generator's ids are E0, E1, …: repeating an early row near the end makes a duplicate that
// only a reader of the whole file sees.
const duplicated = variant(
  "duplicate-across-parts.csv",
  [...lines.slice(0, -2), lines[5], lines.at(-2), ""].join("\n"),
);
// A quote inside an unquoted field, late in the file: only csv-parse reads that.
const irregular = variant(
  "irregular-late.csv",
  `${text}E999999,名称"带引号,姑苏区,平江街道,C1,100,2012-01-01,40,1,,备\n`,
);
// The same, early: in the first part, which the main thread reads while workers read the rest.
const irregularEarly = variant(
  "irregular-early.csv",
  [
    ...lines.slice(0, 3),
    'E999999,名称"带引号,姑苏区,平江街道,C1,100,2012-01-01,40,1,,备',
    ...lines.slice(3),
  ].join("\n"),
);
const crlf = variant("crlf.csv", text.replaceAll("\n", "\r\n"));
const cr = variant("cr.csv", text.replaceAll("\n", "\r"));
const bom = variant("bom.csv", `\uFEFF${text}`);
// As a district form: a title and a unit line above the header, a totals row and a signature
// line under the table. Only the first part has the header; the footer is in the last.
const form = variant(
  "form.csv",
  [
    "苏州市住宅小区社区用房情况统计表,,,",
    "单位：平方米、户,,,",
    ...lines.filter((line) => line !== ""),
    "合计,,,,,",
    "填报单位：市民政局,,,",
    "",
  ].join("\n"),
);

const asOf = ["--as-of", "2026-11-01", "--fail-on", "never"];
const oneThread = { FLOORSPACE_THREADS: "1" };
const split = { FLOORSPACE_THREADS: "3", FLOORSPACE_PARALLEL_MIN_BYTES: "0" };

function same(args: string[]): { single: CliResult; parallel: CliResult } {
  const single = floorspace([...args, "--debug"], oneThread);
  const parallel = floorspace([...args, "--debug"], split);
  expect(parallel.stdout).toBe(single.stdout);
  expect(parallel.status).toBe(single.status);
  return { single, parallel };
}

describe("one thread or several: the same bytes", () => {
  const every = ["json", "sarif", "csv", "github", "junit", "table"];
  const files: Array<[string, string[], string[]]> = [
    [
      "generated UTF-8 with quoted commas, quotes and line breaks",
      [generated, generatedCenters],
      every,
    ],
    ["the GB18030 CRLF sample", [sample("estates.csv"), sample("centers.csv")], every],
    ["CRLF line ends", [crlf], ["json"]],
    ["CR line ends", [cr], ["json"]],
    ["a UTF-8 byte-order mark", [bom, generatedCenters], ["json"]],
    ["a form with a title, a unit line, totals and a signature", [form], ["json", "table"]],
  ];
  it.each(files)("%s: streamed in parts", (_name, inputs, formats) => {
    for (const format of formats) {
      const { parallel } = same(["check", ...inputs, "--format", format, ...asOf]);
      expect(parallel.stderr).toMatch(
        /read streamed in [23] part\(s\) in \d+\.\d\d s \(parts: \d+\.\d\d s(, \d+\.\d\d s)+\)/,
      );
      // And when each stage ended, for finding where a slow run spent its time.
      expect(parallel.stderr).toMatch(
        /since the process started: check began at \d+\.\d\d s, every file judged at \d+\.\d\d s, reports written at \d+\.\d\d s\n/,
      );
    }
  });

  it("falls back to one pass when an id repeats across parts, with the duplicate reported", () => {
    const { parallel } = same(["check", duplicated, "--format", "json", ...asOf]);
    expect(parallel.stderr).toContain("read streamed in 1 part(s)");
    const report = JSON.parse(parallel.stdout);
    expect(report.inputErrors.map((error: { code: string }) => error.code)).toContain(
      "duplicate-id",
    );
    expect(parallel.status).toBe(1);
  });

  it("reads a part that outgrows a worker's heap again on the main thread", () => {
    const single = floorspace(
      ["check", generated, "--format", "json", "--debug", ...asOf],
      oneThread,
    );
    const starved = floorspace(["check", generated, "--format", "json", "--debug", ...asOf], {
      ...split,
      FLOORSPACE_WORKER_HEAP_MB: "1",
    });
    expect(starved.stdout).toBe(single.stdout);
    expect(starved.stderr).toContain("read streamed in 1 part(s)");
  });

  it.each([
    ["late, in a worker's part", irregular],
    ["early, in the main thread's part", irregularEarly],
  ])(
    "reads a file the fast road refuses (%s) with csv-parse, whole, and says the same",
    (_where, file) => {
      const { parallel } = same(["check", file, "--format", "json", ...asOf]);
      expect(parallel.stderr).toContain("read whole");
      const report = JSON.parse(parallel.stdout);
      expect(report.inputs[0].records).toBe(2501);
    },
  );

  it("keeps the baseline, --quiet and --rule the same in parts", () => {
    const baseline = join(work, "baseline.json");
    floorspace(["check", generated, "--write-baseline", baseline, ...asOf], oneThread);
    same(["check", generated, "--baseline", baseline, "--format", "json", ...asOf]);
    same(["check", generated, "--quiet", "--format", "sarif", ...asOf]);
    same(["check", generated, "--rule", "space-filing=off", "--format", "csv", ...asOf]);
  });
});

describe("a thread out of work takes half of what another has left", () => {
  const donationWork = join(work, "donation");
  mkdirSync(donationWork, { recursive: true });
  execFileSync(process.execPath, [
    join(root, "bench", "generate.mjs"),
    "30000",
    "400",
    donationWork,
    "5",
  ]);
  const estates = join(donationWork, "estates-30000.csv");
  const centers = join(donationWork, "centers-400.csv");

  it("and the report is the same bytes as one thread's", () => {
    const args = ["check", estates, centers, "--format", "json", "--debug", ...asOf];
    const single = floorspace(args, oneThread);
    // Parts of about 870 KB, read 256 KB at a time: a part can give work away after each read.
    // The workers load the modules (slower to start than the bundle), so the main thread,
    // done first, takes work from them.
    const donating = {
      ...split,
      FLOORSPACE_MIN_DONATION_BYTES: "1",
      FLOORSPACE_BUNDLE: "0",
    };
    let partsSeen = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      const parallel = floorspace(args, donating);
      expect(parallel.stdout).toBe(single.stdout);
      expect(parallel.status).toBe(single.status);
      const parts = /estates-30000\.csv read streamed in (\d+) part\(s\)/.exec(parallel.stderr);
      partsSeen = Math.max(partsSeen, Number(parts?.[1]));
      if (partsSeen > 3) break;
    }
    // Three cuts, and at least one part given away in three tries.
    expect(partsSeen).toBeGreaterThan(3);
  });
});

describe("a report file written from spools", () => {
  const spoolsWork = join(work, "spools");
  mkdirSync(spoolsWork, { recursive: true });
  execFileSync(process.execPath, [
    join(root, "bench", "generate.mjs"),
    "6000",
    "400",
    spoolsWork,
    "11",
  ]);
  it.each(["json", "junit"])(
    "holds the same %s bytes as standard output, over spools read in more than one megabyte",
    (format) => {
      // Spools are read a megabyte at a time into one buffer; the file writer must have
      // written each megabyte before the next is read.
      const estates = join(spoolsWork, "estates-6000.csv");
      const centers = join(spoolsWork, "centers-400.csv");
      const args = ["check", estates, centers, "--format", format, ...asOf];
      const output = join(work, `report-from-spools.${format}`);
      const toStdout = floorspace(args, oneThread);
      floorspace([...args, "--output", output], oneThread);
      expect(Buffer.byteLength(toStdout.stdout)).toBeGreaterThan(1.5 * 2 ** 20);
      expect(readFileSync(output, "utf8")).toBe(toStdout.stdout);
    },
  );
});

describe("streamed or held in memory: the same report", () => {
  it.each(["json", "junit", "sarif"])(
    "writes the same %s when a format that needs every finding in memory is also asked for",
    (format) => {
      const args = ["check", generated, generatedCenters, "--format", format, "--quiet", ...asOf];
      const streamed = floorspace(args, split);
      const held = floorspace([...args, "--report", `markdown=${join(work, "report.md")}`], split);
      expect(held.stdout).toBe(streamed.stdout);
    },
  );

  it("keeps the first findings of each rule for the table and counts the rest", () => {
    const table = floorspace(["check", generated, "--max-findings", "2", ...asOf], split);
    const json = JSON.parse(
      floorspace(["check", generated, "--format", "json", ...asOf], split).stdout,
    );
    const perRule = new Map<string, number>();
    for (const finding of json.findings) {
      perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
    }
    for (const [ruleId, count] of perRule) {
      if (count > 2) expect(table.stdout).toContain(`(${ruleId}): ${count - 2} more not shown`);
    }
  });
});
