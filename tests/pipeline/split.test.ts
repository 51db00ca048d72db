import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { discoverRecordBreak, fastScan } from "../../src/ingest/fast-table.js";
import { planInput } from "../../src/ingest/plan.js";
import { splitParts } from "../../src/pipeline/split.js";
import { awkwardName, estatesHeader, lineBreak } from "../helpers/awkward-csv.js";

/** The streaming plan planInput makes of a text file, or null when it would be read whole. */
async function planStream(...given: Parameters<typeof planInput>) {
  const plan = await planInput(...given);
  return plan.road === "stream" ? plan.stream : null;
}

const work = join(import.meta.dirname, "..", "..", "test-output", "split");
mkdirSync(work, { recursive: true });

describe("splitParts", () => {
  it("cuts only where a record starts, and knows the line it starts on", async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        lineBreak,
        fc.array(awkwardName, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 64 }),
        async (lineBreak, names, parts, blockBytes) => {
          const rows = names.map((text, index) => `E${index},${text},姑苏区,100,40`);
          const text = [estatesHeader, ...rows, ""].join(lineBreak);
          const path = join(work, `split-${file++}.csv`);
          writeFileSync(path, text);
          const plan = await planStream(path, {
            encoding: "auto",
            maxFileSize: 1 << 20,
            maxRecordSize: 1 << 20,
          });
          if (!plan) throw new Error("a plain estates file must stream");
          const options = {
            delimiter: ",",
            recordBreak: discoverRecordBreak(text),
            maxRecordChars: 1e6,
          };
          const whole: Array<[number, string[]]> = [];
          fastScan(text, 0, text.length, { ...options, firstLine: 1 }, (line, fields) =>
            whole.push([line, fields]),
          );
          const bounds = await splitParts(path, plan, parts, blockBytes);
          const bytes = Buffer.from(text);
          expect(bounds[0]?.start).toBe(0);
          expect(bounds.at(-1)?.end).toBe(bytes.length);
          // Each part parsed on its own, from the line it was given: together, the whole file.
          const inParts: Array<[number, string[]]> = [];
          for (const [index, bound] of bounds.entries()) {
            if (index > 0) expect(bound.start).toBe(bounds[index - 1]?.end);
            const partText = bytes.subarray(bound.start, bound.end).toString("utf8");
            const scanned = fastScan(
              partText,
              0,
              partText.length,
              { ...options, firstLine: bound.firstLine },
              (line, fields) => inParts.push([line, fields]),
            );
            expect(scanned).not.toBeNull();
          }
          expect(inParts).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("planInput, for a text file that streams", () => {
  const plan = (path: string) =>
    planStream(path, { encoding: "auto", maxFileSize: 1 << 30, maxRecordSize: 1 << 20 });
  const rows = (count: number, name = "n") =>
    Array.from({ length: count }, (_, index) => `E${index},${name},姑苏区,100,40`);

  it("reads a header longer than its first 64 KB from the whole peek", async () => {
    const path = join(work, "long-header.csv");
    writeFileSync(path, [`${estatesHeader},${"x".repeat(70_000)}`, ...rows(3000), ""].join("\n"));
    const planned = await plan(path);
    expect(planned?.header.fields).toHaveLength(6);
    expect(planned?.recordBreak).toBe("\n");
  });

  it("judges the encoding on the whole peek, not only the first 64 KB", async () => {
    // ASCII for 90 KB, then a GB18030 name: not UTF-8, though the first 64 KB would pass as such.
    const path = join(work, "late-gb18030-peek.csv");
    const head = Buffer.from(
      [estatesHeader, ...rows(5000), ""].join("\n").replaceAll("姑苏区", "Gusu"),
    );
    expect(head.length).toBeGreaterThan(90_000);
    writeFileSync(
      path,
      Buffer.concat([
        head,
        Buffer.from("E-late,"),
        Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
        Buffer.from(",Gusu,100,40\n"),
      ]),
    );
    expect((await plan(path))?.encodings).toEqual(["gb18030"]);
  });

  it("reads an ordinary file's head from its first 64 KB, the same as from the whole peek", async () => {
    const path = join(work, "plain-head.csv");
    writeFileSync(path, [estatesHeader, ...rows(20_000, '"有""引号"""'), ""].join("\r\n"));
    const planned = await plan(path);
    expect(planned?.encodings).toEqual(["utf8", "gb18030"]);
    expect(planned?.recordBreak).toBe("\r\n");
    expect(planned?.header).toEqual({ line: 1, fields: estatesHeader.split(",") });
  });
});
