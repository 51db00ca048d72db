import type { EvaluateOptions } from "../engine/evaluate.js";
import { defaultIngestOptions, type ParsedInput } from "../ingest/index.js";
import type { ResolvedPack } from "../model/pack.js";
import type { Report } from "../model/report.js";
import { runCheck } from "./check.js";

export interface Dataset {
  inputs: readonly ParsedInput[];
}

/**
 * Files already read, through the same passes as `check` with every finding kept in memory:
 * what `explain` and the tests use. Nothing is read, spooled or sent to a thread.
 */
export async function evaluate(
  dataset: Dataset,
  pack: ResolvedPack,
  options: EvaluateOptions,
): Promise<Report> {
  const { report } = await runCheck({
    files: dataset.inputs.map((input) => ({ input })),
    ...defaultIngestOptions,
    pack,
    evaluate: options,
    router: { recordBaseline: false, errorsOnly: false, streaming: [], keep: { all: true } },
    threads: 1,
    parallelMinBytes: Number.POSITIVE_INFINITY,
  });
  return report;
}
