import { describe, expect, it } from "vitest";
import { SharedStrings } from "../../src/ingest/shared-strings.js";
import { readSheetCells } from "../../src/ingest/sheet-xml.js";
import { sharedStrings, type WorkbookPlan } from "../../src/ingest/workbook-archive.js";
import { archiveOfPieces } from "../helpers/zip.js";

/**
 * A sheet's cells are the same however the pieces of its part fall. The reader reads plain cells
 * and rows straight from the text, leaves the last tags of each piece and anything unusual to
 * the XML scanner, and finishes a tag cut by a piece's end in a short string of its own: cutting
 * the part everywhere holds each of those ways of reading a tag to the others.
 */
const archiveOf = (pieces: Uint8Array[]) => archiveOfPieces("sheet.xml", pieces);

const strings = SharedStrings.of(["名称", "苏州 &amp; 吴中", "C0", "E1"]);

async function cellsOf(pieces: Uint8Array[]) {
  const plan: WorkbookPlan = {
    path: "register.xlsx",
    sheets: [{ name: "台账", hidden: false, veryHidden: false, entry: "sheet.xml" }],
    strings,
    dateStyles: [false, true],
    date1904: false,
    archive: archiveOf(pieces),
  };
  const cells = await readSheetCells(plan, plan.sheets[0] as WorkbookPlan["sheets"][0]);
  return {
    rows: cells.rows.map((row) => [row.line, ...row.fields]),
    hidden: cells.hiddenRows,
    merges: cells.merges.map((merge) => merge.ref),
    faults: [...cells.faults],
    formulas: cells.formulasWithoutValue,
  };
}

// Every way of writing a row and a cell the readers meet, and enough rows that the reader's own
// way of reading runs (it leaves the last few hundred characters of a piece to the scanner).
const shapes = [
  '<row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>42789</v></c><c r="C1"><v>1448.8</v></c><c r="D1" t="s"><v>1</v></c></row>',
  '<row r="2" hidden="1"><c r="A2" s="1" t="s"><v>2</v></c><c r="C2" t="str"><v>a &lt; b</v></c><c r="D2"/></row>',
  '<row r="3" x:hidden="true"><c r="B3" t="b"><v>1</v></c><c r="C3" t="inlineStr"><is><t>内联 text</t></is></c></row>',
  '<row r="4"><c r="A4"><f>1+1</f><v>2</v></c><c r="B4" t="e"><v>#N/A</v></c><c r="C4" t="s"><v>9</v></c></row>',
  '<row r="5" ><c  r = "A5"  t = "s" ><v>3</v></c><c r=\'B5\'><v>0.1</v></c><c r="c5"><v>7</v></c></row>',
  '<row r="6"><c r="A6" t="d"><v>2015-12-31T00:00:00</v></c><c r="B6" s="1"><v>43466.75</v></c><c t="s"><v>2</v></c></row>',
  '<row r="7"><c r="A7" t="s"><v> 1 </v></c><c r="B7"><v>1.50</v></c><c r="C7"><v>1E-3</v></c><c r="D7"><v>&#49;2</v></c></row>',
  '<row r="8" hidden="0"><c r="A8" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r><rPh><t>ふ</t></rPh></is></c></row>',
  '<row r="9"><c r="A9" t="str"><f>A1</f><v><![CDATA[x<y]]></v></c><c r="B9" s="0"><v>12345678901234567</v></c></row>',
  '<row><c><v>10</v></c><c t="s"><v>0</v></c></row>',
  '<x:row r="11"><x:c r="A11" t="s"><x:v>1</x:v></x:c></x:row>',
  '<row r="12">\n  <c r="A12" t="s">\n    <v>3</v>\n  </c>\n  <c r="B12"><v>-0</v></c>\n</row>',
  '<row r="13"/>',
  '<row r="14"><c r="A14"><f>SUM(B1:B2)</f></c></row>',
  '<row r="15" spans="1:2" note="a &gt; b"><c r="A15"><v>15</v></c></row>',
  '<row r="16" spans="1:2" note="x>y" ht="20"><c r="B16"><v>16</v></c></row>',
  '<row r="17" note="x>y"><c r="B17"><v>17</v></c></row>',
];
const rows: string[] = [];
for (let round = 0; round < 4; round++) {
  for (const [index, shape] of shapes.entries()) {
    const line = round * 100 + index + 1;
    rows.push(
      shape.replace(/(r=["'][A-Za-z]*|<row r=")(\d+)/g, (_, head: string) => `${head}${line}`),
    );
  }
}
// One tag longer than the head of a piece the reader joins to a tag carried over.
rows.push(`<row r="500"><c r="A500" t="inlineStr"><is><t>${"长".repeat(6000)}</t></is></c></row>`);
const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells></worksheet>`;
const bytes = new TextEncoder().encode(sheet);

describe("a sheet's cells, however the pieces of its part fall", () => {
  it("are the same cut once anywhere", async () => {
    const whole = await cellsOf([bytes]);
    expect(whole.rows.length).toBeGreaterThan(50);
    expect(whole.hidden.length).toBeGreaterThan(0);
    for (let cut = 0; cut <= bytes.length; cut += cut < 6000 ? 1 : 97) {
      expect(await cellsOf([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at ${cut}`).toEqual(
        whole,
      );
    }
  }, 120_000);

  it("are the same in pieces of every size from 1 to 700 bytes", async () => {
    const whole = await cellsOf([bytes]);
    for (let size = 1; size <= 700; size += size < 40 ? 1 : 37) {
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
      expect(await cellsOf(pieces), `pieces of ${size}`).toEqual(whole);
    }
  }, 120_000);

  it("are what the cells say, read the reader's own way and the scanner's", async () => {
    const { rows: read, hidden, faults, formulas } = await cellsOf([bytes]);
    const byLine = new Map(read.map(([line, ...fields]) => [line, fields]));
    expect(byLine.get(1)).toEqual(["名称", "2017-02-23", "1448.8", "苏州 &amp; 吴中"]);
    expect(byLine.get(2)).toEqual(["C0", "", "a < b"]);
    expect(byLine.get(3)).toEqual(["", "TRUE", "内联 text"]);
    expect(byLine.get(4)?.slice(0, 2)).toEqual(["2", "#N/A"]);
    expect(faults.map(([key, fault]) => [key, fault.cell])).toEqual([
      ["4:2", "C4"],
      ["104:2", "C104"],
      ["204:2", "C204"],
      ["304:2", "C304"],
    ]);
    expect(formulas).toEqual(["A14", "A114", "A214", "A314"]);
    expect(byLine.get(14)).toEqual(["=SUM(B1:B2)"]);
    expect(byLine.get(5)).toEqual(["E1", "0.1", "7"]);
    expect(byLine.get(6)).toEqual(["2015-12-31", "2019-01-01", "C0"]);
    expect(byLine.get(7)).toEqual(["苏州 &amp; 吴中", "1.5", "0.001", "12"]);
    expect(byLine.get(8)).toEqual(["富文本"]);
    expect(byLine.get(9)).toEqual(["x<y", "12345678901234600"]);
    expect(byLine.get(10)).toEqual(["10", "名称"]);
    expect(byLine.get(11)).toEqual(["苏州 &amp; 吴中"]);
    expect(byLine.get(12)).toEqual(["E1", "0"]);
    expect(byLine.get(15)).toEqual(["15"]);
    expect(byLine.get(16)).toEqual(["", "16"]);
    expect(byLine.get(17)).toEqual(["", "17"]);
    expect(byLine.get(500)?.[0]).toHaveLength(6000);
    expect(hidden).toEqual([2, 3, 102, 103, 202, 203, 302, 303]);
  });
});

