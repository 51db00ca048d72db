import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestBytes, ingestFile } from "../../src/ingest/index.js";
import { describeProblem } from "../../src/model/errors.js";
import { ingestPath } from "../helpers/ingest-path.js";
import { markdownTable } from "../helpers/markdown.js";

const folder = join(import.meta.dirname, "..", "..", "fixtures", "bad");
const cases = markdownTable(join(folder, "README.md"));

describe("fixtures/bad, as its README table says", () => {
  it("has a row for every file-level and row-level code the catalogue can give from a file", () => {
    const codes = new Set(cases.map((row) => row.code));
    for (const code of [
      "encoding-error",
      "malformed-csv",
      "ragged-row",
      "missing-column",
      "duplicate-column",
      "missing-value",
      "invalid-number",
      "invalid-date",
      "invalid-boolean",
      "unknown-value",
      "out-of-range",
      "duplicate-id",
      "empty-file",
      "unknown-kind",
    ]) {
      expect(codes, code).toContain(code);
    }
  });

  it.each(cases.map((row) => [row.file, row.code, row.line, row] as const))(
    "%s gives %s on line %s",
    async (file, code, line, row) => {
      // As every command reads a file: a zip archive is tried as a workbook.
      const [input] = await ingestPath(join(folder, file ?? ""));
      if (!input) throw new Error(`nothing read from ${file}`);
      const match = input.problems.find(
        (item) =>
          item.code === code &&
          item.line === (line === "-" ? null : Number(line)) &&
          (row.column === "-" ? item.column === null : item.column === row.column),
      );
      expect(match, JSON.stringify(input.problems)).toBeDefined();
      expect(input.usable).toBe(row.exit !== "2");
      // Every row is accounted for, usable or not.
      expect(input.rowsRead).toBe(input.records.length + input.rejected);
      if (match) {
        const described = describeProblem(match, "en");
        expect(described.file).toBe(join(folder, file ?? ""));
        expect(described.message).not.toMatch(/\{\w+\}/);
        expect(describeProblem(match, "zh").message).not.toMatch(/\{\w+\}/);
      }
    },
  );

  it("reads the good rows around a bad one", async () => {
    const input = await ingestFile(join(folder, "ragged-row.csv"));
    expect(input.records.map((located) => located.line)).toEqual([2, 4]);
    expect(input.rejected).toBe(1);
  });

  it("names the first line of a duplicate id", async () => {
    const input = await ingestFile(join(folder, "duplicate-id.csv"));
    const duplicate = input.problems.find((item) => item.code === "duplicate-id");
    expect(duplicate && describeProblem(duplicate, "en").message).toBe(
      "id 'E1' already appears on line 2",
    );
  });

  it("gives the byte offset of an encoding error, in the header or (as a notice) below it", async () => {
    const header = await ingestFile(join(folder, "encoding-error-header.csv"));
    const [error] = header.problems;
    expect(error && describeProblem(error, "en").message).toMatch(
      /byte at offset \d+ does not decode/,
    );
    const below = await ingestFile(join(folder, "encoding-error.csv"));
    const [notice] = below.problems;
    expect(notice && describeProblem(notice, "en").message).toMatch(/\(byte \d+\)/);
  });

  it("accepts a header with no rows", async () => {
    const input = await ingestFile(join(folder, "header-only.csv"));
    expect(input).toMatchObject({
      usable: true,
      kind: "estate",
      rowsRead: 0,
      rejected: 0,
      problems: [],
    });
  });
});

describe("a byte no encoding takes, below the header", () => {
  const header = "estate_id,name,district,households,community_space_area,备注\n";
  const gb = (text: string) => Buffer.from(new TextEncoder().encode(text));

  it("rejects only the row whose read cell holds it, and reads a row where it sits in an unread column", () => {
    const bytes = Buffer.concat([
      gb(header),
      gb("E1,a,吴中区,100,40,"),
      Buffer.from([0xff]),
      gb("\nE2,b"),
      Buffer.from([0xff]),
      gb(",吴中区,100,40,\nE3,c,吴中区,100,40,\n"),
    ]);
    const input = ingestBytes(bytes, "mixed.csv");
    expect(input.usable).toBe(true);
    expect(input.records.map(({ record }) => record.name)).toEqual(["a", "c"]);
    expect(input.rejected).toBe(1);
    expect(input.problems.map((item) => [item.code, item.line, item.column])).toEqual([
      ["undecodable-bytes", 2, null],
      ["undecodable-value", 3, "name"],
    ]);
    expect(input.rowsRead).toBe(input.records.length + input.rejected + input.skipped);
  });
});
