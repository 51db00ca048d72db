import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bin, floorspace, root, sample } from "../helpers/cli.js";

/**
 * Nothing the tool writes can destroy what it reads: outputs are checked against the inputs, the
 * baseline, the rule pack, the column map and each other before any work; devices are written
 * through, never replaced; failures to write are coded errors, and a closed pipe keeps the exit
 * code the audit earned.
 */
const work = join(root, "test-output", "outputs");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const input = join(work, "estates.csv");
copyFileSync(sample("estates.csv"), input);
const original = readFileSync(input);
const asOf = ["--as-of", "2026-11-01"];

function refused(args: string[], message: RegExp) {
  const result = floorspace(args);
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  expect(readFileSync(input)).toEqual(original);
}

describe("outputs never clobber what the run reads", () => {
  it("refuses an input as --output, --report or --write-baseline, in every command", () => {
    refused(
      ["check", input, "--output", input],
      /--output .*estates\.csv: is an input of this run/,
    );
    refused(["check", input, "--report", `csv=${input}`], /--report csv=.*: is an input/);
    refused(["check", input, "--write-baseline", input], /--write-baseline .*: is an input/);
    refused(["validate", input, "--output", input], /is an input/);
    refused(["retrofit", "--centers", input, "--output", input], /is an input/);
    const link = join(work, "link-to-input.csv");
    symlinkSync(input, link);
    refused(["check", input, "--output", link], /is an input/);
    refused(["check", input, "--output", join(work, ".", "estates.csv")], /is an input/);
  });

  it("refuses the baseline, the pack and the column map in use, and two outputs on one path", () => {
    const baseline = join(work, "baseline.json");
    expect(floorspace(["check", input, ...asOf, "--write-baseline", baseline]).status).toBe(1);
    const accepted = readFileSync(baseline);
    refused(["check", input, "--baseline", baseline, "--output", baseline], /the --baseline file/);
    expect(readFileSync(baseline)).toEqual(accepted);
    const pack = join(work, "pack.json");
    writeFileSync(
      pack,
      JSON.stringify({ id: "p", title: { zh: "p", en: "p" }, extends: "suzhou-2010" }),
    );
    refused(["check", input, "--rules", pack, "--output", pack], /the rule pack file/);
    const map = join(work, "map.json");
    writeFileSync(map, "{}");
    refused(["check", input, "--columns", map, "--report", `json=${map}`], /the --columns file/);
    const report = join(work, "same.json");
    refused(
      ["check", input, "--output", report, "--report", `json=${report}`],
      /--output .*same\.json writes the same file/,
    );
    expect(existsSync(report)).toBe(false);
  });

  it("writes through devices and symlinks, keeping an existing file's mode", () => {
    const toNull = floorspace(["check", input, ...asOf, "--output", "/dev/null"]);
    expect(toNull.status).toBe(1);
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
    const toStdout = floorspace([
      "check",
      input,
      ...asOf,
      "--format",
      "json",
      "--output",
      "/dev/stdout",
    ]);
    expect(JSON.parse(toStdout.stdout).schemaVersion).toBe(3);
    const real = join(work, "real.json");
    writeFileSync(real, "old");
    chmodSync(real, 0o600);
    const link = join(work, "report-link.json");
    symlinkSync(real, link);
    expect(floorspace(["check", input, ...asOf, "--format", "json", "--output", link]).status).toBe(
      1,
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, "utf8")).schemaVersion).toBe(3);
    expect(statSync(real).mode & 0o777).toBe(0o600);
  });

  it("gives coded errors for where it cannot write, and writes long names", () => {
    refused(
      ["check", input, "--output", join(work, "no-such-folder", "r.json")],
      /the folder does not exist/,
    );
    refused(["check", input, "--output", work], /is a directory/);
    const long = join(work, `${"长".repeat(80)}.json`);
    expect(floorspace(["check", input, ...asOf, "--format", "json", "--output", long]).status).toBe(
      1,
    );
    expect(existsSync(long)).toBe(true);
    const noTmp = floorspace(["check", input, "--format", "json"], {
      TMPDIR: join(work, "absent"),
    });
    expect(noTmp.status).toBe(2);
    expect(noTmp.stderr).toMatch(/set TMPDIR to a writable folder/);
  });

  it("removes what a run killed outright left behind, recognised by its marker, never by name", () => {
    const folder = join(work, "leftovers");
    mkdirSync(folder);
    // Named like an old temporary file, with no process of that id: not ours to delete.
    writeFileSync(join(folder, ".floorspace-999999999-abc.tmp"), "someone's notes");
    // A run folder whose marker names a process that is gone: a killed run's, cleared.
    const killed = join(folder, ".floorspace-run-killed");
    mkdirSync(killed, { mode: 0o700 });
    writeFileSync(
      join(killed, "floorspace-run.json"),
      JSON.stringify({ tool: "floorspace temporary files", pid: 999999999 }),
    );
    writeFileSync(join(killed, "report"), "half a report");
    // The same with a live process's id: that run is still writing.
    const live = join(folder, ".floorspace-run-live");
    mkdirSync(live, { mode: 0o700 });
    writeFileSync(
      join(live, "floorspace-run.json"),
      JSON.stringify({ tool: "floorspace temporary files", pid: process.pid }),
    );
    floorspace(["check", input, "--output", join(folder, "r.txt")]);
    expect(readdirSync(folder).sort()).toEqual([
      ".floorspace-999999999-abc.tmp",
      ".floorspace-run-live",
      "r.txt",
    ]);
  });
});

