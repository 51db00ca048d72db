import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bin, root, sample } from "../helpers/cli.js";

/**
 * A check loads what its files need and nothing else (issue 24): no spreadsheet library for a
 * CSV file, no workbook writer to read a workbook, no chart code without an HTML report.
 */
const folder = mkdtempSync(join(tmpdir(), "startup-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function modulesOf(args: string[]): string[] {
  const record = join(folder, `modules-${Math.random().toString(36).slice(2)}.json`);
  const result = spawnSync(
    process.execPath,
    ["-r", join(root, "tests", "helpers", "record-modules.cjs"), bin, ...args],
    {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", LANG: "C", FLOORSPACE_RECORD_MODULES: record },
    },
  );
  expect(result.status, result.stderr).toBeLessThanOrEqual(1);
  return JSON.parse(readFileSync(record, "utf8")) as string[];
}

const spreadsheetCode = /yauzl|exceljs|unzipper|jszip|saxes|sheet-|workbook/;
const chartCode = /echarts|html\.cjs/;

describe("start-up loads only what the file needs", () => {
  it("a CSV check to JSON loads no spreadsheet, workbook or chart code", () => {
    const loaded = modulesOf([
      "check",
      sample("estates.csv"),
      "--as-of",
      "2026-11-01",
      "--format",
      "json",
    ]);
    expect(loaded.filter((name) => spreadsheetCode.test(name) || chartCode.test(name))).toEqual([]);
    // Nor the inflater a workbook needs; and the bundle ran, not the CLI's modules one by one.
    expect(loaded).not.toContain("node:zlib");
    expect(loaded.filter((name) => name.includes("/dist/"))).toEqual([]);
  });

  it("a workbook check loads the archive reader, never the workbook writer", () => {
    const loaded = modulesOf([
      "check",
      join(root, "fixtures", "workbooks", "registers.xlsx"),
      "--as-of",
      "2026-11-01",
      "--format",
      "json",
    ]);
    expect(loaded).toContain("yauzl");
    expect(loaded).toContain("node:zlib");
    expect(loaded.filter((name) => /exceljs|unzipper/.test(name))).toEqual([]);
  });
});
