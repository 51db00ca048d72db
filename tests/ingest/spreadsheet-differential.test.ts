import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spreadsheetCells } from "../../src/ingest/workbook.js";
import { root } from "../helpers/cli.js";

/**
 * floorspace's own spreadsheet readers held to independent ones, cell by cell: a workbook of
 * varied cells (3,000 rows: CJK and emoji text, integers, decimals, ratios, dates, booleans,
 * large and negative numbers, formulas, one string long enough to cross the .xls string table's
 * record boundaries) written by openpyxl, then saved by LibreOffice as .xlsx, .xls and .ods.
 * openpyxl reads the .xlsx files, xlrd the .xls; the .ods is held to LibreOffice's own .xlsx.
 */
const python = "/usr/bin/python3";
const helper = join(root, "tests", "helpers", "varied-workbook.py");
const folder = mkdtempSync(join(tmpdir(), "spreadsheet-differential-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Dump = Record<string, Array<[number, number, string | number]>>;

function independent(path: string): Dump {
  const result = spawnSync(python, [helper, "dump", path], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Dump;
}

async function ours(path: string): Promise<Dump> {
  const dump: Dump = {};
  for (const { name, cells } of await spreadsheetCells(path, 256 << 20)) {
    dump[name] = cells.rows.flatMap((row) =>
      row.fields.flatMap((text, column) =>
        text === "" ? [] : [[row.line, column, text] as [number, number, string]],
      ),
    );
  }
  return dump;
}

/** A number as floorspace shows it: 15 significant digits. */
const shown = (value: number) => Number(value.toPrecision(15));

function expectSame(mine: Dump, theirs: Dump): void {
  expect(Object.keys(mine)).toEqual(Object.keys(theirs));
  for (const [sheet, cells] of Object.entries(theirs)) {
    const actual = mine[sheet] ?? [];
    expect(actual.length, sheet).toBe(cells.length);
    cells.forEach(([row, column, value], index) => {
      const [ourRow, ourColumn, text] = actual[index] ?? [];
      expect([ourRow, ourColumn], `${sheet} cell ${index}`).toEqual([row, column]);
      if (typeof value === "number")
        expect(Number(text), `${sheet} R${row}C${column}`).toBe(shown(value));
      else expect(text, `${sheet} R${row}C${column}`).toBe(value);
    });
  }
}

const haveTools =
  spawnSync(python, ["-c", "import openpyxl, xlrd"]).status === 0 &&
  spawnSync("soffice", ["--version"]).status === 0;

describe.runIf(haveTools)("spreadsheet readers held to independent readers", () => {
  const written = join(folder, "varied.xlsx");
  const saved = (extension: string) => join(folder, "lo", `varied.${extension}`);
  beforeAll(() => {
    const made = spawnSync(python, [helper, "write", written], { encoding: "utf8" });
    if (made.status !== 0) throw new Error(made.stderr);
    for (const filter of ["xlsx:Calc MS Excel 2007 XML", "xls:MS Excel 97", "ods:calc8"]) {
      const converted = spawnSync(
        "soffice",
        ["--headless", "--calc", "--convert-to", filter, "--outdir", join(folder, "lo"), written],
        { encoding: "utf8", env: { ...process.env, HOME: folder }, timeout: 120_000 },
      );
      if (converted.status !== 0) throw new Error(converted.stderr);
    }
  }, 240_000);

  it("openpyxl's workbook: the same cells as openpyxl reads (formulas have no value: read as text)", async () => {
    const theirs = independent(written);
    const mine = await ours(written);
    // openpyxl stores no value for a formula it writes; floorspace reads its text (=C2*2).
    const formulas = (dump: Dump) =>
      Object.fromEntries(
        Object.entries(dump).map(([sheet, cells]) => [
          sheet,
          cells.filter(([, , value]) => !(typeof value === "string" && value.startsWith("="))),
        ]),
      );
    expectSame(formulas(mine), formulas(theirs));
  });

  it("LibreOffice's .xlsx: the same cells as openpyxl reads, formula results included", async () => {
    expectSame(await ours(saved("xlsx")), independent(saved("xlsx")));
  });

  it("LibreOffice's .xls: the same cells as xlrd reads", async () => {
    expectSame(await ours(saved("xls")), independent(saved("xls")));
  });

  it("LibreOffice's .ods: the same cells as its .xlsx", async () => {
    expect(await ours(saved("ods"))).toEqual(await ours(saved("xlsx")));
  });
});
