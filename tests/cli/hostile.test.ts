import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/cli/progress.js";
import { floorspace, root } from "../helpers/cli.js";

/**
 * One hostile string through every command and format a person or a CI log reads: as a file
 * name, a record's name and district, a rule pack's texts and a baseline's entries. Nothing of
 * it may reach the terminal as a control sequence, start a GitHub workflow command on a line of
 * its own, or mention anyone in Markdown.
 */
const hostile =
  "\u001b]8;;https://x.invalid\u0007link\u001b[31m\r\n::error file=a::pwned @octo-team";
const work = join(root, "test-output", "hostile-cli");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const file = join(work, `e${hostile.replaceAll("/", "_")}.csv`);
const quoted = `"${hostile.replaceAll('"', '""')}"`;
writeFileSync(
  file,
  `estate_id,name,district,households,community_space_area,phases,estate_delivery_date,community_space_delivery_date\nE1,${quoted},${quoted},1000,10,1,,\n`,
);
const pack = join(work, "pack.json");
writeFileSync(
  pack,
  JSON.stringify({
    id: "hostile",
    title: { zh: hostile, en: hostile },
    extends: "suzhou-2010",
    tasks: { "2": { clause: hostile, lead: hostile, cooperating: hostile } },
  }),
);
const baseline = join(work, "baseline.json");
writeFileSync(
  baseline,
  JSON.stringify({
    schemaVersion: 1,
    tool: "floorspace",
    entries: [{ ruleId: "estate-space-per-household", file: hostile, recordId: hostile }],
  }),
);

function assertInert(text: string, where: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  expect(text, where).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  for (const line of text.split("\n")) expect(line.startsWith("::error file=a"), where).toBe(false);
}

const runs: Array<[string, string[]]> = [
  ["check table", ["check", file, "--rules", pack, "--baseline", baseline, "--fail-on", "never"]],
  ["check github", ["check", file, "--format", "github", "--fail-on", "never"]],
  [
    "check markdown",
    ["check", file, "--format", "markdown", "--rules", pack, "--fail-on", "never"],
  ],
  ["check --summary street", ["check", file, "--summary", "street", "--fail-on", "never"]],
  ["validate", ["validate", file]],
  ["retrofit", ["retrofit", "--centers", file]],
  ["rules", ["rules", "--rules", pack]],
  ["explain", ["explain", "estate-space-per-household", "--rules", pack]],
  ["an unreadable input", ["check", `${file}.missing`]],
  ["a bad --output", ["check", file, "--output", join(work, hostile, "r.json")]],
];

describe("a hostile string everywhere a person reads", () => {
  it.each(runs)("%s", (_name, args) => {
    for (const lang of ["en_US.UTF-8", "zh_CN.UTF-8"]) {
      const result = floorspace(args, { LANG: lang });
      assertInert(result.stdout, "stdout");
      assertInert(result.stderr, "stderr");
      expect(result.status === 0 || result.status === 1 || result.status === 2).toBe(true);
    }
  });

  it("keeps Markdown from mentioning anyone named in the data", () => {
    const result = floorspace(["check", file, "--format", "markdown", "--fail-on", "never"]);
    expect(result.stdout).toContain("@\u200Bocto-team");
    expect(result.stdout).not.toMatch(/@octo-team/);
  });

  it("draws the progress bar's file name as text", () => {
    assertInert(progressLine(hostile, 10, 100, 5, 1000), "progress");
  });
});