describe("a workbook's shared strings, however the pieces of their part fall", () => {
  const shapes = [
    "<si><t>名称</t></si>",
    '<si><t xml:space="preserve"> 吴中区 </t></si>',
    "<si><t>A &amp; B</t></si>",
    "<si><t>line_x000D_break</t></si>",
    "<si><r><t>rich </t></r><r><t>text</t></r></si>",
    "<si/>",
    '<si><t>ふりがな</t><rPh sb="0" eb="1"><t>フ</t></rPh></si>',
    "<si>\n  <t>spaced markup</t>\n</si>",
    "<si><t></t></si>",
  ];
  const items: string[] = [];
  for (let round = 0; round < 30; round++) {
    for (const shape of shapes) items.push(shape.replace("名称", `名称${round}`));
  }
  const part = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items.join("")}</sst>`;
  const partBytes = new TextEncoder().encode(part);
  const read = async (pieces: Uint8Array[]) => {
    const strings = await sharedStrings(archiveOfPieces("strings.xml", pieces), "strings.xml");
    return Array.from({ length: strings.length }, (_, index) => strings.get(index));
  };

  it("are the same cut once anywhere, and in pieces of 1 to 300 bytes", async () => {
    const whole = await read([partBytes]);
    expect(whole.slice(0, shapes.length)).toEqual([
      "名称0",
      " 吴中区 ",
      "A & B",
      "line\rbreak",
      "rich text",
      "",
      "ふりがな",
      "spaced markup",
      "",
    ]);
    expect(whole).toHaveLength(items.length);
    for (let cut = 0; cut <= partBytes.length; cut += 3) {
      expect(
        await read([partBytes.subarray(0, cut), partBytes.subarray(cut)]),
        `cut at ${cut}`,
      ).toEqual(whole);
    }
    for (let size = 1; size <= 300; size += size < 20 ? 1 : 23) {
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < partBytes.length; at += size)
        pieces.push(partBytes.subarray(at, at + size));
      expect(await read(pieces), `pieces of ${size}`).toEqual(whole);
    }
  }, 120_000);
});
