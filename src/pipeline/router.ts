import { join } from "node:path";
import { BaselineFilter, BaselineRecorder } from "../engine/baseline.js";
import type { BaselineEntry } from "../model/baseline.js";
import type { Severity } from "../model/pack.js";
import type { Evaluation, Finding } from "../model/report.js";
import { junitCase } from "../report/junit.js";
import type {
  FormatOptions,
  ReportHead,
  StreamingFormat,
  StreamingFormatName,
} from "../report/registry.js";
import { ruleBasis } from "../report/rule-basis.js";
import { type SpoolFile, SpoolWriter } from "./spool.js";
import { fromWorkingFolder } from "./working-folder.js";

/**
 * Where each finding goes, decided as it is made: into the baseline being written, past the
 * baseline being applied, counted, and then (unless --quiet hides it) into the spool of every
 * streaming format, and into the list kept in memory for the formats that need findings there.
 */
/** Which findings stay in memory: all, the first N per rule (and every one of `whole`), none. */
export type RouterKeep =
  | { all: true }
  | { perRule: number; whole?: readonly string[] }
  | { none: true };

export interface RouterSettings {
  /** Keys of the findings the applied baseline accepts. */
  baselineKeys?: string[];
  /** Record every finding for --write-baseline. */
  recordBaseline: boolean;
  /** --quiet: only errors reach the formats. */
  errorsOnly: boolean;
  /** Formats written from spools, with their options. */
  streaming: Array<{ name: StreamingFormatName; options: FormatOptions }>;
  /** Directory for the spools; needed when `streaming` is not empty. */
  spoolDirectory?: string;
  /**
   * Keep every shown finding in memory, or the first N per rule (table, markdown, HTML), all of
   * those of the rules in `whole` (the retrofit worklist needs every eligible community).
   */
  keep: RouterKeep;
  /** JUnit, streamed: a case per record in the suite of each rule that is on (in report order). */
  junit?: { failOn: Severity | "never"; rules: string[] };
}

/** A rule's JUnit cases from one part: their spool and counts. */
export interface JunitPart {
  spool: SpoolFile;
  tests: number;
  failures: number;
  skipped: number;
}

/** What one part of the data did with its findings; parts add up in reading order. */
export interface Routed {
  fresh: { error: number; warning: number; info: number };
  freshEligible: number;
  suppressed: number;
  occurring: string[];
  baselineEntries: BaselineEntry[];
  spools: SpoolFile[];
  kept: Finding[];
  /** Findings shown but not kept, by rule: the table says how many it left out. */
  notKept: Record<string, number>;
  /** JUnit cases, one entry per rule of the settings' `junit.rules`. */
  junit: JunitPart[];
}

export function emptyRouted(): Routed {
  return {
    fresh: { error: 0, warning: 0, info: 0 },
    freshEligible: 0,
    suppressed: 0,
    occurring: [],
    baselineEntries: [],
    spools: [],
    kept: [],
    notKept: {},
    junit: [],
  };
}

let spoolCounter = 0;

export class FindingRouter {
  private readonly filter: BaselineFilter | undefined;
  private readonly recorder: BaselineRecorder | undefined;
  private readonly writers: Array<{
    format: StreamingFormat;
    options: FormatOptions;
    spool: SpoolWriter;
  }>;
  private readonly keptPerRule = new Map<string, number>();
  private readonly result = emptyRouted();
  private readonly junitSuites: Array<{
    spool: SpoolWriter;
    tests: number;
    failures: number;
    skipped: number;
  }>;
  /** The current record's findings that reach the formats, by rule (for its JUnit cases). */
  private readonly shownOfRecord = new Map<string, Finding>();

  constructor(
    private readonly settings: RouterSettings,
    formats: ReadonlyMap<StreamingFormatName, StreamingFormat>,
    private readonly head: ReportHead,
    spoolName: string,
  ) {
    this.filter = settings.baselineKeys
      ? new BaselineFilter(settings.baselineKeys, fromWorkingFolder)
      : undefined;
    this.recorder = settings.recordBaseline ? new BaselineRecorder() : undefined;
    this.writers = settings.streaming.map(({ name, options }) => {
      const format = formats.get(name);
      if (!format || !settings.spoolDirectory) throw new Error(`no spool for ${name}`);
      spoolCounter++;
      const path = join(settings.spoolDirectory, `${spoolName}-${spoolCounter}-${name}.spool`);
      return { format, options, spool: new SpoolWriter(path, format.separator) };
    });
    this.junitSuites = (settings.junit?.rules ?? []).map((ruleId) => {
      if (!settings.spoolDirectory) throw new Error("no spool for junit");
      spoolCounter++;
      const path = join(
        settings.spoolDirectory,
        `${spoolName}-${spoolCounter}-junit-${ruleId}.spool`,
      );
      return { spool: new SpoolWriter(path, "\n"), tests: 0, failures: 0, skipped: 0 };
    });
  }

