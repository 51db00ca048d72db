import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockScanner, discoverRecordBreak, fastScan } from "../../src/ingest/fast-table.js";
import {
  type Delimiter,
  detectDelimiter,
  type Row,
  scanRegular,
  scanWithCsvParse,
} from "../../src/ingest/table.js";

const options = { maxRecordSize: 1_000_000 };

/** Header and rows as one parser hands them over, or its failure. */
function collect(
  scan: typeof scanWithCsvParse | typeof scanRegular,
  text: string,
  delimiter: Delimiter = detectDelimiter(text),
) {
  const rows: Row[] = [];
  const result = scan(text, delimiter, options, () => (row) => rows.push(row));
  return result === undefined ? undefined : { result, rows };
}

const fieldText = fc.string({
  unit: fc.constantFrom("a", "b", "1", " ", ",", ";", "\t", '"', "\n", "\r", "中", "㎡", "é"),
  maxLength: 8,
});

/** A field written the way a spreadsheet writes it: quoted when it must be. */
function quote(field: string, delimiter: string, always: boolean): string {
  const needs = always || /["\r\n]/.test(field) || field.includes(delimiter);
  return needs ? `"${field.replaceAll('"', '""')}"` : field;
}

const regularCsv = fc
  .record({
    delimiter: fc.constantFrom(",", ";", "\t"),
    lineBreak: fc.constantFrom("\n", "\r\n", "\r"),
    rows: fc.array(fc.array(fieldText, { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 8,
    }),
    quoteAll: fc.boolean(),
    blankLines: fc.array(fc.nat(7), { maxLength: 3 }),
    trailingBreak: fc.boolean(),
  })
  .map(({ delimiter, lineBreak, rows, quoteAll, blankLines, trailingBreak }) => {
    const lines = rows.map((row) =>
      row.map((field) => quote(field, delimiter, quoteAll)).join(delimiter),
    );
    for (const at of blankLines) lines.splice(Math.min(at, lines.length), 0, "");
    return {
      text:
        `x${delimiter}y\n`.replace("\n", lineBreak) +
        lines.join(lineBreak) +
        (trailingBreak ? lineBreak : ""),
      delimiter: delimiter as Delimiter,
    };
  });

describe("the fast road agrees with csv-parse", () => {
  it("on spreadsheet-shaped CSV: same header, rows, fields and lines, and it takes them", () => {
    let taken = 0;
    fc.assert(
      fc.property(regularCsv, ({ text, delimiter }) => {
        const fast = collect(scanRegular, text, delimiter);
        const reference = collect(scanWithCsvParse, text, delimiter);
        if (fast === undefined) return;
        taken++;
        expect(fast).toEqual(reference);
      }),
      { numRuns: 3000 },
    );
    // Files written by the quoting rules above are regular: most must not fall back.
    expect(taken).toBeGreaterThan(2000);
  });

  it("on any text: whenever it answers, the answer is csv-parse's", () => {
    const soup = fc.string({
      unit: fc.constantFrom("a", ",", ";", '"', "\n", "\r", "\r\n", "中", " ", ""),
      maxLength: 40,
    });
    fc.assert(
      fc.property(soup, (text) => {
        if (text.trim() === "") return;
        const fast = collect(scanRegular, text);
        if (fast === undefined) return;
        expect(fast).toEqual(collect(scanWithCsvParse, text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("fastScan", () => {
  const scan = (text: string, maxRecordChars = 1000) => {
    const records: Array<[number, string[]]> = [];
    const ok = fastScan(
      text,
      0,
      text.length,
      { delimiter: ",", recordBreak: discoverRecordBreak(text), firstLine: 1, maxRecordChars },
      (line, fields) => records.push([line, fields]),
    );
    return ok === null ? false : records;
  };

  it.each([
    ["a quote inside an unquoted field", 'a,b"c\n'],
    ["text after a closing quote", '"a"b,c\n'],
    ["a quote never closed", 'a,"b\nc\n'],
    ["a lone CR in an LF file", "a,b\nc\rd,e\n"],
    ["a lone LF in a CRLF file", "a,b\r\nc\nd\r\n"],
  ])("leaves %s to csv-parse", (_what, text) => {
    expect(scan(text)).toBe(false);
  });

  it("leaves records longer than the limit to csv-parse", () => {
    expect(scan(`a,${"x".repeat(50)}\n`, 20)).toBe(false);
    expect(scan(`"${"x".repeat(50)}",b\n`, 20)).toBe(false);
  });

  it("counts lines inside quoted fields and over blank lines", () => {
    expect(scan('h,i\r\n\r\n"1\r\nx",""""\r\n2,z')).toEqual([
      [1, ["h", "i"]],
      [3, ["1\r\nx", '"']],
      [5, ["2", "z"]],
    ]);
  });

  it("parses from the middle of a text, starting at the line it is told", () => {
    const text = "h,i\n1,a\n2,b\n";
    const records: Array<[number, string[]]> = [];
    const ok = fastScan(
      text,
      text.indexOf("2"),
      text.length,
      { delimiter: ",", recordBreak: "\n", firstLine: 3, maxRecordChars: 100 },
      (line, fields) => records.push([line, fields]),
    );
    expect(ok).toEqual({ end: text.length, line: 4 });
    expect(records).toEqual([[3, ["2", "b"]]]);
  });
});

describe("BlockScanner", () => {
  it("gives the same records however the text is cut into blocks", () => {
    fc.assert(
      fc.property(
        regularCsv,
        fc.array(fc.nat(60), { maxLength: 6 }),
        ({ text, delimiter }, cuts) => {
          const recordBreak = discoverRecordBreak(text);
          const options = { delimiter, recordBreak, firstLine: 1, maxRecordChars: 10_000 };
          const whole: Array<[number, string[]]> = [];
          const wholeResult = fastScan(text, 0, text.length, options, (line, fields) =>
            whole.push([line, fields]),
          );
          const blocks: Array<[number, string[]]> = [];
          const scanner = new BlockScanner(options, (line, fields) => blocks.push([line, fields]));
          const points = [...new Set(cuts.map((cut) => Math.min(cut, text.length)))].sort(
            (a, b) => a - b,
          );
          let ok = true;
          let from = 0;
          for (const point of points) {
            ok &&= scanner.push(text.slice(from, point), false);
            from = point;
          }
          ok &&= scanner.push(text.slice(from), true);
          expect(ok).toBe(wholeResult !== null);
          if (ok) expect(blocks).toEqual(whole);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
