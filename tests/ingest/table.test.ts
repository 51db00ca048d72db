import { describe, expect, it } from "vitest";
import { detectDelimiter, readTable } from "../../src/ingest/table.js";

const options = { maxRecordSize: 1_000_000 };

function rowsOf(text: string) {
  const table = readTable(text, options);
  if (!table.ok) throw new Error(`unexpected failure: ${JSON.stringify(table)}`);
  return table;
}

describe("physical line numbers", () => {
  const body = ["id,note", "1,plain", "", '2,"two', 'lines"', "3,after"];
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("count the same with %s endings, across blank lines and quoted newlines", (_name, newline) => {
    const table = rowsOf(body.join(newline) + newline);
    expect(table.header.line).toBe(1);
    expect(table.rows.map((row) => [row.line, row.fields[0]])).toEqual([
      [2, "1"],
      [4, "2"],
      [6, "3"],
    ]);
    expect(table.rows[1]?.fields[1]).toBe(`two${newline}lines`);
  });

  it("keeps counting after a field with many line breaks", () => {
    const table = rowsOf('id,note\n1,"a\n\n\nb"\n2,x\n');
    expect(table.rows.map((row) => row.line)).toEqual([2, 6]);
  });

  it("skips leading blank lines and rows that are only delimiters", () => {
    const table = rowsOf("\n\nid,note\n,\n1,x\n,,\n2,y");
    expect(table.header.line).toBe(3);
    expect(table.rows.map((row) => row.line)).toEqual([5, 7]);
  });

  it("reads a file whose lines end in a mix of CRLF and LF record by record", () => {
    // A CRLF file with LF rows appended by another tool, and a quoted CRLF inside.
    const table = rowsOf('id,note\r\n1,a\r\n2,"x\r\ny"\r\n3,b\n4,c\n5,d\r\n6,e');
    expect(table.rows.map((row) => [row.line, row.fields[0], row.fields.length])).toEqual([
      [2, "1", 2],
      [3, "2", 2],
      [5, "3", 2],
      [6, "4", 2],
      [7, "5", 2],
      [8, "6", 2],
    ]);
    expect(table.rows[1]?.fields[1]).toBe("x\r\ny");
  });

  it("ends records at a lone CR only in a file whose lines end in CR", () => {
    const cr = rowsOf("id,note\r1,a\r2,b\n3,c\r\n4,d");
    expect(cr.rows.map((row) => [row.line, row.fields[0]])).toEqual([
      [2, "1"],
      [3, "2"],
      [4, "3"],
      [5, "4"],
    ]);
    // In an LF file a lone CR is a stray character of the field it stands in.
    const lf = rowsOf("id,note\n1,a\rb\n2,c\n");
    expect(lf.rows.map((row) => row.fields)).toEqual([
      ["1", "a\rb"],
      ["2", "c"],
    ]);
  });

  it("counts lines of multi-byte text exactly", () => {
    const table = rowsOf('编号,名称\r\n"甲\r\n乙",丙\r\n二,丁\r\n');
    expect(table.rows.map((row) => row.line)).toEqual([2, 4]);
  });
});

describe("delimiter", () => {
  it.each([
    ["a,b,c\n1,2,3", ","],
    ["a;b;c\n1;2;3", ";"],
    ["a\tb\tc\n1\t2\t3", "\t"],
    ['"a;b",c,d\n', ","],
    ["single\n1", ","],
  ])("%j -> %j", (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe("failures", () => {
  it("names the line where an unclosed quote opened", () => {
    expect(readTable('id,note\n1,ok\n2,"never closed\n3,x\n4,y\n', options)).toMatchObject({
      ok: false,
      kind: "malformed",
      line: 3,
    });
  });

  it("finds an unclosed quote in a later field after a closed multi-line one", () => {
    expect(readTable('id,a,b\n1,"x\ny",ok\n2,fine,"open\n', options)).toMatchObject({
      ok: false,
      line: 4,
    });
  });

  it("keeps quotes inside an unquoted field as text, as Excel does", () => {
    const table = rowsOf('id,note\n1,37.8"N\n2,"bad"x\n');
    expect(table.rows.map((row) => row.fields[1])).toEqual(['37.8"N', '"bad"x']);
  });

  it("refuses a record longer than the limit without buffering it", () => {
    const table = readTable(`id,note\n1,${"x".repeat(5000)}\n`, { maxRecordSize: 1000 });
    expect(table).toMatchObject({ ok: false, kind: "too-large", line: 2, limit: 1000 });
  });

  it("treats whitespace-only text as empty", () => {
    expect(readTable(" \r\n\r\n", options)).toEqual({ ok: false, kind: "empty" });
  });
});
