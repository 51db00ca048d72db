import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { floorspace, root, sample } from "../helpers/cli.js";
import { type Cell, columnName, type SheetSpec, sampleTable, workbook } from "../helpers/zip.js";

/**
 * A workbook's estates sheet read as it inflates (ingest/sheet-stream.ts: its records judged as
 * they are made, none held) must give the report the same sheet read whole gives, byte for byte,
 * whatever the sheet holds; what only a whole sheet can mean (merged ranges, a formula without a
 * value, rows out of order, a second table) sends it to the whole road. The threshold is set to
 * nothing here (FLOORSPACE_STREAMED_SHEET_BYTES=0) so small sheets stream too, and `--debug` says
 * which road each file took.
 */
const out = join(root, "test-output", "streamed-sheet");
mkdirSync(out, { recursive: true });
const estates = sampleTable(sample("estates-en.csv"));
const centers = sampleTable(sample("centers-en.csv"));

/** Whole, streamed with the rows made on this thread, or made on a second one (sheet-worker.ts). */
type Road = "whole" | "here" | "worker";
const environments: Record<Road, Record<string, string>> = {
  whole: { FLOORSPACE_STREAMED_SHEET_BYTES: "Infinity" },
  here: { FLOORSPACE_STREAMED_SHEET_BYTES: "0", FLOORSPACE_SHEET_WORKER_BYTES: "Infinity" },
  worker: {
    FLOORSPACE_STREAMED_SHEET_BYTES: "0",
    FLOORSPACE_SHEET_WORKER_BYTES: "0",
    FLOORSPACE_THREADS: "2",
  },
};

