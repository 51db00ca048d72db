import type { EvaluateOptions, Tally } from "../engine/evaluate.js";
import type { ParsedInput, ReadingOptions } from "../ingest/index.js";
import type { Baseline } from "../model/baseline.js";
import type { RecordKind } from "../model/columns.js";
import type { InputProblem } from "../model/errors.js";
import type { ResolvedPack, Severity } from "../model/pack.js";
import type { InputSummary, NotChecked } from "../model/report.js";
import type { Routed, RouterSettings } from "./router.js";

/** What a run of the pipeline is given, and what it keeps of each file on the way. */
export interface CheckSettings extends ReadingOptions {
  /**
   * In command order: a file read at `file` and named so in reports, or a file already read
   * (`evaluate`, and tests), which takes the same passes as one read whole.
   */
  files: ReadonlyArray<{ file: string; kind?: RecordKind } | { input: ParsedInput }>;
  pack: ResolvedPack;
  evaluate: EvaluateOptions;
  router: Omit<RouterSettings, "spoolDirectory" | "baselineKeys" | "junit">;
  /** Stream JUnit: a suite per rule that is on, a case per record (needs `spoolDirectory`). */
  junit?: { failOn: Severity | "never" };
  /** Where spools go (the caller creates it and removes it, also on Ctrl-C). */
  spoolDirectory?: string;
  baseline?: { file: string; baseline: Baseline };
  /** Threads a large file may be read on; 1 keeps everything on the main thread. */
  threads: number;
  /** Files at least this large are split across threads. */
  parallelMinBytes: number;
  /** A part gives none of its range to an idle thread once less than this is left (tests lower it). */
  minDonationBytes?: number;
  /** A fixed heap for workers instead of one sized by the part (FLOORSPACE_WORKER_HEAP_MB). */
  workerHeapMb?: number;
  /** A progress display for one file, or undefined for none. */
  progress?: (file: string, size: number) => ProgressDisplay | undefined;
  /**
   * The script a worker starts and the arguments it is given; by default this folder's
   * worker.js. The CLI names its own entry, which loads its bundle from the code cache.
   */
  workerEntry?: { url: URL; argv: string[] };
}

export interface ProgressDisplay {
  update(bytesRead: number, rows: number): void;
  done(): void;
}

export interface EvaluatedPart {
  tally: Tally;
  routed: Routed;
}

export interface FileResult {
  road: "streamed" | "whole";
  /** Streamed files: wall time of reading and judging it, and of each part (for --debug). */
  timing?: { seconds: number; partSeconds: number[] };
  summary: InputSummary;
  usable: boolean;
  problems: InputProblem[];
  /** The rules the file left unchecked, and their findings (reported before the records'). */
  notChecked: NotChecked[];
  coverage?: EvaluatedPart;
  parts: EvaluatedPart[];
}
