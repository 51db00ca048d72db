import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EvaluateOptions } from "../../src/engine/evaluate.js";
import { defaultIngestOptions } from "../../src/ingest/index.js";
import { runCheck } from "../../src/pipeline/check.js";
import { evaluate } from "../../src/pipeline/evaluate.js";
import { loadPack } from "../../src/pipeline/packs.js";
import type { FormatOptions, StreamingFormatName } from "../../src/report/registry.js";
import { loadStreamingFormat, wholeReport } from "../../src/report/registry.js";
import { ingestPath } from "../helpers/ingest-path.js";

/**
 * The streaming pipeline against the pure engine: for every fixture, alone and with the sample
 * centers, `runCheck` (records judged as they stream, findings through spools) must write the
 * same report as `evaluate` over files read whole.
 */
const root = join(import.meta.dirname, "..", "..");
const pack = await loadPack("suzhou-2010");
const options: EvaluateOptions = {
  asOf: "2026-11-01",
  lang: "en",
  tool: { name: "floorspace", version: "test" },
};
const formatOptions: FormatOptions = { lang: "en", color: false };
const work = join(root, "test-output", "pipeline");
mkdirSync(work, { recursive: true });

// UTF-8 for its first megabyte and more, then one GB18030 name: only the last part says so.
const lateGb = join(work, "late-gb18030.csv");
const rows = Array.from({ length: 40_000 }, (_, index) => `E${index},name${index},姑苏区,100,40`);
writeFileSync(
  lateGb,
  Buffer.concat([
    Buffer.from(
      ["estate_id,name,district,households,community_space_area", ...rows, "E-last,"].join("\n"),
      "latin1",
    ),
    Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
    Buffer.from(",姑苏区,100,10\n".replace("姑苏区", "Gusu"), "latin1"),
  ]),
);

const fixtures = [
  ...["bad", "hostile", "suzhou-sample", "coverage", "forms"].flatMap((folder) =>
    readdirSync(join(root, "fixtures", folder))
      .filter((name) => name.endsWith(".csv"))
      .map((name) => join("fixtures", folder, name)),
  ),
];

/** The road each file took in the streamed runs, for the record of roads checked below. */
const roads = new Map<string, string>();

async function streamed(
  files: string[],
  format: StreamingFormatName,
  evaluateOptions: EvaluateOptions = options,
): Promise<string> {
  const spoolDirectory = mkdtempSync(join(tmpdir(), "floorspace-test-"));
  try {
    const outcome = await runCheck({
      files: files.map((file) => ({ file })),
      encoding: "auto",
      maxRecordSize: defaultIngestOptions.maxRecordSize,
      maxFileSize: defaultIngestOptions.maxFileSize,
      pack,
      evaluate: evaluateOptions,
      router: {
        recordBaseline: false,
        errorsOnly: false,
        streaming: [{ name: format, options: formatOptions }],
        keep: { none: true },
      },
      spoolDirectory,
      threads: 1,
      parallelMinBytes: 0,
    });
    for (const { file, road } of outcome.roads) roads.set(file, road);
    const document = (await loadStreamingFormat(format)).document(
      outcome.report,
      outcome.blocks(0),
      formatOptions,
    );
    return typeof document === "string"
      ? document
      : // A piece of bytes is only good until the next is taken (FormatOutput), so each is copied.
        Buffer.concat(Array.from(document, (piece) => Buffer.from(piece))).toString("utf8");
  } finally {
    rmSync(spoolDirectory, { recursive: true, force: true });
  }
}

async function whole(files: string[], format: StreamingFormatName): Promise<string> {
  const inputs = (await Promise.all(files.map((file) => ingestPath(file)))).flat();
  const report = await evaluate({ inputs }, pack, options);
  const output = wholeReport(await loadStreamingFormat(format))(report, formatOptions);
  return typeof output === "string" ? output : [...output].join("");
}

const streamingFormats: StreamingFormatName[] = ["json", "sarif", "csv", "github"];

describe("streamed check = the pure engine over whole files", () => {
  it.each(fixtures)("%s, in every format that streams", async (fixture) => {
    for (const format of streamingFormats) {
      expect(await streamed([fixture], format)).toBe(await whole([fixture], format));
    }
    const withCenters = [fixture, "fixtures/suzhou-sample/centers.csv"];
    expect(await streamed(withCenters, "json")).toBe(await whole(withCenters, "json"));
  });

  it("writes the golden files through the spools too", async () => {
    const sample = [
      "fixtures/suzhou-sample/estates-en.csv",
      "fixtures/suzhou-sample/centers-en.csv",
    ];
    const golden = { json: "json", sarif: "sarif", csv: "csv", github: "txt" } as const;
    for (const format of streamingFormats) {
      const expected = readFileSync(
        join(root, "tests", "report", "golden", `sample.${format}.${golden[format]}`),
        "utf8",
      );
      // The goldens keep every record's outcomes (keepEvaluations), as they are rendered.
      expect(await streamed(sample, format, { ...options, keepEvaluations: true })).toBe(expected);
    }
  });

  it("took the road each fixture is known to take (a change of road shows in review)", async () => {
    const taken = Object.fromEntries(fixtures.map((fixture) => [fixture, roads.get(fixture)]));
    expect(Object.values(taken).filter((road) => road === "streamed").length).toBeGreaterThan(10);
    expect(Object.values(taken).filter((road) => road === "whole").length).toBeGreaterThan(5);
    await expect(`${JSON.stringify(taken, null, 2)}\n`).toMatchFileSnapshot("roads.snapshot.json");
  });

  it("sums households that leave rejected estate rows out the same way", async () => {
    const files = [
      "fixtures/coverage/estates-rejected-rows.csv",
      "fixtures/coverage/centers-linked.csv",
    ];
    for (const format of ["json", "sarif", "csv", "github"] as const) {
      expect(await streamed(files, format)).toBe(await whole(files, format));
    }
  });

  it("reads a file that turns out to be GB18030 only at its end", async () => {
    const text = await streamed([lateGb], "json");
    expect(text).toBe(await whole([lateGb], "json"));
    const report = JSON.parse(text);
    expect(report.inputs[0]).toMatchObject({ encoding: "gb18030", records: 40_001, valid: 40_001 });
  });
});
