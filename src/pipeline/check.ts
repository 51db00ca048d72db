import { stat } from "node:fs/promises";
import { acceptedKeys, staleEntries } from "../engine/baseline.js";
import type { RefusedRow } from "../engine/evaluate.js";
import {
  activeRules,
  addLeftOut,
  assertReconciled,
  buildReport,
  type CrossRecordFacts,
  type FileToEvaluate,
  fileCoverage,
  fileTarget,
  HouseholdSums,
  InternalError,
  inputSummary,
  recordEvaluator,
  reportHead,
  streetFindings,
  summarizeInput,
  Tally,
} from "../engine/evaluate.js";
import { ingestFile, type ParsedInput, type ReadingOptions } from "../ingest/index.js";
import { planInput, type StreamPlan } from "../ingest/plan.js";
import { SheetNeedsWhole } from "../ingest/sheet-cells.js";
import type { StreamableSheet } from "../ingest/sheet-stream.js";
import type { RecordKind } from "../model/columns.js";
import { recordKinds } from "../model/columns.js";
import type { Center, Estate } from "../model/records.js";
import type { Report } from "../model/report.js";
import type { SuiteCases } from "../report/junit.js";
import {
  loadStreamingFormat,
  type StreamingFormat,
  type StreamingFormatName,
} from "../report/registry.js";
import { districtLookup } from "../rules/pack.js";
import { type InputIds, repeatedIds, withoutRepeats } from "./repeated-ids.js";
import {
  emptyRouted,
  FindingRouter,
  mergeRouted,
  type Routed,
  type RouterSettings,
} from "./router.js";
import type { CheckSettings, EvaluatedPart, FileResult } from "./settings.js";
import { readSpool, type SpoolFile } from "./spool.js";
import { recordIdsOf, streamFile } from "./stream-file.js";
import { sum } from "./threads.js";

export type { CheckSettings, ProgressDisplay } from "./settings.js";
export { defaultThreads, MIN_DONATION_BYTES, PARALLEL_MIN_BYTES } from "./threads.js";

/**
 * `check` as a pipeline: centers (and any file that must be read whole) first, in memory;
 * then each estate file streamed in parts (on several threads when it is large) with only the
 * per-community sums and id sets kept; then the centers evaluated against those sums. Findings
 * are routed as they are made (router.ts); the report is put together in command order, so
 * the output does not depend on how the work was divided.
 */
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

export async function runCheck(settings: CheckSettings): Promise<CheckOutcome> {
  // Threads started for streamed sheets, ended whatever becomes of the run.
  const workers: Array<{ stop(): Promise<void> }> = [];
  try {
    return await runOnce(settings, STREAMED_SHEET_BYTES, "p", workers);
  } catch (error) {
    if (!(error instanceof SheetNeedsWhole)) throw error;
    // A streamed sheet turned out to need reading whole (merged ranges after its rows, say):
    // the run starts again with every sheet read whole, its parts named apart from the first's.
    for (const worker of workers.splice(0)) await worker.stop();
    return runOnce(settings, Number.POSITIVE_INFINITY, "w", workers);
  } finally {
    for (const worker of workers) await worker.stop();
  }
}

/**
 * A workbook sheet whose part declares this many bytes or more (some 40,000 rows) is read as it
 * inflates (see ingest/sheet-stream.ts), when it is the only sheet read and holds estates: its
 * cells and records are never all held. A smaller one is read whole: a sheet that turns out to
 * need that after all (merged ranges after its rows) costs a second reading, which is cheap there.
 */
/** Room for a sheet worker's heap beyond its shared strings. */
const SHEET_WORKER_HEAP_MB = 64;

/**
 * A streamed sheet of a workbook this large (some 300,000 rows) is scanned on a second thread
 * while this one judges: a 1,000,000-row sheet in about three quarters of the time. A smaller
 * one is scanned here: the second thread's heap would cost more memory than it saves time
 * (bench/RESULTS.md).
 */
const SHEET_WORKER_BYTES = Number(
  globalThis.process?.env.FLOORSPACE_SHEET_WORKER_BYTES ?? 24 << 20,
);

const STREAMED_SHEET_BYTES = Number(
  globalThis.process?.env.FLOORSPACE_STREAMED_SHEET_BYTES ?? 16 << 20,
);