function report(path: string, road: Road, extra: string[] = []) {
  const result = floorspace(
    [
      "check",
      path,
      "--format",
      "json",
      "--as-of",
      "2026-11-01",
      "--fail-on",
      "never",
      "--debug",
      ...extra,
    ],
    environments[road],
  );
  expect(result.status).toBeLessThanOrEqual(2);
  const taken = /read (streamed|whole)/.exec(result.stderr)?.[1];
  return { json: result.stdout.replace(/"generatedAt": "[^"]*"/, ""), road: taken };
}

function book(name: string, sheets: SheetSpec[]): string {
  const path = join(out, `${name}.xlsx`);
  writeFileSync(path, workbook(sheets));
  return path;
}

const withRows = (rows: Cell[][]) => rows;

/** A sheet's XML with inline strings, the rows in `hidden` hidden (one past the last: empty). */
function sheetXml(rows: Cell[][], hidden: ReadonlySet<number>): string {
  const xmlText = (text: string) =>
    text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const lines = rows.map((row, index) => {
    const line = index + 1;
    const cells = row
      .map((cell, column) =>
        cell === null || typeof cell === "object"
          ? ""
          : typeof cell === "number"
            ? `<c r="${columnName(column)}${line}"><v>${cell}</v></c>`
            : `<c r="${columnName(column)}${line}" t="inlineStr"><is><t>${xmlText(cell)}</t></is></c>`,
      )
      .join("");
    return `<row r="${line}"${hidden.has(line) ? ' hidden="1"' : ""}>${cells}</row>`;
  });
  const after = [...hidden]
    .filter((line) => line > rows.length)
    .map((line) => `<row r="${line}" hidden="1"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${[...lines, ...after].join("")}</sheetData></worksheet>`;
}
const header = estates[0] as Cell[];
const households = header.indexOf("households");
const district = header.indexOf("district");

const shapes: Array<[string, string, "streamed" | "whole", string[]?]> = [
  ["the sample's estates", book("plain", [{ name: "小区", rows: estates }]), "streamed"],
  [
    "a title and a unit line over the header, a totals row and signatures under it",
    book("form", [
      {
        name: "小区",
        rows: withRows([
          ["苏州市住宅小区社区用房情况统计表"],
          ["单位:平方米、户"],
          ...estates,
          ["合计", null, null, null, null, 12345],
          ["填表人:张三", null, null, "审核人:李四"],
        ]),
      },
    ]),
    "streamed",
  ],
  [
    "bad cells: a shared string the workbook lacks, a spreadsheet error, a placeholder",
    book("bad-cells", [
      {
        name: "小区",
        rows: estates.map((row, index) =>
          index === 2
            ? row.map((cell, column) =>
                column === 1 ? { xml: '<c r="{ref}" t="s"><v>99999</v></c>' } : cell,
              )
            : index === 3
              ? row.map((cell, column) => (column === households ? "#REF!" : cell))
              : index === 4
                ? row.map((cell, column) => (column === households ? "无" : cell))
                : row,
        ),
      },
    ]),
    "streamed",
  ],
  [
    "a sheet named for a district, and a row of another district",
    book("district-sheet", [
      {
        name: "姑苏区",
        rows: estates.map((row, index) =>
          index === 3 ? row.map((cell, column) => (column === district ? "吴中区" : cell)) : row,
        ),
      },
    ]),
    "streamed",
  ],
  [
    "hidden rows (a data row, an empty row after the last) and a hidden second sheet",
    book("hidden", [
      { name: "小区", xml: sheetXml(estates, new Set([3, estates.length + 5])) },
      { name: "社区", rows: centers, state: "hidden" },
    ]),
    "streamed",
  ],
  [
    "a column under a header the tool does not know (its rules not checked, never passed)",
    book("renamed", [
      {
        name: "小区",
        rows: estates.map((row, index) =>
          index === 0
            ? row.map((cell, column) =>
                column === header.indexOf("filing_no") ? "备案情况(备注)" : cell,
              )
            : row,
        ),
      },
    ]),
    "streamed",
  ],
  [
    "merged cells in the data (read whole)",
    book("merged", [
      {
        name: "小区",
        rows: estates,
        after: `<mergeCells count="1"><mergeCell ref="${columnName(district)}2:${columnName(district)}4"/></mergeCells>`,
      },
    ]),
    "whole",
  ],
  [
    "a formula without a value (read whole)",
    book("formula", [
      {
        name: "小区",
        rows: estates.map((row, index) =>
          index === 2
            ? row.map((cell, column) =>
                column === households ? { xml: '<c r="{ref}"><f>100+20</f></c>' } : cell,
              )
            : row,
        ),
      },
    ]),
    "whole",
  ],
  [
    "a second table under the first (read whole)",
    book("two-tables", [{ name: "小区", rows: [...estates, [], ...centers] }]),
    "whole",
  ],
  ["centers (read whole)", book("centers", [{ name: "社区", rows: centers }]), "whole"],
  [
    "both registers in one workbook (read whole)",
    book("both", [
      { name: "小区", rows: estates },
      { name: "社区", rows: centers },
    ]),
    "whole",
  ],
  [
    "one sheet of two chosen with --sheet",
    book("chosen", [
      { name: "小区", rows: estates },
      { name: "社区", rows: centers },
    ]),
    "streamed",
    ["--sheet", "小区"],
  ],
];

describe("an estates sheet streamed", () => {
  it("says a rule whose column it cannot find was not checked, and passes no record on it", () => {
    const path = shapes.find(([name]) => name.startsWith("a column under a header"))?.[1] as string;
    const report = JSON.parse(
      floorspace(
        ["check", path, "--format", "json", "--as-of", "2026-11-01", "--fail-on", "never"],
        environments.here,
      ).stdout,
    );
    expect(report.summary.coverage["space-filing"]).toMatchObject({ pass: 0 });
    expect(report.summary.notChecked.map((entry: { ruleId: string }) => entry.ruleId)).toContain(
      "space-filing",
    );
  });

  it.each(shapes)("%s: the report of the sheet read whole", (_name, path, road, extra = []) => {
    const whole = report(path, "whole", extra);
    expect(whole.road).toBe("whole");
    for (const streamed of [report(path, "here", extra), report(path, "worker", extra)]) {
      expect(streamed.road).toBe(road);
      expect(streamed.json).toBe(whole.json);
    }
  });

  it.each(
    readdirSync(join(root, "fixtures", "workbooks"))
      .filter((name) => name.endsWith(".xlsx"))
      .map((name) => [join(root, "fixtures", "workbooks", name)]),
  )("the fixture %s: the same report", (path) => {
    const whole = report(path, "whole").json;
    expect(report(path, "here").json).toBe(whole);
    expect(report(path, "worker").json).toBe(whole);
  });

  it("a sheet whose compressed bytes break part way: the whole road's refusal, not a crash", () => {
    const bytes = workbook([
      {
        name: "小区",
        rows: [
          ...estates,
          ...estates
            .slice(1)
            .map((row) => row.map((cell, column) => (column === 0 ? `${cell}-2` : cell))),
        ],
      },
    ]);
    const sheetAt = bytes.indexOf("xl/worksheets/sheet1.xml") + 200;
    bytes[sheetAt] = (bytes[sheetAt] ?? 0) ^ 0xff;
    const path = join(out, "broken.xlsx");
    writeFileSync(path, bytes);
    const whole = report(path, "whole");
    expect(report(path, "here").json).toBe(whole.json);
    expect(report(path, "worker").json).toBe(whole.json);
    expect(whole.json).toMatch(/workbook-unreadable|workbook-too-large/);
  });

  it("judges estates against the centers of another file, and the centers against its sums", () => {
    const path = book("with-centers-file", [{ name: "小区", rows: estates }]);
    const centersFile = sample("centers-en.csv");
    const whole = report(path, "whole", [centersFile]);
    for (const road of ["here", "worker"] as const) {
      const streamed = report(path, road, [centersFile]);
      expect(streamed.road).toBe("streamed");
      expect(streamed.json).toBe(whole.json);
    }
  });
});
