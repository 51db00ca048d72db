#!/usr/bin/env node
// Mutation fuzzing of the ingest and the engine, bounded in time.
//   node scripts/fuzz.mjs [--seconds N] [--seed N]
// Feeds mutated copies of every fixture (sample, bad, hostile, peer CSV) through ingestBytes and
// evaluate. Ingest reports problems as data and never throws; so any exception is a bug: the
// script prints the seed, iteration and input (base64) that raised it and exits 1. Every 40th
// input is also checked as `check` reads it (streamed in parts, sometimes on worker threads)
// against the whole-file road: the JSON reports must be the same.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "./seeded-random.mjs";

const root = resolve(fileURLToPath(import.meta.url), "..", "..");
const { ingestBytes } = await import(join(root, "dist", "ingest", "index.js"));
const { evaluate } = await import(join(root, "dist", "pipeline", "evaluate.js"));
const { loadPack } = await import(join(root, "dist", "pipeline", "packs.js"));
const { runCheck } = await import(join(root, "dist", "pipeline", "check.js"));
const { formatJson, jsonFormat } = await import(join(root, "dist", "report", "json.js"));

const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const seconds = argument("--seconds", 10);
const seed = argument("--seed", Date.now() % 2 ** 31);

const random = seededRandom(seed);
const pick = (list) => list[Math.floor(random() * list.length)];
const integer = (max) => Math.floor(random() * max);

function csvFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return csvFiles(path);
    return name.endsWith(".csv") ? [path] : [];
  });
}
const corpusPaths = ["fixtures", "tests/peer"].flatMap((folder) => csvFiles(join(root, folder)));
const corpus = corpusPaths.map((path) => readFileSync(path));
// Estate files are the ones check streams: the comparison of its two roads mutates these.
const estateCorpus = corpusPaths
  .filter((path) => /estates/.test(path) && !/[\\/]bad[\\/]/.test(path))
  .map((path) => readFileSync(path));
const tokens = [
  ",",
  ";",
  "\t",
  '"',
  '""',
  "\n",
  "\r",
  "\r\n",
  "\uFEFF",
  "户",
  "㎡",
  "2010年2月30日",
  "1,003",
  "=cmd",
  "\u0000",
  "\xff",
].map((text) => Buffer.from(text, text === "\xff" ? "latin1" : "utf8"));

function mutate(bytes) {
  let data = Buffer.from(bytes);
  const rounds = 1 + integer(8);
  for (let round = 0; round < rounds; round++) {
    const at = integer(data.length + 1);
    switch (integer(7)) {
      case 0: // flip a bit
        if (data.length > 0) data[at % data.length] ^= 1 << integer(8);
        break;
      case 1: // insert a structural token
        data = Buffer.concat([data.subarray(0, at), pick(tokens), data.subarray(at)]);
        break;
      case 2: // delete a run
        data = Buffer.concat([data.subarray(0, at), data.subarray(at + integer(16))]);
        break;
      case 3: // duplicate a run
        data = Buffer.concat([
          data.subarray(0, at),
          data.subarray(at, at + integer(64)),
          data.subarray(at),
        ]);
        break;
      case 4: // random byte
        data = Buffer.concat([
          data.subarray(0, at),
          Buffer.from([integer(256)]),
          data.subarray(at),
        ]);
        break;
      case 5: // splice in part of another file
        {
          const other = pick(corpus);
          const from = integer(other.length);
          data = Buffer.concat([
            data.subarray(0, at),
            other.subarray(from, from + integer(200)),
            data.subarray(at),
          ]);
        }
        break;
      default: // truncate
        data = data.subarray(0, at);
    }
  }
  return data;
}

const pack = await loadPack("suzhou-2010");
const scratch = mkdtempSync(join(tmpdir(), "floorspace-fuzz-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
// A piece of bytes is only good until the next is taken (FormatOutput): each is copied as it comes.
const text = (output) =>
  typeof output === "string"
    ? output
    : Buffer.concat(Array.from(output, (piece) => Buffer.from(piece))).toString("utf8");

/** The same bytes through `check`'s streaming road and through the whole-file road. */
async function compareRoads(input, iteration, threads) {
  const file = join(scratch, `input-${iteration}.csv`);
  writeFileSync(file, input);
  const options = { asOf: "2026-11-01", lang: "en", tool: { name: "fuzz", version: "0" } };
  const whole = formatJson(await evaluate({ inputs: [ingestBytes(input, file)] }, pack, options), {
    lang: "en",
    color: false,
  });
  const spoolDirectory = mkdtempSync(join(scratch, "spool-"));
  const outcome = await runCheck({
    files: [{ file }],
    encoding: "auto",
    maxRecordSize: 1_048_576,
    maxFileSize: 256 * 1024 * 1024,
    pack,
    evaluate: options,
    router: {
      recordBaseline: false,
      errorsOnly: false,
      streaming: [{ name: "json", options: { lang: "en", color: false } }],
      keep: { none: true },
    },
    spoolDirectory,
    threads,
    parallelMinBytes: 0,
  });
  const streamed = jsonFormat.document(outcome.report, outcome.blocks(0), {
    lang: "en",
    color: false,
  });
  if (outcome.roads[0]?.road === "streamed") streamedRoad++;
  if (text(streamed) !== text(whole)) {
    // The input that failed is this one, not the one the loop below prints.
    throw new Error(
      `the streamed report differs from the whole-file one (${threads} thread(s)); estates file (base64): ${input.toString("base64")}`,
    );
  }
  rmSync(file, { force: true });
  rmSync(spoolDirectory, { recursive: true, force: true });
}

const deadline = Date.now() + seconds * 1000;
let compared = 0;
let streamedRoad = 0;
let iterations = 0;
let rows = 0;
const codes = new Map();
while (Date.now() < deadline) {
  const input = mutate(pick(corpus));
  try {
    const parsed = ingestBytes(input, `fuzz-${iterations}.csv`);
    if (parsed.rowsRead !== parsed.records.length + parsed.rejected + parsed.skipped)
      throw new Error("rows do not add up");
    await evaluate({ inputs: [parsed] }, pack, {
      asOf: "2026-11-01",
      lang: iterations % 2 ? "zh" : "en",
      tool: { name: "fuzz", version: "0" },
    });
    rows += parsed.rowsRead;
    if (iterations % 40 === 0) {
      // The header left whole, so that most of these inputs take the streaming road.
      const estates = pick(estateCorpus);
      const body = estates.indexOf(0x0a) + 1;
      const mutated = Buffer.concat([estates.subarray(0, body), mutate(estates.subarray(body))]);
      await compareRoads(mutated, iterations, iterations % 400 === 0 ? 3 : 1);
      compared++;
    }
    for (const problem of parsed.problems)
      codes.set(problem.code, (codes.get(problem.code) ?? 0) + 1);
  } catch (error) {
    console.error(`fuzz: seed ${seed}, iteration ${iterations}: ${error?.stack ?? error}`);
    console.error(`input (base64): ${input.toString("base64")}`);
    process.exit(1);
  }
  iterations++;
}
const seen = [...codes]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([code, count]) => `${code} ${count}`)
  .join(", ");
console.log(
  `fuzz: seed ${seed}, ${iterations} inputs (${compared} also through check's streaming road, ${streamedRoad} of them streamed, and compared), ${rows} rows in ${seconds} s, no exception; codes seen: ${seen}`,
);
