import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { acceptedKeys, staleEntries } from "../engine/baseline.js";
import {
  activeRules,
  addLeftOut,
  assertReconciled,
  buildReport,
  type CrossRecordFacts,
  type EvaluateOptions,
  type FileToEvaluate,
  fileCoverage,
  fileTarget,
  HouseholdSums,
  InternalError,
  recordEvaluator,
  reportHead,
  summarizeInput,
  Tally,
} from "../engine/evaluate.js";
import {
  headerRowNotices,
  ingestFile,
  type ParsedInput,
  type ReadingOptions,
} from "../ingest/index.js";
import type { Baseline } from "../model/baseline.js";
import type { RecordKind } from "../model/columns.js";
import type { InputProblem } from "../model/errors.js";
import type { ResolvedPack, Severity } from "../model/pack.js";
import type { InputSummary, NotChecked, Report } from "../model/report.js";
import type { SuiteCases } from "../report/junit.js";
import {
  loadStreamingFormat,
  type StreamingFormat,
  type StreamingFormatName,
} from "../report/registry.js";
import { overlaps, union } from "./id-hash.js";
import { type PartJob, type PartOutcome, runPart } from "./part.js";
import {
  emptyRouted,
  FindingRouter,
  mergeRouted,
  type Routed,
  type RouterSettings,
} from "./router.js";
import type { WorkerRequest } from "./serve-parts.js";
import { type PartBounds, planStream, type StreamPlan, splitParts } from "./split.js";
import { readSpool, type SpoolFile } from "./spool.js";

/**
 * `check` as a pipeline: centers (and any file that must be read whole) first, in memory;
 * then each estate file streamed in parts (on several threads when it is large) with only the
 * per-community sums and id sets kept; then the centers evaluated against those sums. Findings
 * are routed as they are made (router.ts); the report is put together in command order, so
 * the output does not depend on how the work was divided.
 */
