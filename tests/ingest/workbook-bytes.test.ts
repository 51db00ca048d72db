import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultIngestOptions } from "../../src/ingest/index.js";
import { readWorkbook } from "../../src/ingest/workbook.js";
import { zip } from "../helpers/zip.js";

/**
 * A workbook handed over as bytes (the page) is read exactly as the same file from disk (the
 * command line): the same inputs, records, problems and refusals, whether its parts are inflated
 * by zlib through yauzl or by the platform's DecompressionStream (zip-bytes.ts).
 */
const folder = join(import.meta.dirname, "..", "..", "fixtures", "workbooks");
const books = readdirSync(folder).filter((name) => /\.(xlsx|xlsm|ods|xls)$/.test(name));

async function bothWays(path: string, bytes: Uint8Array = readFileSync(path)) {
  const fromFile = await readWorkbook(path, defaultIngestOptions);
  const fromBytes = await readWorkbook(path, { ...defaultIngestOptions, bytes });
  return { fromFile, fromBytes };
}

describe("a workbook read from its bytes", () => {
  it.each(books)("%s: the same inputs as from its file", async (name) => {
    const { fromFile, fromBytes } = await bothWays(join(folder, name));
    expect(fromBytes).toEqual(fromFile);
  });

  it("refuses a part that inflates past what it declares, as from the file", async () => {
    const huge = "<x>".repeat(400_000);
    const bytes = zip([{ name: "xl/workbook.xml", data: Buffer.from(huge), declaredSize: 1_000 }]);
    const path = join(import.meta.dirname, "..", "..", "test-output", "lying.xlsx");
    const { writeFileSync, mkdirSync } = await import("node:fs");
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, bytes);
    const { fromFile, fromBytes } = await bothWays(path, bytes);
    expect(fromBytes).toEqual(fromFile);
    expect(fromBytes[0]?.problems[0]?.code).toMatch(/^workbook-/);
  });
});

describe("a damaged workbook, from its bytes and from its file", () => {
  const original = readFileSync(join(folder, "registers.xlsx"));
  const cut = [0.1, 0.5, 0.9, 0.99].map((share) => Math.floor(original.length * share));
  // Bytes changed inside a compressed part, in its local header and in the central directory.
  const flips = [0.2, 0.45, 0.7, original.length - 40].map((at) =>
    at < 1 ? Math.floor(original.length * at) : at,
  );
  const shapes: Array<[string, Buffer]> = [
    ...cut.map((length): [string, Buffer] => [`cut at ${length}`, original.subarray(0, length)]),
    ...flips.map((at): [string, Buffer] => {
      const changed = Buffer.from(original);
      changed[at] = (changed[at] ?? 0) ^ 0xff;
      return [`byte ${at} changed`, changed];
    }),
  ];
  it.each(shapes)("%s: the same codes either way, and no exception", async (name, bytes) => {
    const path = join(
      import.meta.dirname,
      "..",
      "..",
      "test-output",
      `damaged-${name.replace(/\W+/g, "-")}.xlsx`,
    );
    const { writeFileSync, mkdirSync } = await import("node:fs");
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, bytes);
    const { fromFile, fromBytes } = await bothWays(path, bytes);
    const codes = (inputs: typeof fromFile) =>
      inputs.map((input) => [input.usable, input.problems.map((problem) => problem.code)]);
    expect(codes(fromBytes)).toEqual(codes(fromFile));
  });
});
