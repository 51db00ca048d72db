import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { partText } from "../../src/ingest/archive-xml.js";
import { spreadsheetCells } from "../../src/ingest/workbook.js";
import { archiveOfPieces, workbook } from "../helpers/zip.js";

/**
 * A part's text decoded as it inflates: UTF-8 a whole number of characters at a time (the bytes
 * of a character cut by a piece's end carried over), the same text however the pieces fall.
 */
const archiveOf = (pieces: Uint8Array[]) => archiveOfPieces("part.xml", pieces);

const text =
  '<?xml version="1.0" encoding="UTF-8"?><t>苏州工业园区 € 𠀋 emoji 🏠 and Café, \uFEFF inside</t>';
const bytes = new TextEncoder().encode(text);

describe("a part's text, however its pieces are cut", () => {
  it("is the same text for a cut at every byte", async () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const pieces = [bytes.subarray(0, cut), bytes.subarray(cut)];
      expect(await partText(archiveOf(pieces), "part.xml")).toBe(text);
    }
  });

  it("is the same text cut into pieces of one, two and three bytes", async () => {
    for (const size of [1, 2, 3]) {
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
      expect(await partText(archiveOf(pieces), "part.xml")).toBe(text);
    }
  });

  it("drops a byte-order mark at the start only, and keeps U+FEFF inside the text", async () => {
    const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(await partText(archiveOf([marked.subarray(0, 2), marked.subarray(2)]), "part.xml")).toBe(
      text,
    );
    const inside = new TextEncoder().encode("<a>x</a>\uFEFF<b/>");
    // The U+FEFF begins the second piece: text, not a mark.
    expect(await partText(archiveOf([inside.subarray(0, 8), inside.subarray(8)]), "part.xml")).toBe(
      "<a>x</a>\uFEFF<b/>",
    );
  });

  it("turns a character the part cuts off at its end into U+FFFD, as a streaming decoder does", async () => {
    const cut = bytes.subarray(0, bytes.indexOf(0xe8) + 2);
    const streamed = new TextDecoder().decode(cut);
    expect(await partText(archiveOf([cut]), "part.xml")).toBe(streamed);
    expect(streamed.endsWith("\uFFFD")).toBe(true);
  });
});

describe("cells written in every way Excel and others write their attributes", () => {
  const scratch = mkdtempSync(join(tmpdir(), "part-text-test-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("reads r, s and t wherever they stand, with spaces, single quotes and other attributes", async () => {
    const path = join(scratch, "spaced.xlsx");
    writeFileSync(
      path,
      workbook([
        {
          name: "Sheet1",
          rows: [
            [
              { xml: `<c r = "A1" t = "str" ><v>spaced</v></c>` },
              { xml: `<c t='str' r='B1'><v>single</v></c>` },
              { xml: `<c r="C1" cm="1" t="str"><v>with cm</v></c>` },
              { xml: `<c r="D1" x14:foo="1" t="str"><v>prefixed</v></c>` },
              { xml: `<c r="E1" s="0"><v>401.2</v></c>` },
            ],
          ],
        },
      ]),
    );
    const [sheet] = await spreadsheetCells(path, 1 << 20);
    expect(sheet?.cells.rows[0]?.fields).toEqual([
      "spaced",
      "single",
      "with cm",
      "prefixed",
      "401.2",
    ]);
  });

  it("reads shared strings with references and Office escapes, and plain ones as written", async () => {
    const strings = [
      "<si><t>plain 名称</t></si>",
      "<si><t>A &amp; B &lt;1&gt; &#x4E2D;</t></si>",
      "<si><t>line_x000D_break_x005F_x0041_</t></si>",
      '<si><t xml:space="preserve"> spaced </t></si>',
      "<si/>",
      "<si><r><t>rich </t></r><r><t>text</t></r></si>",
    ];
    const path = join(scratch, "strings.xlsx");
    writeFileSync(
      path,
      workbook(
        [
          {
            name: "Sheet1",
            rows: [strings.map((_, index) => ({ xml: `<c r="{ref}" t="s"><v>${index}</v></c>` }))],
          },
        ],
        { sharedStrings: `<sst>${strings.join("")}</sst>` },
      ),
    );
    const [sheet] = await spreadsheetCells(path, 1 << 20);
    expect(sheet?.cells.rows[0]?.fields).toEqual([
      "plain 名称",
      "A & B <1> 中",
      "line\rbreak_x0041_",
      " spaced ",
      "",
      "rich text",
    ]);
  });
});
