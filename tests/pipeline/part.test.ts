import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EvaluateOptions } from "../../src/engine/evaluate.js";
import { planInput } from "../../src/ingest/plan.js";
import { loadPack } from "../../src/pipeline/packs.js";
import { type PartJob, type PartOutcome, runPart } from "../../src/pipeline/part.js";
import type { PartBounds } from "../../src/pipeline/split.js";
import { readSpool } from "../../src/pipeline/spool.js";
import { jsonFormat } from "../../src/report/json.js";
import { awkwardName, estatesHeader, lineBreak } from "../helpers/awkward-csv.js";

/** The streaming plan planInput makes of a text file, or null when it would be read whole. */
async function planStream(...given: Parameters<typeof planInput>) {
  const plan = await planInput(...given);
  return plan.road === "stream" ? plan.stream : null;
}

/**
 * A part that gives the rest of its range away (Donation): it and the part it gave, read one
 * after the other, must make the same findings, on the same lines, as the part that kept it all.
 */
const work = join(import.meta.dirname, "..", "..", "test-output", "part");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const pack = await loadPack("suzhou-2010");
const evaluate: EvaluateOptions = {
  asOf: "2026-11-01",
  lang: "en",
  tool: { name: "floorspace", version: "test" },
};

let spools = 0;
function jobFor(
  path: string,
  plan: NonNullable<Awaited<ReturnType<typeof planStream>>>,
  readBytes: number,
): PartJob {
  return {
    path,
    file: path,
    start: plan.dataStart,
    end: plan.size,
    firstLine: 1,
    startsWithHeader: true,
    leftOut: null,
    estatesLinked: false,
    encoding: plan.encodings[0] ?? "utf8",
    delimiter: plan.delimiter,
    recordBreak: plan.recordBreak,
    header: plan.header,
    maxRecordSize: 1 << 20,
    pack,
    evaluate,
    centerIds: null,
    refusedCenters: null,
    households: null,
    mode: "evaluate",
    router: {
      recordBaseline: false,
      errorsOnly: false,
      streaming: [{ name: "json", options: { lang: "en", color: false } }],
      keep: { none: true },
      spoolDirectory: work,
    },
    spoolName: `s${spools++}`,
    reportIds: true,
    minDonationBytes: 1,
    readBytes,
  };
}

function findingsOf(outcomes: PartOutcome[]): string {
  const texts: string[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) throw new Error(`part failed: ${outcome.reason}`);
    const spool = outcome.routed.spools[0];
    if (!spool || spool.items === 0) continue;
    texts.push(Buffer.concat([...readSpool(spool)].map((piece) => Buffer.from(piece))).toString());
  }
  return texts.join(jsonFormat.separator);
}

function counts(outcomes: PartOutcome[]) {
  let rows = 0;
  let valid = 0;
  const problems: unknown[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) throw new Error(`part failed: ${outcome.reason}`);
    rows += outcome.rowsRead;
    valid += outcome.valid;
    problems.push(...outcome.problems);
  }
  return { rows, valid, problems };
}

/** A part asked for work after its `askAtRead`th read, then the range it gave (if any). */
async function readGivingAway(
  job: () => PartJob,
  askAtRead: number,
): Promise<{ parts: PartOutcome[]; given: PartBounds | null }> {
  let reads = 0;
  let given: PartBounds | null = null;
  const giver = await runPart(job(), undefined, {
    wanted: () => ++reads === askAtRead,
    answer: (tail) => {
      given = tail;
    },
  });
  const tail = given as PartBounds | null;
  return {
    parts: tail ? [giver, await runPart({ ...job(), ...tail })] : [giver],
    given: tail,
  };
}

describe("a part that gives away the rest of its range", () => {
  it("and the part it gave make the findings and lines of one part", async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        lineBreak,
        fc.array(awkwardName, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 40 }),
        async (lineBreak, names, readBytes, askAtRead) => {
          // Area 10 for 100 households: every record has a finding that names its line.
          const rows = names.map((text, index) => `E${index},${text},姑苏区,100,10`);
          // A short row late in the file: problems keep their lines too.
          rows.push(`E${names.length},short`);
          const path = join(work, `part-${file++}.csv`);
          writeFileSync(path, [estatesHeader, ...rows, ""].join(lineBreak));
          const plan = await planStream(path, {
            encoding: "auto",
            maxFileSize: 1 << 20,
            maxRecordSize: 1 << 20,
          });
          if (!plan) throw new Error("a plain estates file must stream");
          const kept = await runPart(jobFor(path, plan, readBytes));

          const job = () => jobFor(path, plan, readBytes);
          const { parts, given } = await readGivingAway(job, askAtRead);
          if (given) {
            expect(given.start).toBeGreaterThan(plan.dataStart);
            expect(given.end).toBe(plan.size);
          }
          expect(findingsOf(parts)).toBe(findingsOf([kept]));
          expect(counts(parts)).toEqual(counts([kept]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("in GB18030 with CRLF, given at any read (the sample estates)", async () => {
    const path = join(import.meta.dirname, "..", "..", "fixtures", "suzhou-sample", "estates.csv");
    const plan = await planStream(path, {
      encoding: "auto",
      maxFileSize: 1 << 20,
      maxRecordSize: 1 << 20,
    });
    if (!plan) throw new Error("the sample must stream");
    expect(plan.encodings).toEqual(["gb18030"]);
    expect(plan.recordBreak).toBe("\r\n");
    let given = 0;
    for (const readBytes of [7, 61]) {
      const kept = await runPart(jobFor(path, plan, readBytes));
      const expected = findingsOf([kept]);
      expect(expected).toContain('"line":');
      for (let askAtRead = 1; askAtRead * readBytes < plan.size; askAtRead += 2) {
        const job = () => jobFor(path, plan, readBytes);
        const { parts, given: tail } = await readGivingAway(job, askAtRead);
        if (tail) given++;
        expect(findingsOf(parts)).toBe(expected);
        expect(counts(parts)).toEqual(counts([kept]));
      }
    }
    // Nearly every read left enough to give half of it away.
    expect(given).toBeGreaterThan(200);
  });
});