export interface CheckSettings extends ReadingOptions {
  /** In command order; each read at `file` and named so in reports. */
  files: ReadonlyArray<{ file: string; kind?: RecordKind }>;
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

export interface CheckOutcome {
  report: Report;
  /** Per file: usable or not, rows rejected (for the exit code). */
  inputs: ReadonlyArray<Pick<ParsedInput, "usable" | "rejected">>;
  /** Findings shown but not kept in `report.findings`, by rule. */
  notKept: Record<string, number>;
  /**
   * The findings' texts of streaming format number `index` of the router settings, in order.
   * `once`: each spool is removed as soon as it has been read, so it can be read only once.
   */
  blocks(index: number, once?: boolean): Iterable<Iterable<Uint8Array>>;
  /** Every finding as a baseline entry, when asked to record them. */
  baselineEntries: Routed["baselineEntries"];
  /** The JUnit suites of the rules in `router.junit.rules`, their cases read from the spools. */
  junitSuites(): SuiteCases[];
  /** How each file was read: streamed in N parts, or whole (for --debug). */
  roads: Array<{
    file: string;
    road: "streamed" | "whole";
    parts: number;
    timing?: { seconds: number; partSeconds: number[] };
  }>;
}

export const defaultThreads = () => Math.min(availableParallelism(), 4);
export const PARALLEL_MIN_BYTES = 16 << 20;
/** About 0.2 s of reading on this machine: less is not worth a part of its own. */
export const MIN_DONATION_BYTES = 4 << 20;

/**
 * A worker's heap is capped so that V8 collects garbage instead of growing: a part keeps only
 * its ids and aggregates alive, the rest of what it allocates dies young.
 */
function workerLimits(
  partBytes: number,
  settings: Pick<CheckSettings, "workerHeapMb">,
  router: RouterSettings,
) {
  // Holding every finding is the caller's choice of format, not garbage: no cap then.
  if ("all" in router.keep) return {};
  // Room beyond what a part keeps (its ids live outside the heap): V8 collects far more often
  // near its limit, and a 44 MB part ran 30% slower with 96 MB of room than with 256, for no
  // less memory in the end (the live heap is what it is).
  const partMb = Math.ceil(partBytes / (1 << 20));
  return {
    maxOldGenerationSizeMb: settings.workerHeapMb ?? 256 + partMb,
    maxYoungGenerationSizeMb: 16,
  };
}

interface EvaluatedPart {
  tally: Tally;
  routed: Routed;
}

interface FileResult {
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

export async function runCheck(settings: CheckSettings): Promise<CheckOutcome> {
  const { pack, evaluate: options } = settings;
  const active = activeRules(pack, options);
  const head = reportHead(pack, options);
  const { spoolDirectory } = settings;
  const router: RouterSettings = {
    ...settings.router,
    ...(spoolDirectory ? { spoolDirectory } : {}),
    ...(settings.baseline ? { baselineKeys: acceptedKeys(settings.baseline.baseline) } : {}),
    ...(settings.junit
      ? {
          junit: {
            failOn: settings.junit.failOn,
            rules: head.rules.filter((rule) => rule.severity !== "off").map((rule) => rule.id),
          },
        }
      : {}),
  };
  const formats = new Map<StreamingFormatName, StreamingFormat>(
    await Promise.all(
      router.streaming.map(async ({ name }) => [name, await loadStreamingFormat(name)] as const),
    ),
  );
  const { encoding, maxRecordSize, maxFileSize, columnMap, headerLine, fillDown } = settings;
  const ingestOptions: ReadingOptions = {
    encoding,
    maxRecordSize,
    maxFileSize,
    ...(columnMap ? { columnMap } : {}),
    ...(headerLine !== undefined ? { headerLine } : {}),
    ...(fillDown?.length ? { fillDown } : {}),
  };

  // Which files can stream: those whose start is plain; the rest are read whole.
  // Filling down needs every row after the one above it, in order: one reader, the whole file.
  const plans: Array<StreamPlan | null> = await Promise.all(
    settings.files.map(({ file, kind }) =>
      settings.fillDown?.length
        ? null
        : planStream(file, { ...ingestOptions, ...(kind ? { kind } : {}) }),
    ),
  );
  const whole = new Map<number, ParsedInput>();
  const readWhole = async (index: number) => {
    const entry = settings.files[index];
    if (!entry) throw new InternalError(`no file ${index}`);
    plans[index] = null;
    const input = await ingestWhole(entry.file, entry.kind, ingestOptions, settings.progress);
    whole.set(index, input);
    return input;
  };
  let partNumber = 0;
  const nextName = () => `p${partNumber++}`;

  // Pass 1: the community ids of every center (estates are checked against them as they
  // stream), from centers files read in a first quick pass, or whole.
  let centerIds: Set<string> | undefined;
  for (const [index, plan] of plans.entries()) {
    if (plan && plan.analysis.kind !== "center") continue;
    let ids: string[] | undefined;
    if (plan) ids = await centerIdsOf(settings.files[index]?.file ?? "", plan, settings, nextName);
    if (!ids) {
      const input = whole.get(index) ?? (await readWhole(index));
      if (!input.usable || input.kind !== "center") continue;
      ids = input.records.map(({ record }) => record.community_id);
    }
    centerIds ??= new Set();
    for (const id of ids) centerIds.add(id);
  }

  // Pass 2: estates, streamed or in memory, in command order.
  const results = new Map<number, FileResult>();
  const households = new Map<string, number>();
  const leftOut = { byCommunity: new Map<string, number>(), unattributed: 0 };
  let anyEstates = false;
  let estatesLinked = false;
  const estateFacts: CrossRecordFacts = centerIds ? { centerIds } : {};
  for (const [index, { file }] of settings.files.entries()) {
    const plan = plans[index];
    if (plan?.analysis.kind === "estate") {
      const streamed = await streamFile(file, plan, settings, router, estateFacts, nextName);
      if (streamed) {
        anyEstates = true;
        for (const [id, count] of streamed.households)
          households.set(id, (households.get(id) ?? 0) + count);
        addLeftOut(leftOut, streamed.leftOut);
        estatesLinked ||= streamed.target.columns.includes("community_id");
        results.set(index, withCoverage(streamed.result, streamed.target));
        continue;
      }
      // The file needs the careful road after all: read it whole, as any other.
      await readWhole(index);
    }
    const input = whole.get(index);
    if (input?.usable && input.kind === "estate") {
      anyEstates = true;
      addLeftOut(leftOut, input.leftOut);
      estatesLinked ||= input.columns.includes("community_id");
      if (centerIds) {
        const sums = new HouseholdSums(centerIds);
        for (const { record } of input.records) sums.add(record);
        for (const [id, count] of sums.entries())
          households.set(id, (households.get(id) ?? 0) + count);
      }
      results.set(index, inMemory(input, estateFacts, nextName()));
    }
  }

  // Pass 3: centers, now that the households of every community are known; then whatever
  // else was read whole (files that cannot be used).
  const centerFacts: CrossRecordFacts = {
    ...(centerIds ? { centerIds } : {}),
    ...(anyEstates ? { householdsByCommunity: households, leftOut, estatesLinked } : {}),
  };
  for (const [index, { file }] of settings.files.entries()) {
    const plan = plans[index];
    if (plan?.analysis.kind !== "center") continue;
    const streamed = await streamFile(file, plan, settings, router, centerFacts, nextName);
    if (streamed) results.set(index, withCoverage(streamed.result, streamed.target));
    else await readWhole(index);
  }
  for (const [index, input] of whole) {
    if (results.has(index)) continue;
    results.set(index, inMemory(input, centerFacts, nextName()));
  }

  // The report, in command order.
  const ordered = settings.files.map((_, index) => {
    const result = results.get(index);
    if (!result) throw new InternalError(`file ${index} was never read`);
    return result;
  });
  const tally = new Tally(active);
  const routed = emptyRouted();
  const perRule = "perRule" in router.keep ? router.keep.perRule : undefined;
  const keptWhole = "perRule" in router.keep ? (router.keep.whole ?? []) : [];
  const allParts = ordered.flatMap((result) =>
    result.coverage ? [result.coverage, ...result.parts] : result.parts,
  );
  for (const part of allParts) {
    tally.merge(part.tally);
    mergeRouted(routed, part.routed, perRule, keptWhole);
  }
  let report = buildReport(pack, options, {
    inputs: ordered.map((result) => result.summary),
    problems: ordered.flatMap((result) => result.problems),
    notChecked: ordered.flatMap((result) => result.notChecked),
    tally,
    findings: routed.kept,
  });
  if (settings.baseline) {
    report = {
      ...report,
      summary: { ...report.summary, findings: routed.fresh, eligible: routed.freshEligible },
      baseline: {
        file: settings.baseline.file,
        suppressed: routed.suppressed,
        stale: staleEntries(settings.baseline.baseline, new Set(routed.occurring)),
      },
    };
  }
  return {
    report,
    inputs: ordered.map((result) => ({ usable: result.usable, rejected: result.summary.rejected })),
    notKept: routed.notKept,
    baselineEntries: routed.baselineEntries,
    roads: ordered.map((result) => ({
      file: result.summary.file,
      road: result.road,
      parts: result.parts.length,
      ...(result.timing ? { timing: result.timing } : {}),
    })),
    junitSuites: () =>
      (router.junit?.rules ?? []).map((ruleId, index) => {
        const parts = allParts.flatMap((part) => {
          const junit = part.routed.junit[index];
          return junit ? [junit] : [];
        });
        return {
          name: ruleId,
          blocks: parts.filter((part) => part.spool.items > 0).map((part) => readSpool(part.spool)),
          tests: sum(parts.map((part) => part.tests)),
          failures: sum(parts.map((part) => part.failures)),
          skipped: sum(parts.map((part) => part.skipped)),
        };
      }),
    *blocks(index: number, once = false) {
      for (const part of allParts) {
        const spool = part.routed.spools[index] as SpoolFile | undefined;
        if (spool && spool.items > 0) yield readSpool(spool, once);
      }
    },
  };

  /**
   * A file's findings about itself (the rules it left unchecked), routed like any other and put
   * before its records' findings.
   */
  function withCoverage(result: FileResult, target: FileToEvaluate): FileResult {
    const coverage = fileCoverage(
      active,
      target,
      result.parts.map((part) => part.tally),
      options.lang,
    );
    if (coverage.entries.length === 0) return result;
    const partRouter = new FindingRouter(router, formats, head, nextName());
    for (const finding of coverage.findings) partRouter.add(finding);
    return {
      ...result,
      notChecked: coverage.entries,
      coverage: { tally: coverage.tally, routed: partRouter.finish() },
    };
  }

  function inMemory(input: ParsedInput, facts: CrossRecordFacts, name: string): FileResult {
    assertReconciled(input);
    const parts: EvaluatedPart[] = [];
    let target: FileToEvaluate | undefined;
    if (input.usable && input.kind) {
      target = fileTarget(input);
      const tally = new Tally(active);
      const partRouter = new FindingRouter(router, formats, head, name);
      const evaluateRecord = recordEvaluator(
        pack,
        options,
        active,
        facts,
        target,
        tally,
        partRouter.add,
        router.junit ? partRouter.addEvaluation : undefined,
      );
      for (const { line, record } of input.records) evaluateRecord(line, record);
      parts.push({ tally, routed: partRouter.finish() });
    }
    const result: FileResult = {
      road: "whole",
      summary: summarizeInput(input),
      usable: input.usable,
      problems: input.problems,
      notChecked: [],
      parts,
    };
    return target ? withCoverage(result, target) : result;
  }
}

/** One file read whole (not streamed), with its progress shown when asked. */
export async function ingestWhole(
  file: string,
  kind: RecordKind | undefined,
  options: ReadingOptions,
  showProgress?: CheckSettings["progress"],
): Promise<ParsedInput> {
  const size = showProgress ? await fileSize(file) : 0;
  const progress = showProgress?.(file, size);
  const input = await ingestFile(file, {
    ...options,
    ...(progress
      ? {
          onProgress: (bytesRead: number, _total: number, rows: number) =>
            progress.update(bytesRead, rows),
        }
      : {}),
    ...(kind ? { kind } : {}),
  });
  progress?.done();
  return input;
}

function fileSize(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.size,
    () => 0,
  );
}

/**
 * One estate file in parts. Undefined when it must be read whole after all (a quote the fast
 * road does not take, bytes no tried encoding accepts).
 */
async function streamFile(
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
          summary: {
            file,
            kind: plan.analysis.kind === "estate" ? "estates" : "centers",
            encoding,
            delimiter: plan.delimiter,
            records: rowsRead,
            valid,
            rejected,
            skipped,
            usable: true,
          },
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
async function centerIdsOf(
  file: string,
  plan: StreamPlan,
  settings: CheckSettings,
  nextName: () => string,
): Promise<string[] | undefined> {
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
    return outcomes.flatMap((outcome) => (outcome.ok ? outcome.communityIds : []));
  }
  return undefined;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
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

async function runParts(
  file: string,
  plan: StreamPlan,
  encoding: "utf8" | "gb18030",
  bounds: PartBounds[],
  settings: CheckSettings,
  router: RouterSettings,
  facts: CrossRecordFacts,
  mode: PartJob["mode"],
  nextName: () => string,
  /** Workers already started, used first (and taken from the list); any left are stopped. */
  ready: PartWorker[] = [],
): Promise<PartOutcome[]> {
  // The quick first pass over a centers file draws no bar of its own.
  const progress = mode === "evaluate" ? settings.progress?.(file, plan.size) : undefined;
  const centerList = facts.centerIds ? [...facts.centerIds] : null;
  const households = facts.householdsByCommunity ? [...facts.householdsByCommunity] : null;
  const leftOut = facts.leftOut
    ? { byCommunity: [...facts.leftOut.byCommunity], unattributed: facts.leftOut.unattributed }
    : null;
  const minDonationBytes = settings.minDonationBytes ?? MIN_DONATION_BYTES;
  const jobs: PartJob[] = bounds.map((bound) => ({
    path: file,
    file,
    ...bound,
    encoding,
    delimiter: plan.delimiter,
    recordBreak: plan.recordBreak,
    header: plan.header,
    ...(plan.forcedKind ? { forcedKind: plan.forcedKind } : {}),
    ...(settings.columnMap ? { columnMap: settings.columnMap } : {}),
    maxRecordSize: settings.maxRecordSize,
    pack: settings.pack,
    evaluate: settings.evaluate,
    centerIds: centerList,
    households,
    leftOut,
    estatesLinked: facts.estatesLinked === true,
    mode,
    ...(settings.workerHeapMb ? { workerHeapMb: settings.workerHeapMb } : {}),
    router,
    spoolName: nextName(),
    reportIds: bounds.length > 1,
    minDonationBytes,
  }));
  // The first part is read here, each other one on a worker of its own.
  const workers = ready.splice(0, jobs.length - 1);
  for (const spare of ready.splice(0)) spare.stop();

  // Parts being read, by the thread reading them; `end` moves when a part gives its tail away.
  interface Slot {
    job: PartJob;
    end: number;
    bytesRead: number;
    rows: number;
    asked: boolean;
  }
  const slots: Slot[] = [];
  const running = new Map<PartRunner, Slot>();
  const finished: Array<{ job: PartJob; outcome: PartOutcome }> = [];
  let failed = false;
  const showProgress = () => {
    if (!progress) return;
    progress.update(sum(slots.map((slot) => slot.bytesRead)), sum(slots.map((slot) => slot.rows)));
  };
  // A thread out of work takes the second half of what the part with most left has left.
  const takeWork = async (): Promise<PartJob | null> => {
    let victim: [PartRunner, Slot] | undefined;
    let mostLeft = minDonationBytes;
    for (const [runner, slot] of running) {
      const left = slot.end - slot.job.start - slot.bytesRead;
      if (!slot.asked && left >= mostLeft) {
        victim = [runner, slot];
        mostLeft = left;
      }
    }
    if (!victim) return null;
    const [runner, slot] = victim;
    slot.asked = true;
    const tail = await runner.donate();
    slot.asked = false;
    if (!tail) return null;
    slot.end = tail.start;
    return { ...slot.job, ...tail, spoolName: nextName() };
  };
  const drive = async (runner: PartRunner, first: PartJob) => {
    // Only parts read side by side give work away: a single part has nobody to give it to.
    const donating = jobs.length > 1;
    for (
      let job: PartJob | null = first;
      job;
      job = failed || !donating ? null : await takeWork()
    ) {
      const slot: Slot = { job, end: job.end, bytesRead: 0, rows: 0, asked: false };
      slots.push(slot);
      running.set(runner, slot);
      const outcome = await runner.run(job, (bytesRead, rows) => {
        slot.bytesRead = bytesRead;
        slot.rows = rows;
        showProgress();
      });
      running.delete(runner);
      finished.push({ job, outcome });
      // A part that failed fails the file's streaming: the others finish, but take no more.
      if (!outcome.ok) failed = true;
    }
  };
  try {
    for (let index = workers.length + 1; index < jobs.length; index++) {
      workers.push(
        await startWorker(
          settings.workerEntry,
          workerLimits(partBytes(jobs[index]), settings, router),
        ),
      );
    }
    const runners: PartRunner[] = [mainThreadRunner(), ...workers];
    await Promise.all(
      jobs.map((job, index) => {
        const runner = runners[index];
        if (!runner) throw new InternalError(`no thread for part ${index}`);
        return drive(runner, job);
      }),
    );
    // In file order, however the parts were divided and whoever read them.
    finished.sort((a, b) => a.job.start - b.job.start);
    return finished.map(({ outcome }) =>
      outcome.ok ? { ...outcome, tally: Tally.revive(outcome.tally) } : outcome,
    );
  } finally {
    // A part that failed on this thread leaves the others' workers running: they are not needed.
    for (const worker of workers) worker.stop();
    progress?.done();
  }
}

function partBytes(job: PartJob | undefined): number {
  return job ? job.end - job.start : 0;
}

/** A thread that reads parts: this one, or a worker. */
interface PartRunner {
  run(job: PartJob, onProgress: (bytesRead: number, rows: number) => void): Promise<PartOutcome>;
  /** The second half of what the current part has left to read, or null (see Donation). */
  donate(): Promise<PartBounds | null>;
}

/** A worker thread started ahead of its parts: `stop` ends the thread. */
interface PartWorker extends PartRunner {
  stop(): void;
}

function mainThreadRunner(): PartRunner {
  let reading = false;
  // Requests for a donation, answered in turn at the current part's next reads.
  const requests: Array<(tail: PartBounds | null) => void> = [];
  return {
    async run(job, onProgress) {
      reading = true;
      try {
        return await runPart(job, onProgress, {
          wanted: () => requests.length > 0,
          answer: (tail) => requests.shift()?.(tail),
        });
      } finally {
        reading = false;
        for (const request of requests.splice(0)) request(null);
      }
    },
    donate() {
      if (!reading) return Promise.resolve(null);
      return new Promise((resolve) => requests.push(resolve));
    },
  };
}

async function startWorker(
  entry: CheckSettings["workerEntry"],
  resourceLimits: ReturnType<typeof workerLimits>,
): Promise<PartWorker> {
  // Loaded here, not at the top: only files big enough to split need it, and a small check
  // should not pay for loading it.
  const { Worker } = await import("node:worker_threads");
  // Spelled from the folder above, so that the same path holds from dist/pipeline and from
  // the CLI's bundle in dist/bundle.
  const worker = new Worker(entry?.url ?? new URL("../pipeline/worker.js", import.meta.url), {
    argv: entry?.argv ?? [],
    resourceLimits,
  });
  let progress = (_bytesRead: number, _rows: number): void => undefined;
  let current: { resolve(outcome: PartOutcome): void; reject(error: Error): void } | undefined;
  const donations: Array<(tail: PartBounds | null) => void> = [];
  // Once the worker cannot read parts any more (it failed, or ran out of memory): why.
  let ended: { outcome: PartOutcome } | { error: Error } | undefined;
  const end = (result: { outcome: PartOutcome } | { error: Error }) => {
    void worker.terminate();
    ended ??= result;
    const settle = current;
    current = undefined;
    if (settle && "outcome" in result) settle.resolve(result.outcome);
    else if (settle && "error" in result) settle.reject(result.error);
    for (const answer of donations.splice(0)) answer(null);
  };
  worker.on(
    "message",
    (message: {
      type: string;
      outcome?: PartOutcome;
      bytesRead?: number;
      rows?: number;
      tail?: PartBounds | null;
      message?: string;
    }) => {
      if (message.type === "progress") progress(message.bytesRead ?? 0, message.rows ?? 0);
      else if (message.type === "donated") donations.shift()?.(message.tail ?? null);
      else if (message.type === "done" && message.outcome) {
        const settle = current;
        current = undefined;
        settle?.resolve(message.outcome);
      } else if (message.type === "failed") {
        end({ error: new InternalError(`worker: ${message.message}`) });
      }
    },
  );
  worker.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "ERR_WORKER_OUT_OF_MEMORY")
      end({ outcome: { ok: false, reason: "memory" } });
    else end({ error });
  });
  const send = (request: WorkerRequest) => worker.postMessage(request);
  return {
    run(job, onProgress) {
      progress = onProgress;
      return new Promise((resolve, reject) => {
        if (ended) {
          if ("outcome" in ended) resolve(ended.outcome);
          else reject(ended.error);
          return;
        }
        current = { resolve, reject };
        send({ type: "part", job });
      });
    },
    donate() {
      if (ended || !current) return Promise.resolve(null);
      return new Promise((resolve) => {
        donations.push(resolve);
        send({ type: "donate" });
      });
    },
    stop() {
      void worker.terminate();
      for (const answer of donations.splice(0)) answer(null);
    },
  };
}
