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