describe("exit codes survive output failure", () => {
  const shell = (command: string) =>
    spawnSync("bash", ["-c", `set -o pipefail; ${command}`], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", LANG: "C" },
    });
  const node = `"${process.execPath}" "${bin}"`;

  it("a full disk behind standard output is a coded error, not a stack", () => {
    const result = shell(`${node} check ${sample("estates.csv")} --format json > /dev/full`);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("cannot write standard output: the disk is full");
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("a closed pipe keeps the code the run earned", () => {
    expect(
      shell(`${node} check ${sample("estates.csv")} ${asOf.join(" ")} | head -c 10`).status,
    ).toBe(1);
    expect(shell(`${node} check fixtures/bad/encoding-error-header.csv | head -c 10`).status).toBe(
      2,
    );
    expect(
      shell(
        `${node} check ${sample("estates.csv")} ${sample("centers.csv")} ${asOf.join(" ")} --fail-on never | head -c 10`,
      ).status,
    ).toBe(0);
  });
});

describe("init", () => {
  it("refuses system folders and paths through a file, with a code", () => {
    const proc = floorspace(["init", "/proc/floorspace-x"]);
    expect(proc.status).toBe(2);
    expect(proc.stderr).toContain("a system folder");
    const throughFile = floorspace(["init", join(input, "x")]);
    expect(throughFile.status).toBe(2);
    expect(throughFile.stderr).toContain("is not a folder");
  });
});

describe("line ends", () => {
  it("judges every row of a CRLF file with LF rows appended, at its physical line", () => {
    const mixed = join(work, "mixed.csv");
    writeFileSync(
      mixed,
      "estate_id,name,district,households,community_space_area,phases,estate_delivery_date,community_space_delivery_date,filing_no\r\nE1,a,吴中区,1000,400,1,,,F\r\nE2,b,吴中区,1000,10,1,,,F\nE3,c,吴中区,x,4,1,,,F\n",
    );
    const report = JSON.parse(
      floorspace(["check", mixed, ...asOf, "--format", "json", "--fail-on", "never"]).stdout,
    );
    expect(report.inputs[0]).toMatchObject({ records: 3, valid: 2, rejected: 1 });
    expect(
      report.inputErrors.map((error: { line: number; code: string }) => [error.line, error.code]),
    ).toEqual([[4, "invalid-number"]]);
    expect(
      report.findings.map((finding: { recordId: string; line: number }) => [
        finding.recordId,
        finding.line,
      ]),
      // The not-checked notice about the file (no 会商编号 column) stands at its header, line 1.
    ).toEqual([
      ["", 1],
      ["E2", 3],
    ]);
  });
});
