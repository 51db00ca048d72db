import {
  addLeftOut,
  type CrossRecordFacts,
  type FileToEvaluate,
  InternalError,
  inputSummary,
} from "../engine/evaluate.js";
import { headerRowNotices } from "../ingest/index.js";
import type { StreamPlan } from "../ingest/plan.js";
import { overlaps, union } from "./id-hash.js";
import type { PartOutcome } from "./part.js";
import type { RouterSettings } from "./router.js";
import type { CheckSettings, FileResult } from "./settings.js";
import { type PartBounds, splitParts } from "./split.js";
import { runParts, startWorker, sum, workerLimits } from "./threads.js";

/**
 * One estate file in parts. Undefined when it must be read whole after all (a quote the fast
 * road does not take, bytes no tried encoding accepts).
 */
export async function streamFile(
  file: string,
  plan: StreamPlan,
  settings: CheckSettings,
  router: RouterSettings,
  facts: CrossRecordFacts,
  nextName: () => string,
): Promise<
  | {
      result: FileResult;
      target: FileToEvaluate;
      households: Map<string, number>;
      leftOut: { byCommunity: Map<string, number>; unattributed: number };
    }
  | undefined
> {
  const started = performance.now();
  const threads = plan.size >= settings.parallelMinBytes ? Math.max(1, settings.threads) : 1;
  // The main thread reads the first part itself; the workers for the others start now, so that
  // their start (about 150 ms) overlaps the scan for the cuts instead of following it.
  const workers = await Promise.all(
    Array.from({ length: threads - 1 }, () =>
      startWorker(settings.workerEntry, workerLimits(plan.size / threads, settings, router)),
    ),
  );
  try {
    let bounds = await splitParts(file, plan, threads);
    for (const encoding of plan.encodings) {
      const run = (parts: PartBounds[]) =>
        runParts(
          file,
          plan,
          encoding,
          parts,
          settings,
          router,
          facts,
          "evaluate",
          nextName,
          workers,
        );
      let outcomes = await run(bounds);
      if (outcomes.some((outcome) => !outcome.ok && outcome.reason === "encoding")) continue;
      const outgrown = outcomes.some((outcome) => !outcome.ok && outcome.reason === "memory");
      if (!outgrown && outcomes.some((outcome) => !outcome.ok)) return undefined;
      if (outgrown || (bounds.length > 1 && idsRepeatAcrossParts(outcomes))) {
        // A record id seen in an earlier part makes a later record a duplicate, and a part that
        // outgrew a worker's heap needs the main thread's: one pass on the main thread decides.
        bounds = await splitParts(file, plan, 1);
        outcomes = await run(bounds);
        if (outcomes.some((outcome) => !outcome.ok)) return undefined;
      }
      const done = outcomes.filter((outcome) => outcome.ok);
      const households = new Map<string, number>();
      const leftOut = { byCommunity: new Map<string, number>(), unattributed: 0 };
      for (const outcome of done) {
        for (const [id, count] of outcome.households)
          households.set(id, (households.get(id) ?? 0) + count);
        addLeftOut(leftOut, outcome.leftOut);
      }
      const rowsRead = sum(done.map((outcome) => outcome.rowsRead));
      const valid = sum(done.map((outcome) => outcome.valid));
      const rejected = sum(done.map((outcome) => outcome.rejected));
      const skipped = sum(done.map((outcome) => outcome.skipped));
      if (rowsRead !== valid + rejected + skipped) {
        throw new InternalError(
          `${file}: ${rowsRead} rows read but ${valid} valid + ${rejected} rejected + ${skipped} skipped`,
        );
      }
      const { analysis } = plan;
      return {
        households,
        leftOut,
        target: {
          file,
          kind: analysis.kind,
          columns: analysis.columns,
          headerLine: analysis.headerLine,
          unknownHeaders: analysis.unknownHeaders,
        },
        result: {
          road: "streamed",
          timing: {
            seconds: (performance.now() - started) / 1000,
            partSeconds: done.map((outcome) => outcome.seconds),
          },
          summary: inputSummary({
            file,
            kind: plan.analysis.kind,
            encoding,
            delimiter: plan.delimiter,
            rowsRead,
            valid,
            rejected,
            skipped,
            usable: true,
          }),
          usable: true,
          problems: [
            ...headerRowNotices(plan.choice, file),
            ...analysis.notices,
            ...done.flatMap((outcome) => outcome.problems),
          ],
          notChecked: [],
          parts: done.map(({ tally, routed }) => ({ tally, routed })),
        },
      };
    }
    return undefined;
  } finally {
    // Those not used (fewer cuts than threads, or a run that stopped early).
    for (const worker of workers) worker.stop();
  }
}

/**
 * The first of two passes over a centers file: the community ids of its valid records. Undefined
 * when the file must be read whole.
 */
/** The ids of a streamed file's valid records and their lines, in one quick pass. */
export async function recordIdsOf(
  file: string,
  plan: StreamPlan,
  settings: CheckSettings,
  nextName: () => string,
): Promise<
  { ids: Array<{ id: string; line: number }>; refused: Array<[string, number]> } | undefined
> {
  // Nothing is judged in this pass, so nothing is routed anywhere.
  const router: RouterSettings = {
    recordBaseline: false,
    errorsOnly: false,
    streaming: [],
    keep: { none: true },
  };
  const bounds = await splitParts(file, plan, 1);
  for (const encoding of plan.encodings) {
    const outcomes = await runParts(
      file,
      plan,
      encoding,
      bounds,
      settings,
      router,
      {},
      "ids",
      nextName,
    );
    if (outcomes.some((outcome) => !outcome.ok && outcome.reason === "encoding")) continue;
    if (outcomes.some((outcome) => !outcome.ok)) return undefined;
    return {
      ids: outcomes.flatMap((outcome) =>
        outcome.ok
          ? outcome.recordIds.map((id, index) => ({ id, line: outcome.recordLines[index] ?? 0 }))
          : [],
      ),
      refused: outcomes.flatMap((outcome) => (outcome.ok ? outcome.refused : [])),
    };
  }
  return undefined;
}

function idsRepeatAcrossParts(outcomes: PartOutcome[]): boolean {
  const hashes = outcomes.flatMap((outcome) =>
    outcome.ok && outcome.idHashes ? [outcome.idHashes] : [],
  );
  let seen: Float64Array = hashes[0] ?? new Float64Array(0);
  for (const [index, later] of hashes.entries()) {
    if (index === 0) continue;
    if (overlaps(seen, later)) return true;
    if (index < hashes.length - 1) seen = union(seen, later);
  }
  return false;
}