async function runOnce(
  settings: CheckSettings,
  streamedSheetBytes: number,
  partPrefix: string,
  workers: Array<{ stop(): Promise<void> }>,
): Promise<CheckOutcome> {
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
  const { encoding, maxRecordSize, maxFileSize, columnMap, headerLine, fillDown, sheet } = settings;
  const ingestOptions: ReadingOptions = {
    encoding,
    maxRecordSize,
    maxFileSize,
    ...(columnMap ? { columnMap } : {}),
    ...(headerLine !== undefined ? { headerLine } : {}),
    ...(fillDown?.length ? { fillDown } : {}),
  };
  // Each input planned once (plan.ts): a workbook is read now, sheet by sheet, into inputs that
  // take the road of files read whole (it may hold both kinds of register); a text file whose
  // start is plain streams; the rest are read whole. A file given already read is read whole.
  const districts = districtLookup(settings.pack);
  const files: Array<CheckSettings["files"][number]> = [];
  const plans: Array<StreamPlan | null> = [];
  const sheetStreams = new Map<number, StreamableSheet>();
  for (const entry of settings.files) {
    if ("input" in entry) {
      files.push(entry);
      plans.push(null);
      continue;
    }
    const kind = entry.kind ? { kind: entry.kind } : {};
    const plan = await planInput(entry.file, {
      ...ingestOptions,
      ...kind,
      ...(fillDown?.length ? { fillDown } : {}),
    });
    if (plan.road === "workbook") {
      // Loaded only when a workbook is given: a CSV check never pays for the reader.
      const { streamableSheet } = await import("../ingest/sheet-stream.js");
      const streamable = Number.isFinite(streamedSheetBytes)
        ? await streamableSheet(
            entry.file,
            {
              ...ingestOptions,
              ...kind,
              ...(sheet !== undefined ? { sheet } : {}),
              districtOf: (text) => districts.known(text),
              spreadsheet: plan.spreadsheet,
            },
            streamedSheetBytes,
            // With a second thread, the sheet is scanned there while the rows it made are
            // judged here.
            settings.threads > 1 && plan.size >= SHEET_WORKER_BYTES
              ? (chosen) => sheetWorker(entry.file, plan.size, chosen.name)
              : undefined,
          )
        : undefined;
      if (streamable) {
        sheetStreams.set(files.length, streamable);
        files.push(entry);
        plans.push(null);
        continue;
      }
      const { readWorkbook } = await import("../ingest/workbook.js");
      const inputs = await readWorkbook(entry.file, {
        ...ingestOptions,
        ...kind,
        ...(sheet !== undefined ? { sheet } : {}),
        districtOf: (text) => districts.known(text),
        spreadsheet: plan.spreadsheet,
      });
      for (const input of inputs) {
        files.push({ input });
        plans.push(null);
      }
      continue;
    }
    files.push(entry);
    plans.push(plan.road === "stream" ? plan.stream : null);
  }
  const whole = new Map<number, ParsedInput>();
  for (const [index, entry] of files.entries()) {
    if ("input" in entry) whole.set(index, entry.input);
  }
  const fileName = (index: number) => {
    const entry = files[index];
    if (!entry) throw new InternalError(`no file ${index}`);
    return "input" in entry ? entry.input.file : entry.file;
  };
  const readWhole = async (index: number) => {
    const entry = files[index];
    if (!entry || "input" in entry) throw new InternalError(`no file to read at ${index}`);
    // A sheet planned to stream is read whole only by starting the run again (runCheck).
    if (sheetStreams.has(index)) throw new SheetNeedsWhole("its ids are needed before it is read");
    plans[index] = null;
    const input = await ingestWhole(entry.file, entry.kind, ingestOptions, settings.progress);
    whole.set(index, input);
    return input;
  };
  let partNumber = 0;
  const nextName = () => `${partPrefix}${partNumber++}`;

  // Pass 0: a record is one record across the inputs of its kind. Only where a kind comes in
  // more than one input (files, or sheets of a workbook): their ids in a quick pass, and an
  // input holding another's ids read whole, without the rows that must not count.
  const kindOf = (index: number) =>
    plans[index]?.analysis.kind ??
    whole.get(index)?.kind ??
    (sheetStreams.has(index) ? "estate" : null);
  // A streamed file's ids, read once for pass 0 and pass 1 both (a centers file in both).
  const idsRead = new Map<number, Awaited<ReturnType<typeof recordIdsOf>>>();
  const idsOf = async (index: number, plan: StreamPlan) => {
    if (!idsRead.has(index)) {
      idsRead.set(index, await recordIdsOf(fileName(index), plan, settings, nextName));
    }
    return idsRead.get(index);
  };
  for (const kind of recordKinds) {
    const indexes = [...files.keys()].filter((index) => kindOf(index) === kind);
    if (indexes.length < 2) continue;
    const lists: InputIds[] = [];
    for (const index of indexes) {
      const plan = plans[index];
      let ids = plan ? (await idsOf(index, plan))?.ids : undefined;
      const input = ids ? undefined : (whole.get(index) ?? (await readWhole(index)));
      if (input && (!input.usable || input.kind !== kind)) continue;
      if (input) {
        const idColumn = kind === "estate" ? "estate_id" : "community_id";
        ids = input.records.map(({ line, record }) => ({
          id: (record as unknown as Record<string, string>)[idColumn] as string,
          line,
        }));
      }
      lists.push({
        index,
        kind,
        file: input?.file ?? fileName(index),
        ...(input?.sheet !== undefined ? { sheet: input.sheet } : {}),
        ids: ids ?? [],
      });
    }
    for (const [index, rows] of repeatedIds(lists, Boolean(settings.laterFilesReplace))) {
      const input = plans[index] ? await readWhole(index) : whole.get(index);
      if (input) whole.set(index, withoutRepeats(input, rows));
    }
  }

  // Pass 1: the community ids of every center (estates are checked against them as they
  // stream), from centers files read in a first quick pass, or whole.
  let centerIds: Set<string> | undefined;
  // The rejected centers rows' ids: an estate naming one is told the row was refused.
  const refusedCenters = new Map<string, RefusedRow>();
  for (const [index, plan] of plans.entries()) {
    if ((plan && plan.analysis.kind !== "center") || sheetStreams.has(index)) continue;
    let ids: string[];
    let refused: Array<[string, number]>;
    let sheet: string | undefined;
    const streamed = plan ? await idsOf(index, plan) : undefined;
    if (streamed) {
      ids = streamed.ids.map(({ id }) => id);
      refused = streamed.refused;
    } else {
      const input = whole.get(index) ?? (await readWhole(index));
      if (!input.usable || input.kind !== "center") continue;
      ids = input.records.map(({ record }) => record.community_id);
      refused = input.refused ?? [];
      sheet = input.sheet;
    }
    centerIds ??= new Set();
    for (const id of ids) centerIds.add(id);
    for (const [id, line] of refused) {
      if (refusedCenters.has(id)) continue;
      refusedCenters.set(id, {
        file: fileName(index),
        ...(sheet !== undefined ? { sheet } : {}),
        line,
      });
    }
  }

  // Pass 2: estates, streamed or in memory, in command order.
  const results = new Map<number, FileResult>();
  const households = new Map<string, number>();
  const leftOut = { byCommunity: new Map<string, number>(), unattributed: 0 };
  let anyEstates = false;
  let estatesLinked = false;
  const estateFacts: CrossRecordFacts = centerIds
    ? { centerIds, ...(refusedCenters.size > 0 ? { refusedCenters } : {}) }
    : {};
  for (const index of files.keys()) {
    const plan = plans[index];
    if (plan?.analysis.kind === "estate") {
      const streamed = await streamFile(
        fileName(index),
        plan,
        settings,
        router,
        estateFacts,
        nextName,
      );
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
    const streamable = sheetStreams.get(index);
    if (streamable) {
      const streamed = await streamedSheet(streamable, estateFacts, centerIds);
      anyEstates = true;
      for (const [id, count] of streamed.households)
        households.set(id, (households.get(id) ?? 0) + count);
      addLeftOut(leftOut, streamed.leftOut);
      estatesLinked ||= streamed.columns.includes("community_id");
      results.set(index, streamed.result);
      continue;
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
  for (const index of files.keys()) {
    const plan = plans[index];
    if (plan?.analysis.kind !== "center") continue;
    const streamed = await streamFile(
      fileName(index),
      plan,
      settings,
      router,
      centerFacts,
      nextName,
    );
    if (streamed) results.set(index, withCoverage(streamed.result, streamed.target));
    else await readWhole(index);
  }
  for (const [index, input] of whole) {
    if (results.has(index)) continue;
    results.set(index, inMemory(input, centerFacts, nextName()));
  }

  // The report, in command order.
  const ordered = files.map((_, index) => {
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
  // Rules judged per street or town, now that every record has named its street: their
  // findings come after every file's, routed like any other.
  const streets = streetFindings(active, tally, options.lang);
  if (streets.findings.length > 0 || active.some(({ rule }) => rule.scope === "street")) {
    const streetRouter = new FindingRouter(router, formats, head, nextName());
    for (const finding of streets.findings) streetRouter.add(finding);
    const streetPart: EvaluatedPart = { tally: streets.tally, routed: streetRouter.finish() };
    tally.merge(streetPart.tally);
    mergeRouted(routed, streetPart.routed, perRule, keptWhole);
    allParts.push(streetPart);
  }
  let report = buildReport(pack, options, {
    inputs: ordered.map((result) => result.summary),
    problems: ordered.flatMap((result) => result.problems),
    notChecked: [...ordered.flatMap((result) => result.notChecked), ...streets.notChecked],
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
        stale: staleEntries(settings.baseline.baseline, new Set(routed.occurring), {
          files: new Set(ordered.map((result) => result.summary.file)),
          rules: new Set(
            Object.entries(report.summary.coverage)
              .filter(([, coverage]) => coverage.judged > 0)
              .map(([ruleId]) => ruleId),
          ),
        }),
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

  /**
   * A workbook's estates sheet judged as it inflates (ingest/sheet-stream.ts): each record judged
   * as it is made and let go of, its households summed on the way.
   */
  async function streamedSheet(
    streamable: StreamableSheet,
    facts: CrossRecordFacts,
    centers: Set<string> | undefined,
  ) {
    const { streamSheet } = await import("../ingest/sheet-stream.js");
    const tally = new Tally(active);
    const partRouter = new FindingRouter(router, formats, head, nextName());
    const sums = centers ? new HouseholdSums(centers) : undefined;
    let target: FileToEvaluate | undefined;
    let evaluateRecord: ((line: number, record: Estate | Center) => void) | undefined;
    let valid = 0;
    const input = await streamSheet(
      streamable,
      (analysis) => {
        if (!analysis.usable) return;
        target = {
          file: streamable.path,
          sheet: streamable.sheet.name,
          kind: analysis.kind,
          columns: analysis.columns,
          headerLine: analysis.headerLine,
          unknownHeaders: analysis.unknownHeaders,
        };
        evaluateRecord = evaluatorFor(facts, target, tally, partRouter);
      },
      (line, record) => {
        valid++;
        sums?.add(record as Estate);
        evaluateRecord?.(line, record);
      },
    );
    if (!input || !target || input.kind !== "estate") {
      throw new SheetNeedsWhole(`${streamable.path} [${streamable.sheet.name}]`);
    }
    assertReconciled(input, valid);
    const result: FileResult = {
      road: "streamed",
      summary: inputSummary({ ...input, valid }),
      usable: input.usable,
      problems: input.problems,
      notChecked: [],
      parts: [{ tally, routed: partRouter.finish() }],
    };
    return {
      result: withCoverage(result, target),
      households: sums ? [...sums.entries()] : [],
      leftOut: input.leftOut,
      columns: input.columns,
    };
  }

  /** A worker making a streamed sheet's rows, ended with the run whatever becomes of it. */
  async function sheetWorker(path: string, size: number, sheet: string) {
    const { startSheetWorker } = await import("./sheet-worker.js");
    const batches = await startSheetWorker(
      settings.workerEntry,
      { path, maxFileSize: settings.maxFileSize, encoding: settings.encoding, sheet },
      // Its shared strings take about twice the workbook's bytes on the heap: room for four.
      SHEET_WORKER_HEAP_MB + Math.ceil((4 * size) / (1 << 20)),
    );
    workers.push(batches);
    return batches;
  }

  /** Every rule that is on, judging a file's records into a tally and a router of its own. */
  function evaluatorFor(
    facts: CrossRecordFacts,
    target: FileToEvaluate,
    tally: Tally,
    partRouter: FindingRouter,
  ) {
    return recordEvaluator(
      pack,
      options,
      active,
      facts,
      target,
      tally,
      partRouter.add,
      router.junit ? partRouter.addEvaluation : undefined,
    );
  }

  function inMemory(input: ParsedInput, facts: CrossRecordFacts, name: string): FileResult {
    assertReconciled(input);
    const parts: EvaluatedPart[] = [];
    let target: FileToEvaluate | undefined;
    if (input.usable && input.kind) {
      target = fileTarget(input);
      const tally = new Tally(active);
      const partRouter = new FindingRouter(router, formats, head, name);
      const evaluateRecord = evaluatorFor(facts, target, tally, partRouter);
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
