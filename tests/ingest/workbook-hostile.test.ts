import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { floorspace, root, sample } from "../helpers/cli.js";
import {
  type Cell,
  columnName,
  type SheetSpec,
  sampleTable,
  workbook,
  zip,
} from "../helpers/zip.js";

/**
 * Workbooks shaped as a hostile or unlucky user makes them (issue 23): every sheet read or the
 * file refused, every expansion bounded by what the file holds, exit codes 0–3, no stack, and
 * nothing in TMPDIR touched but what the run made.
 */
const scratch = mkdtempSync(join(tmpdir(), "workbook-hostile-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const estates = sampleTable(sample("estates-en.csv"));
const centers = sampleTable(sample("centers-en.csv"));

let count = 0;
function write(bytes: Buffer): string {
  const path = join(scratch, `book-${++count}.xlsx`);
  writeFileSync(path, bytes);
  return path;
}

/** A TMPDIR with neighbours named like a run's leftovers; returns it and a check they survive. */
function neighbourhood(): { tmp: string; untouched: () => void } {
  const tmp = join(scratch, `tmp-${++count}`);
  mkdirSync(join(tmp, "floorspace-2023-data"), { recursive: true });
  writeFileSync(join(tmp, "floorspace-2023-data", "keep.csv"), "x");
  writeFileSync(join(tmp, "floorspace-20241201-notes.txt"), "notes");
  mkdirSync(join(tmp, ".floorspace-run-12345"));
  writeFileSync(join(tmp, ".floorspace-run-12345", "mine.txt"), "not a run's");
  const before = readdirSync(tmp, { recursive: true }).sort();
  return {
    tmp,
    untouched: () => expect(readdirSync(tmp, { recursive: true }).sort()).toEqual(before),
  };
}

function check(path: string, extra: string[] = []) {
  const { tmp, untouched } = neighbourhood();
  const result = floorspace(
    ["check", path, "--as-of", "2026-11-01", "--lang", "en", "--format", "json", ...extra],
    { TMPDIR: tmp },
  );
  untouched();
  expect(result.status === null ? "killed" : result.status).toBeLessThanOrEqual(3);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return { ...result, report: result.stdout ? JSON.parse(result.stdout) : undefined };
}

type Report = {
  inputs: Array<{ kind: string; records: number; rejected: number; sheet?: string }>;
  inputErrors: Array<{ code: string; cell?: string; sheet?: string; message: string }>;
  notices: Array<{ code: string; message: string }>;
};
const kinds = (report: Report) => report.inputs.map((input) => `${input.kind}:${input.records}`);

describe("every sheet a workbook holds is read, wherever its parts lie in the archive", () => {
  const notes: SheetSpec = { name: "说明", rows: [["本表由街道填报"], ["单位:平方米"]] };
  const layouts: Array<[string, SheetSpec[], "strings-first" | "strings-last"]> = [];
  for (const order of ["strings-first", "strings-last"] as const) {
    for (const gap of [0, 1, 3]) {
      const between = Array.from({ length: gap }, (_, index) => ({
        ...notes,
        name: `说明${index}`,
      }));
      layouts.push([
        `estates, ${gap} notes sheets, centers (${order})`,
        [{ name: "小区", rows: estates }, ...between, { name: "社区", rows: centers }],
        order,
      ]);
      layouts.push([
        `centers, ${gap} notes sheets, estates (${order})`,
        [{ name: "社区", rows: centers }, ...between, { name: "小区", rows: estates }],
        order,
      ]);
    }
  }
  it.each(layouts)("%s", (_, sheets, order) => {
    const { status, report } = check(write(workbook(sheets, { order })));
    expect(status).toBe(1);
    expect(kinds(report).sort()).toEqual(["centers:16", "estates:32"]);
  });
});

describe("cells that name what the workbook does not hold are errors at their cell", () => {
  it("a shared string index past the table rejects its row, naming the cell", () => {
    const rows = estates.slice(0, 3).map((row) => [...row]);
    // Row 3's name cell (B3) is rewritten to name string 99999.
    const path = write(
      workbook([
        {
          name: "小区",
          rows: rows.map((row, index) =>
            index === 2
              ? row.map((cell, column) =>
                  column === 1 ? { xml: '<c r="{ref}" t="s"><v>99999</v></c>' } : cell,
                )
              : row,
          ),
        },
      ]),
    );
    const { report } = check(path);
    const error = report.inputErrors.find(
      (item: { code: string }) => item.code === "unreadable-cell",
    );
    expect(error).toMatchObject({ cell: "B3", sheet: "小区" });
    expect(error.message).toContain("99999");
    expect(report.inputs[0]).toMatchObject({ records: 2, rejected: 1 });
  });

  it("bytes a UTF-8 sheet cannot decode reject their row at the cell, in a plain <v> too", () => {
    const header = estates[0] as Cell[];
    const households = header.indexOf("households");
    const cells = (values: Cell[], line: number, spoilt = -1) =>
      values
        .map((value, column) =>
          column === spoilt
            ? `<c r="${columnName(column)}${line}"><v>12\u0001</v></c>`
            : typeof value === "number"
              ? `<c r="${columnName(column)}${line}"><v>${value}</v></c>`
              : `<c r="${columnName(column)}${line}" t="inlineStr"><is><t>${value}</t></is></c>`,
        )
        .join("");
    const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData><row r="1">${cells(header, 1)}</row><row r="2">${cells(estates[1] as Cell[], 2, households)}</row><row r="3">${cells(estates[2] as Cell[], 3)}</row></sheetData></worksheet>`;
    // 0x01 stands in for a byte no UTF-8 reader accepts (0xff).
    const bytes = Buffer.from(xml, "utf8");
    bytes[bytes.indexOf(1)] = 0xff;
    const { report } = check(write(workbook([{ name: "S", xml: bytes }])));
    expect(report.inputErrors).toContainEqual(
      expect.objectContaining({ code: "unreadable-cell", cell: `${columnName(households)}2` }),
    );
    expect(report.inputs[0]).toMatchObject({ records: 2, rejected: 1 });
  });

  it("a sheet declared in ISO-8859-1 is read in that encoding", () => {
    const header = estates[0] as Cell[];
    const households = header.indexOf("households");
    // A households cell that reads "Café": rejected, and the error quotes it as written.
    const row = (estates[1] as Cell[]).map((cell, column) =>
      column === households ? "Café" : cell,
    );
    const cells = (values: Cell[], line: number) =>
      values
        .map((value, column) =>
          typeof value === "number"
            ? `<c r="${columnName(column)}${line}"><v>${value}</v></c>`
            : `<c r="${columnName(column)}${line}" t="inlineStr"><is><t>${value}</t></is></c>`,
        )
        .join("");
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><worksheet><sheetData><row r="1">${cells(header, 1)}</row><row r="2">${cells(row, 2)}</row></sheetData></worksheet>`;
    const latin1 = Buffer.from(
      [...xml].map((character) => (character.charCodeAt(0) > 0xff ? "?" : character)).join(""),
      "latin1",
    );
    expect(latin1.includes(Buffer.from([0x43, 0x61, 0x66, 0xe9]))).toBe(true);
    const { report } = check(write(workbook([{ name: "S", xml: latin1 }])));
    expect(JSON.stringify(report)).not.toContain("\uFFFD");
    expect(report.inputErrors).toContainEqual(
      expect.objectContaining({
        code: "invalid-number",
        value: "Café",
        cell: `${columnName(households)}2`,
      }),
    );
  });
});

describe("merged ranges are bounded by the cells the sheet holds", () => {
  const small = estates.slice(0, 4);
  for (const ref of ["A2:XFD1048576", "C2:C99999999999", "C2:C20001"]) {
    it(`${ref} over a few rows: read in moments, no row made, a notice`, () => {
      const started = Date.now();
      const { status, report } = check(
        write(
          workbook([
            {
              name: "小区",
              rows: small,
              after: `<mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells>`,
            },
          ]),
        ),
      );
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(status).toBeLessThanOrEqual(3);
      // Three rows under the header, read as three (valid or rejected), never thousands.
      expect(report.inputs[0].records).toBe(3);
      expect(report.notices.map((notice: { code: string }) => notice.code)).toContain(
        "merged-range-clipped",
      );
    });
  }
});

describe("sizes are what the parts hold, not what they declare", () => {
  it("shared strings that declare 1,000 bytes and inflate far more are refused, memory bounded", () => {
    const huge = `<sst>${"<si><t>x</t></si>".repeat(5_000_000)}</sst>`;
    const path = write(
      zip([
        {
          name: "_rels/.rels",
          data: '<Relationships><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        },
        {
          name: "xl/workbook.xml",
          data: '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
        },
        {
          name: "xl/_rels/workbook.xml.rels",
          data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        },
        { name: "xl/worksheets/sheet1.xml", data: "<worksheet><sheetData/></worksheet>" },
        { name: "xl/sharedStrings.xml", data: huge, declaredSize: 1000 },
      ]),
    );
    const { status, stdout } = check(path, ["--max-file-size", "1M"]);
    expect(status).toBe(2);
    expect(stdout).toContain("workbook-too-large");
  });

  it("a part no sheet names is never inflated", () => {
    const bomb = {
      name: "xl/worksheets/sheet99.xml",
      data: `<x>${"0".repeat(30_000_000)}</x>`,
      declaredSize: 10,
    };
    const { status, report } = check(
      write(workbook([{ name: "小区", rows: estates }], { extra: [bomb] })),
    );
    expect(status).toBe(1);
    expect(kinds(report)).toEqual(["estates:32"]);
  });

  it("sheets that all name one part are refused before it is inflated twice", () => {
    const started = Date.now();
    const { status, stdout } = check(write(workbookNamingOnePart(1500)));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(status).toBe(2);
    expect(stdout).toContain("name the same part");
  });

  it("3 rows of 16,384 columns are read in time linear in their cells", () => {
    const wide = Array.from({ length: 3 }, (_, row) =>
      Array.from({ length: 16_384 }, (_, column) => (row === 0 ? `h${column}` : column)),
    );
    const started = Date.now();
    const { status } = check(write(workbook([{ name: "wide", rows: wide }])));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(status).toBe(2);
  });

  it("a cell past column XFD refuses the workbook, naming it", () => {
    const { status, stdout } = check(
      write(
        workbook([
          {
            name: "S",
            xml: '<worksheet><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>',
          },
        ]),
      ),
    );
    expect(status).toBe(2);
    expect(stdout).toContain("XFE1");
  });
});

describe("the other office formats keep the same bounds", () => {
  const libreofficeXls = readFileSync(
    join(root, "fixtures", "workbooks", "registers-libreoffice.xls"),
  );
  const refused = (bytes: Buffer, code: string) => {
    const { status, stdout } = check(write(bytes));
    expect(status).toBe(2);
    expect(stdout).toContain(code);
  };

  it("an .xls cut in half is refused, naming why", () => {
    refused(
      libreofficeXls.subarray(0, Math.floor(libreofficeXls.length / 2)),
      "workbook-unreadable",
    );
  });

  it("an .xls whose sector chain loops is refused, not followed", () => {
    const bytes = Buffer.from(libreofficeXls);
    const directory = bytes.readUInt32LE(0x30);
    const fatSector = bytes.readUInt32LE(0x4c);
    bytes.writeUInt32LE(directory, (fatSector + 1) * 512 + directory * 4);
    refused(bytes, "workbook-unreadable");
  });

  it("an .ods row of 16,384 repeated values repeated over a million rows is refused at once", () => {
    const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
    const started = Date.now();
    const { status, stdout } = check(
      write(
        zip([
          { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", store: true },
          { name: "content.xml", data: content },
        ]),
      ),
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(status).toBe(2);
    expect(stdout).toContain("workbook-too-large");
  });

  it("a web page cell spanning the whole sheet is bounded by the cells the table holds", () => {
    const rows = estates
      .slice(0, 4)
      .map(
        (cells, index) =>
          `<tr>${index === 1 ? '<td colspan="16384" rowspan="1048576">x</td>' : ""}${cells.map((cell) => `<td>${cell}</td>`).join("")}</tr>`,
      )
      .join("");
    const started = Date.now();
    const { status } = check(write(Buffer.from(`<html><table>${rows}</table></html>`)));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(status).toBeLessThanOrEqual(2);
  });
});

describe("nothing is left in TMPDIR", () => {
  it("a workbook check with a streamed report leaves TMPDIR as it found it", () => {
    const { tmp, untouched } = neighbourhood();
    const path = write(
      workbook([
        { name: "小区", rows: estates },
        { name: "社区", rows: centers },
      ]),
    );
    const result = floorspace(["check", path, "--as-of", "2026-11-01", "--format", "json"], {
      TMPDIR: tmp,
    });
    expect(result.status).toBe(1);
    untouched();
  });

  it("a run folder left by a killed run (its marker names a dead process) is removed", () => {
    const { tmp } = neighbourhood();
    const leftover = join(tmp, ".floorspace-run-abc123");
    mkdirSync(leftover, { mode: 0o700 });
    writeFileSync(
      join(leftover, "floorspace-run.json"),
      JSON.stringify({ tool: "floorspace temporary files", pid: 2 ** 22 + 7 }),
    );
    writeFileSync(join(leftover, "spool-1"), "x");
    const result = floorspace(
      ["check", sample("estates-en.csv"), "--as-of", "2026-11-01", "--format", "json"],
      { TMPDIR: tmp },
    );
    expect(result.status).toBe(1);
    expect(readdirSync(tmp)).not.toContain(".floorspace-run-abc123");
    expect(readdirSync(tmp)).toContain(".floorspace-run-12345");
    expect(readdirSync(tmp)).toContain("floorspace-2023-data");
  });
});

function workbookNamingOnePart(sheets: number): Buffer {
  const names = Array.from(
    { length: sheets },
    (_, index) => `<sheet name="S${index}" sheetId="${index + 1}" r:id="rId1"/>`,
  ).join("");
  const sheetXml = `<worksheet><sheetData>${"<row><c><v>1</v></c></row>".repeat(200_000)}</sheetData></worksheet>`;
  return zip([
    {
      name: "_rels/.rels",
      data: '<Relationships><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    { name: "xl/workbook.xml", data: `<workbook><sheets>${names}</sheets></workbook>` },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    { name: "xl/worksheets/sheet1.xml", data: sheetXml },
  ]);
}