  add = (finding: Finding): void => {
    this.recorder?.add(finding);
    if (this.filter && !this.filter.admits(finding)) return;
    const result = this.result;
    result.fresh[finding.severity]++;
    if (finding.outcome === "eligible") result.freshEligible++;
    if (this.settings.errorsOnly && finding.severity !== "error") return;
    if (this.settings.junit) this.shownOfRecord.set(finding.ruleId, finding);
    for (const { format, options, spool } of this.writers) {
      spool.add(format.findingText(finding, this.head, options));
    }
    const { keep } = this.settings;
    if ("all" in keep) {
      result.kept.push(finding);
    } else if ("perRule" in keep) {
      const kept = this.keptPerRule.get(finding.ruleId) ?? 0;
      if (kept < keep.perRule || keep.whole?.includes(finding.ruleId)) {
        this.keptPerRule.set(finding.ruleId, kept + 1);
        result.kept.push(finding);
      } else {
        result.notKept[finding.ruleId] = (result.notKept[finding.ruleId] ?? 0) + 1;
      }
    }
  };

  /** After a record's findings: its JUnit case in each rule's suite. */
  addEvaluation = (evaluation: Evaluation): void => {
    const junit = this.settings.junit;
    if (!junit) return;
    for (const [index, ruleId] of junit.rules.entries()) {
      const testCase = junitCase(
        evaluation,
        ruleId,
        this.shownOfRecord.get(ruleId),
        ruleBasis(this.head, ruleId),
        junit.failOn,
      );
      const suite = this.junitSuites[index];
      if (!testCase || !suite) continue;
      suite.spool.add(testCase.text);
      suite.tests++;
      if (testCase.failure) suite.failures++;
      if (testCase.skipped) suite.skipped++;
    }
    this.shownOfRecord.clear();
  };

  finish(): Routed {
    const result = this.result;
    result.spools = this.writers.map(({ spool }) => spool.close());
    result.junit = this.junitSuites.map(({ spool, tests, failures, skipped }) => ({
      spool: spool.close(),
      tests,
      failures,
      skipped,
    }));
    result.occurring = this.filter ? [...this.filter.occurring] : [];
    result.suppressed = this.filter?.suppressed ?? 0;
    result.baselineEntries = this.recorder?.entries ?? [];
    return result;
  }
}

/**
 * Adds a later part's counts and kept findings to an earlier one's; kept findings obey the
 * per-rule limit as one pass would have. Spools are not merged: each part's are read in turn.
 */
export function mergeRouted(
  into: Routed,
  later: Routed,
  perRule: number | undefined,
  whole: readonly string[] = [],
): void {
  for (const severity of ["error", "warning", "info"] as const) {
    into.fresh[severity] += later.fresh[severity];
  }
  into.freshEligible += later.freshEligible;
  into.suppressed += later.suppressed;
  for (const key of later.occurring) into.occurring.push(key);
  for (const entry of later.baselineEntries) into.baselineEntries.push(entry);
  const keptPerRule = new Map<string, number>();
  for (const finding of into.kept)
    keptPerRule.set(finding.ruleId, (keptPerRule.get(finding.ruleId) ?? 0) + 1);
  for (const finding of later.kept) {
    const kept = keptPerRule.get(finding.ruleId) ?? 0;
    if (perRule === undefined || kept < perRule || whole.includes(finding.ruleId)) {
      keptPerRule.set(finding.ruleId, kept + 1);
      into.kept.push(finding);
    } else {
      into.notKept[finding.ruleId] = (into.notKept[finding.ruleId] ?? 0) + 1;
    }
  }
  for (const [ruleId, count] of Object.entries(later.notKept)) {
    into.notKept[ruleId] = (into.notKept[ruleId] ?? 0) + count;
  }
}
