import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decode } from "../../src/ingest/decode.js";
import { readTable } from "../../src/ingest/table.js";

/**
 * frictionless-py's odd CSVs, at the table level (these files have no floor-space columns, so
 * only structure applies). Where we differ from frictionless on purpose, README.md says why.
 */
const folder = join(import.meta.dirname, "frictionless");

function read(file: string) {
  const decoded = decode(readFileSync(join(folder, file)));
  if (!decoded.ok) throw new Error("decode failed");
  const table = readTable(decoded.text, { maxRecordSize: 1_000_000 });
  if (!table.ok) throw new Error("read failed");
  return { decoded, table };
}

/** Lines whose field count differs from the header's: where we report ragged-row. */
function raggedLines(file: string): number[] {
  const { table } = read(file);
  return table.rows
    .filter((row) => row.fields.length !== table.header.fields.length)
    .map((row) => row.line);
}

describe("frictionless-py data", () => {
  it("invalid.csv: short rows 2 and 3 and the extra cell on 5 are ragged; blank row 4 is skipped", () => {
    // frictionless: missing-cell on rows 2 and 3, blank-row 4, extra-cell 5.
    expect(raggedLines("invalid.csv")).toEqual([2, 3, 5]);
    expect(read("invalid.csv").table.rows.map((row) => row.line)).toEqual([2, 3, 5]);
  });

  it("defective-rows.csv: both defective rows are found, on frictionless's row numbers", () => {
    expect(raggedLines("defective-rows.csv")).toEqual([2, 3]);
  });

  it("structure-errors.csv: the row of empty cells is a blank row, the long row is ragged", () => {
    expect(read("structure-errors.csv").table.rows.map((row) => row.line)).toEqual([2, 3, 5]);
    expect(raggedLines("structure-errors.csv")).toEqual([5]);
  });

  it("blank-rows.csv: a row of only delimiters is skipped", () => {
    const { table } = read("blank-rows.csv");
    expect(table.rows.every((row) => row.fields.some((field) => field !== ""))).toBe(true);
  });

  it("delimiter.csv and issue-1009-semicolon.csv: the semicolon is detected", () => {
    expect(read("delimiter.csv").table.delimiter).toBe(";");
    expect(read("issue-1009-semicolon.csv").table.rows[0]?.fields).toEqual(["0123", "c"]);
  });

  it("bom.csv: the BOM is not part of the first header", () => {
    const { decoded, table } = read("bom.csv");
    expect(decoded).toMatchObject({ encoding: "utf8", bom: true });
    expect(table.header.fields[0]).toBe("id");
    expect(table.rows[1]?.fields[1]).toBe("中国人");
  });
});
