import { suggestHeaders } from "../ingest/headers.js";
import { columnsByKind, type RecordKind } from "../model/columns.js";
import { shortfallToCentiUnits, toUnits } from "../model/decimal.js";
import { describeProblem, type InputProblem } from "../model/errors.js";
import type { LeftOutRows, ParsedInput } from "../model/input.js";
import { type ResolvedPack, type RuleSetting, type Severity, severities } from "../model/pack.js";
import type { Center, Estate } from "../model/records.js";
import type {
  Basis,
  Evaluation,
  Finding,
  InputSummary,
  NotChecked,
  Outcome,
  OutcomeCounts,
  Report,
  ReportHead,
  RuleCoverage,
} from "../model/report.js";
import type { Lang } from "../model/text.js";
import { localize } from "../model/text.js";
import { districtLookup, packParameters } from "../rules/pack.js";
import { rules } from "../rules/registry.js";
import {
  CENTERS_FILE,
  ESTATES_FILE,
  type Parameters,
  type Rule,
  type RuleContext,
  type Subject,
  type Verdict,
} from "../rules/types.js";
import { AreaTally, type RecordStatus } from "./summary.js";

/**
 * Judging records: the rules that are on, one record's verdicts (recordEvaluator), the tallies
 * they add to, and the report built from them. Pure: no I/O, no clock (the as-of date is an
 * option), so the same records always give the same report, byte for byte. The pipeline
 * (src/pipeline) decides which records reach it and in what order.
 */

export interface EvaluateOptions {
  asOf: string;
  lang: Lang;
  tool: { name: string; version: string };
  /** Command-line overrides of rule severities (`--rule ID=off|info|warning|error`). */
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  /** Keep every record's outcomes in the report (JUnit lists passing records too). */
  keepEvaluations?: boolean | "centers";
}

/** A broken invariant of the tool itself, never a problem with the user's data. */
export class InternalError extends Error {}

const kindLabel: Record<RecordKind, "estates" | "centers"> = {
  estate: "estates",
  center: "centers",
};

function emptyCounts(): OutcomeCounts {
  return { pass: 0, fail: 0, unknown: 0, notApplicable: 0, eligible: 0, notChecked: 0 };
}

function countKey(outcome: Verdict["outcome"]): keyof OutcomeCounts {
  if (outcome === "not-applicable") return "notApplicable";
  if (outcome === "not-checked") return "notChecked";
  return outcome;
}

export function summarizeInput(input: ParsedInput): InputSummary {
  return inputSummary({ ...input, valid: input.records.length });
}

/** The one way an input's summary is made, whoever read it (whole, or streamed in parts). */
export function inputSummary(input: {
  file: string;
  sheet?: string;
  kind: RecordKind | null;
  encoding: string | null;
  delimiter: string | null;
  rowsRead: number;
  valid: number;
  rejected: number;
  skipped: number;
  usable: boolean;
}): InputSummary {
  return {
    file: input.file,
    ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
    kind: input.kind ? kindLabel[input.kind] : null,
    encoding: input.encoding,
    delimiter: input.delimiter,
    records: input.rowsRead,
    valid: input.valid,
    rejected: input.rejected,
    skipped: input.skipped,
    usable: input.usable,
  };
}

/** read = evaluated + rejected + skipped, for every file; anything else is a bug, never a silent pass. */
export function assertReconciled(input: ParsedInput): void {
  if (input.rowsRead !== input.records.length + input.rejected + input.skipped) {
    throw new InternalError(
      `${input.file}: ${input.rowsRead} rows read but ${input.records.length} valid + ${input.rejected} rejected + ${input.skipped} skipped`,
    );
  }
}

/** What rules need to know beyond the record in hand: which communities and households exist. */
export interface CrossRecordFacts {
  /** Households of the valid estate records of each community; only when estates were given. */
  householdsByCommunity?: ReadonlyMap<string, number>;
  /** Rejected estate rows those sums leave out; only when estates were given. */
  leftOut?: LeftOutRows;
  /** Whether some estates file has a community_id column (see ESTATES_FILE). */
  estatesLinked?: boolean;
  /** Community ids of the valid center records; only when centers were given. */
  centerIds?: ReadonlySet<string>;
  /** The rejected centers rows, by the id their row names, as written. */
  refusedCenters?: ReadonlyMap<string, RefusedRow>;
}

/** Where a rejected row is. */
export interface RefusedRow {
  file: string;
  sheet?: string;
  line: number;
}

/**
 * Rejected estate rows, by the community they name (when the cell could be read), and those whose
 * community cannot be known (a ragged row): those may belong to any community.
 */
export type { LeftOutRows };

/** The rows of several files (or parts) left out, added up. */
export function addLeftOut(
  into: { byCommunity: Map<string, number>; unattributed: number },
  rows: { byCommunity: Iterable<readonly [string, number]>; unattributed: number },
): void {
  into.unattributed += rows.unattributed;
  for (const [id, count] of rows.byCommunity) {
    into.byCommunity.set(id, (into.byCommunity.get(id) ?? 0) + count);
  }
}

/**
 * The same sums for the communities of the centers given only (only center rules read them),
 * with one lookup an estate: a Set check, a get and a set took about 1 µs an estate with
 * 100,000 centers, a fifth of a part's time.
 */
export class HouseholdSums {
  private readonly slotOf = new Map<string, number>();
  /** NaN until an estate names the community: a community no estate names has no sum. */
  private readonly sums: Float64Array;

  constructor(wanted: Iterable<string>) {
    for (const id of wanted) if (!this.slotOf.has(id)) this.slotOf.set(id, this.slotOf.size);
    this.sums = new Float64Array(this.slotOf.size).fill(Number.NaN);
  }

  add(estate: Estate): void {
    if (estate.community_id === undefined) return;
    const slot = this.slotOf.get(estate.community_id);
    if (slot === undefined) return;
    const sum = this.sums[slot] as number;
    this.sums[slot] = (Number.isNaN(sum) ? 0 : sum) + estate.households;
  }

  /** Each community an estate named, with its sum. */
  entries(): Array<[string, number]> {
    const named: Array<[string, number]> = [];
    for (const [id, slot] of this.slotOf) {
      const sum = this.sums[slot] as number;
      if (!Number.isNaN(sum)) named.push([id, sum]);
    }
    return named;
  }
}

/**
 * What a file (with the run's other files) can tell a rule: its columns, and the other file
 * where one was given. A verdict whose `missing` names none of these was not checked.
 */
export function availableFacts(columns: readonly string[], facts: CrossRecordFacts): Set<string> {
  const present = new Set(columns);
  if (facts.householdsByCommunity && facts.estatesLinked) present.add(ESTATES_FILE);
  if (facts.centerIds) present.add(CENTERS_FILE);
  return present;
}

/**
 * What a rule sees of everything but its record: the pack's parameters and places, the as-of
 * date, the columns of the record's file and the facts of the other file. The one context the
 * engine builds, and the one the rule tables (tests/rules/rule-tester.ts) judge their cases in.
 */
export function ruleContext(
  pack: ResolvedPack,
  asOf: string,
  facts: CrossRecordFacts,
  columns: readonly string[],
  parameters: Parameters = packParameters(pack),
): RuleContext & { canonicalDistrict(district: string): string } {
  const { householdsByCommunity, centerIds, leftOut, estatesLinked } = facts;
  const present = new Set(columns);
  const districts = districtLookup(pack);
  return {
    canonicalDistrict: districts.canonical,
    parameters,
    asOf,
    isCityProper: districts.isCityProper,
    district: districts.district,
    isOldTown: districts.isOldTown,
    // Records are evaluated file by file; the file being evaluated says which columns exist.
    hasColumn: (_subject, column) => present.has(column),
    estates: householdsByCommunity
      ? {
          linked: estatesLinked === true,
          householdsOf: (id) => householdsByCommunity.get(id),
          leftOutOf: (id) =>
            leftOut ? (leftOut.byCommunity.get(id) ?? 0) + leftOut.unattributed : 0,
        }
      : undefined,
    centers: centerIds
      ? {
          has: (id) => centerIds.has(id),
          refusedAt: (id) => facts.refusedCenters?.get(id),
        }
      : undefined,
  };
}

export function effectiveSetting(
  rule: Rule,
  pack: ResolvedPack,
  options: EvaluateOptions,
): RuleSetting {
  return options.ruleSettings?.[rule.id] ?? pack.rules[rule.id]?.severity ?? rule.defaultSeverity;
}

function findingSeverity(verdict: Verdict, setting: Severity): Severity {
  // "The data cannot decide" is worth a warning, never an error; an info rule stays info.
  return verdict.outcome === "unknown" && setting === "error" ? "warning" : setting;
}

/** The policy task a rule enforces under this pack, with its clause and departments. */
function basisOf(rule: Rule, pack: ResolvedPack): Basis {
  const task = pack.rules[rule.id]?.task ?? rule.task;
  const text = pack.tasks[String(task)];
  return {
    task,
    relatedTasks: [...(rule.relatedTasks ?? [])],
    clause: text?.clause ?? "",
    lead: text?.lead ?? "",
    cooperating: text?.cooperating ?? "",
    ...(text?.document ? { document: text.document } : {}),
  };
}

/** A rule's title under a pack: the pack's own (its figures are the pack's), else the rule's. */
export function ruleTitle(rule: Rule, pack: ResolvedPack): Rule["title"] {
  return pack.rules[rule.id]?.title ?? rule.title;
}

function toFinding(
  rule: Rule,
  verdict: Verdict,
  severity: Severity,
  where: {
    kind: RecordKind;
    recordId: string;
    file: string;
    sheet?: string;
    line: number;
    district: string;
  },
  record: Subject["record"],
  basis: Basis,
  lang: Lang,
): Finding {
  const template = verdict.messageId ? rule.messages[verdict.messageId] : undefined;
  const inM2 = (value: number | string | undefined) => {
    if (value === undefined) return null;
    return verdict.unit === "m2" && typeof value === "number" ? toUnits(value) : value;
  };
  return {
    ruleId: rule.id,
    task: basis.task,
    severity,
    outcome: verdict.outcome as Finding["outcome"],
    kind: where.kind,
    recordId: where.recordId,
    recordName: record.name,
    district: where.district,
    subdistrict: record.subdistrict ?? null,
    file: where.file,
    // Always the key, undefined for CSV (JSON leaves it out): one object shape for every finding
    // is cheaper than a spread on each of a large run's hundreds of thousands.
    sheet: where.sheet,
    line: where.line,
    message:
      (template ? localize(template, lang, verdict.data) : rule.title[lang]) +
      (verdict.leftOut ? leftOutNote(verdict.leftOut, lang) : ""),
    actual: inM2(verdict.actual),
    required: inM2(verdict.required),
    shortfall: verdict.shortfall === undefined ? null : shortfallToCentiUnits(verdict.shortfall),
    unit: verdict.unit ?? null,
    // Rules make a fresh data object for every verdict, so it can be kept as it is.
    details: verdict.data ?? {},
  };
}

/** Said of a shortfall found on a sum that leaves rejected rows out: the gap is a lower bound. */
function leftOutNote(rows: number, lang: Lang): string {
  return lang === "zh"
    ? `(户数之和未计入被拒收的 ${rows} 行小区,缺口至少如此)`
    : ` (the household sum leaves out ${rows} rejected estate rows: the gap is at least this)`;
}

export interface ActiveRule {
  rule: Rule;
  setting: Severity;
  basis: Basis;
}

/** The rules that are not off under this pack and these overrides, in registry order. */
export function activeRules(pack: ResolvedPack, options: EvaluateOptions): ActiveRule[] {
  return rules
    .map((rule) => ({
      rule,
      setting: effectiveSetting(rule, pack, options),
      basis: basisOf(rule, pack),
    }))
    .filter((entry): entry is ActiveRule => entry.setting !== "off");
}

/** Where a street or town was first named: the record its finding stands at. */
export interface FirstRecord {
  kind: RecordKind;
  recordId: string;
  recordName: string;
  district: string;
  subdistrict: string;
  file: string;
  sheet?: string;
  line: number;
}

const streetKey = (district: string, subdistrict: string) => `${district}\u0000${subdistrict}`;

/**
 * The figures a report's summary is made of, for any stretch of records. Stretches read in
 * order and merged in that order give exactly the figures of one pass over all of them, which
 * is what lets a file be evaluated in parts, on several threads.
 */
export class Tally {
  ruleCounts: Record<string, OutcomeCounts> = {};
  severityCounts = { error: 0, warning: 0, info: 0 };
  eligible = 0;
  records = { estates: 0, centers: 0 };
  areas = new AreaTally();
  evaluations: Evaluation[] = [];
  /** Unknown verdicts of each rule by message id. */
  unknownReasons: Record<string, Record<string, number>> = {};
  /** Per rule: records not checked, and what they lacked (a file's tally; merged, any file's). */
  notChecked: Record<string, { rows: number; missing: string[] }> = {};
  recordsNotChecked = 0;
  /**
   * For rules judged per street (scope "street"): each street or town named, at the first record
   * naming it (merging in command order keeps the first); those with a service center; whether
   * any center gave a level, and whether any centers file has the column.
   */
  /** By district, then street name: found without joining the names into a key on every record. */
  streets = new Map<string, Map<string, FirstRecord>>();
  serviceStreets = new Set<string>();
  levelsGiven = false;
  levelColumn = false;

  constructor(active: readonly ActiveRule[]) {
    for (const { rule } of active) this.ruleCounts[rule.id] = emptyCounts();
  }

  merge(other: Tally): void {
    for (const [ruleId, reasons] of Object.entries(other.unknownReasons)) {
      const mine = this.unknownReasons[ruleId] ?? {};
      this.unknownReasons[ruleId] = mine;
      for (const [reason, count] of Object.entries(reasons))
        mine[reason] = (mine[reason] ?? 0) + count;
    }
    mergeNotChecked(this.notChecked, other.notChecked);
    this.recordsNotChecked += other.recordsNotChecked;
    for (const [ruleId, counts] of Object.entries(other.ruleCounts)) {
      const mine = this.ruleCounts[ruleId] ?? emptyCounts();
      this.ruleCounts[ruleId] = mine;
      for (const key of Object.keys(counts) as (keyof OutcomeCounts)[]) mine[key] += counts[key];
    }
    for (const severity of severities) {
      this.severityCounts[severity] += other.severityCounts[severity];
    }
    this.eligible += other.eligible;
    this.records.estates += other.records.estates;
    this.records.centers += other.records.centers;
    for (const [district, named] of other.streets) {
      const mine = this.streets.get(district) ?? new Map<string, FirstRecord>();
      this.streets.set(district, mine);
      for (const [subdistrict, first] of named)
        if (!mine.has(subdistrict)) mine.set(subdistrict, first);
    }
    for (const key of other.serviceStreets) this.serviceStreets.add(key);
    this.levelsGiven ||= other.levelsGiven;
    this.levelColumn ||= other.levelColumn;
    this.areas.merge(other.areas);
    for (const evaluation of other.evaluations) this.evaluations.push(evaluation);
  }

  /** An unknown verdict of a rule, counted by its message id (why it could not decide). */
  noteUnknown(ruleId: string, messageId: string | undefined): void {
    const reasons = this.unknownReasons[ruleId] ?? {};
    this.unknownReasons[ruleId] = reasons;
    const reason = messageId ?? "unknown";
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }

  /** A tally that crossed a thread boundary comes back as plain data. */
  static revive(data: Tally): Tally {
    const tally = Object.assign(new Tally([]), data);
    tally.areas = AreaTally.revive(data.areas);
    return tally;
  }
}

export interface FileToEvaluate {
  file: string;
  /** A workbook's sheet the records come from (their lines are its row numbers). */
  sheet?: string;
  kind: RecordKind;
  columns: readonly string[];
  /** The header's line, where a finding about the file as a whole points. */
  headerLine: number;
  /** Headers the tool did not recognise, to suggest for a column a rule lacked. */
  unknownHeaders: readonly string[];
}

/**
 * The evaluation of one file's records, one at a time: counts go to `tally`, findings to
 * `onFinding` as they are made, so nothing has to hold all of them.
 */
export function recordEvaluator(
  pack: ResolvedPack,
  options: EvaluateOptions,
  active: readonly ActiveRule[],
  facts: CrossRecordFacts,
  target: FileToEvaluate,
  tally: Tally,
  onFinding: (finding: Finding) => void,
  /** Told every record's outcomes as it is judged (a format that lists passing records too). */
  onEvaluated?: (evaluation: Evaluation) => void,
): (line: number, record: Estate | Center) => void {
  const { kind, file, sheet } = target;
  // "centers": only communities' outcomes (compare), not a million estates'.
  const keepsThis =
    options.keepEvaluations === true ||
    (options.keepEvaluations === "centers" && kind === "center");
  const keepOutcomes = keepsThis || onEvaluated !== undefined;
  const context = ruleContext(pack, options.asOf, facts, target.columns);
  const available = availableFacts(target.columns, facts);
  const applicable = active.filter(
    ({ rule }) => rule.kinds.includes(kind) && rule.scope !== "street",
  );
  // The rules a record is compliant or not against: every rule above info, and a pack's targets
  // (reported at info, but a standard all the same).
  const targets = applicable.map(({ rule }) => pack.rules[rule.id]?.standing === "target");
  const standards = applicable.map(({ setting }, index) => setting !== "info" || targets[index]);
  const tracksStreets = active.some(({ rule }) => rule.scope === "street");
  if (tracksStreets && kind === "center" && target.columns.includes("level")) {
    tally.levelColumn = true;
  }
  const counters = applicable.map(({ rule }) => {
    tally.ruleCounts[rule.id] ??= emptyCounts();
    return tally.ruleCounts[rule.id] as OutcomeCounts;
  });
  const { severityCounts, areas } = tally;
  return (line, record) => {
    const subject = { kind, record } as Subject;
    const recordId =
      subject.kind === "estate" ? subject.record.estate_id : subject.record.community_id;
    const where = {
      kind,
      recordId,
      file,
      sheet,
      line,
      district: context.canonicalDistrict(record.district),
    };
    tally.records[kindLabel[kind]]++;
    let status: RecordStatus = "compliant";
    let worstShortfallCenti = 0;
    const outcomes: Record<string, Outcome> | undefined = keepOutcomes ? {} : undefined;
    let notCheckedOf: Record<string, string[]> | undefined;
    let notCheckedHere = false;

    for (let index = 0; index < applicable.length; index++) {
      const { rule, setting, basis } = applicable[index] as ActiveRule;
      const verdict = rule.check(subject, context);
      if (
        verdict.outcome === "unknown" &&
        verdict.missing &&
        lacksAll(available, verdict.missing)
      ) {
        // Reported once per file and rule (notCheckedFindings), not once per record.
        (counters[index] as OutcomeCounts).notChecked++;
        noteNotChecked(tally, rule.id, verdict.missing);
        notCheckedHere = true;
        if (outcomes) {
          outcomes[rule.id] = "not-checked";
          notCheckedOf ??= {};
          notCheckedOf[rule.id] = [...verdict.missing];
        }
        // Never compliant with a rule unjudged, even one whose column is usually absent: the
        // quiet ones only report as info and leave the exit code alone. A rule set to info is
        // no standard a record is judged compliant against (a process record, an eligibility),
        // unless it is a pack's target.
        if (status === "compliant" && standards[index]) status = "unchecked";
        continue;
      }
      if (outcomes) outcomes[rule.id] = verdict.outcome;
      (counters[index] as OutcomeCounts)[countKey(verdict.outcome)]++;
      if (verdict.outcome === "pass" || verdict.outcome === "not-applicable") continue;
      if (verdict.outcome === "unknown") tally.noteUnknown(rule.id, verdict.messageId);

      const severity = findingSeverity(verdict, setting);
      severityCounts[severity]++;
      if (verdict.outcome === "eligible") tally.eligible++;
      const finding = toFinding(rule, verdict, severity, where, record, basis, options.lang);
      onFinding(finding);
      // Below a target is short of the pack's standard too, whatever severity it reports at.
      if (verdict.outcome === "fail" && (severity === "error" || targets[index])) {
        status = "failing";
        worstShortfallCenti = Math.max(
          worstShortfallCenti,
          Math.round((finding.shortfall ?? 0) * 100),
        );
      } else if (verdict.outcome === "unknown" && status !== "failing") {
        status = "unknown";
      }
    }
    if (notCheckedHere) tally.recordsNotChecked++;
    if (tracksStreets && record.subdistrict !== undefined) {
      let named = tally.streets.get(where.district);
      if (!named) {
        named = new Map();
        tally.streets.set(where.district, named);
      }
      if (!named.has(record.subdistrict)) {
        named.set(record.subdistrict, {
          kind,
          recordId,
          recordName: record.name,
          district: where.district,
          subdistrict: record.subdistrict,
          file,
          ...(target.sheet !== undefined ? { sheet: target.sheet } : {}),
          line,
        });
      }
      if (subject.kind === "center" && subject.record.level !== undefined) {
        tally.levelsGiven = true;
        if (subject.record.level === "street" || subject.record.level === "town") {
          tally.serviceStreets.add(streetKey(where.district, record.subdistrict));
        }
      }
    }
    areas.add(
      { district: where.district, subdistrict: record.subdistrict ?? null },
      { kind, recordId, recordName: record.name },
      status,
      worstShortfallCenti,
    );
    if (outcomes) {
      const evaluation = {
        kind,
        recordId,
        recordName: record.name,
        district: where.district,
        file,
        ...(target.sheet !== undefined ? { sheet: target.sheet } : {}),
        line,
        outcomes,
        ...(notCheckedOf ? { notChecked: notCheckedOf } : {}),
      };
      if (keepsThis) tally.evaluations.push(evaluation);
      onEvaluated?.(evaluation);
    }
  };
}

function mergeNotChecked(into: Tally["notChecked"], from: Tally["notChecked"]): void {
  for (const [ruleId, entry] of Object.entries(from)) {
    into[ruleId] ??= { rows: 0, missing: [] };
    const mine = into[ruleId];
    mine.rows += entry.rows;
    for (const column of entry.missing)
      if (!mine.missing.includes(column)) mine.missing.push(column);
  }
}

function lacksAll(available: ReadonlySet<string>, missing: readonly string[]): boolean {
  for (const column of missing) if (available.has(column)) return false;
  return true;
}

function isQuiet(rule: Rule, missing: readonly string[]): boolean {
  const quiet = rule.quietWhenMissing;
  return quiet !== undefined && missing.every((column) => quiet.includes(column));
}

function noteNotChecked(tally: Tally, ruleId: string, missing: readonly string[]): void {
  tally.notChecked[ruleId] ??= { rows: 0, missing: [] };
  const entry = tally.notChecked[ruleId];
  entry.rows++;
  for (const column of missing) if (!entry.missing.includes(column)) entry.missing.push(column);
}

/**
 * The rules a file gave no way to judge on some rows, from the tally of that file alone: one
 * entry a rule, naming what it lacked and the file's unrecognised headers that look like it.
 */
export function notCheckedOfFile(
  active: readonly ActiveRule[],
  target: FileToEvaluate,
  notChecked: Tally["notChecked"],
): NotChecked[] {
  const entries: NotChecked[] = [];
  for (const { rule, setting } of active) {
    const entry = notChecked[rule.id];
    if (!entry || entry.rows === 0) continue;
    const quiet = isQuiet(rule, entry.missing);
    const needs = entry.missing.map((column) => neededColumn(target.kind, column));
    entries.push({
      ruleId: rule.id,
      file: target.file,
      ...(target.sheet !== undefined ? { sheet: target.sheet } : {}),
      kind: target.kind,
      rows: entry.rows,
      needs,
      suggestions: suggestHeaders(target.kind, target.unknownHeaders, entry.missing),
      quiet,
      severity: setting === "info" || quiet ? "info" : "warning",
    });
  }
  return entries;
}

/** One finding per entry: a warning (info for an info rule or a usual absence), at the header. */
export function notCheckedFindings(
  active: readonly ActiveRule[],
  entries: readonly NotChecked[],
  headerLine: number,
  lang: Lang,
): Finding[] {
  return entries.flatMap((entry) => {
    const activeRule = active.find(({ rule }) => rule.id === entry.ruleId);
    if (!activeRule) return [];
    const { rule, basis } = activeRule;
    return [
      {
        ruleId: rule.id,
        task: basis.task,
        severity: entry.severity,
        outcome: "not-checked" as const,
        kind: entry.kind,
        recordId: "",
        recordName: "",
        district: "",
        subdistrict: null,
        file: entry.file,
        ...(entry.sheet !== undefined ? { sheet: entry.sheet } : {}),
        line: headerLine,
        message: notCheckedMessage(entry, lang),
        actual: null,
        required: null,
        shortfall: null,
        unit: null,
        details: {
          rows: entry.rows,
          needs: entry.needs.map((need) => need.column).join(", "),
          suggestions: entry.suggestions
            .map((suggestion) => `${suggestion.header}=${suggestion.column}`)
            .join(", "),
        },
      },
    ];
  });
}

/** The Chinese header and canonical name of a needed column, or the other file's kind. */
/** The other file a rule needed, in both languages. */
const otherFiles: Record<string, { zh: string; en: string }> = {
  [ESTATES_FILE]: {
    zh: "住宅小区文件(含所属社区编号列)",
    en: "estates file with a community_id column",
  },
  [CENTERS_FILE]: { zh: "社区用房文件", en: "centers file" },
};

function neededColumn(kind: RecordKind, column: string): { column: string; header: string } {
  const other = otherFiles[column];
  if (other) return { column, header: other.zh };
  const spec = columnsByKind[kind].find((candidate) => candidate.canonical === column);
  return { column, header: spec?.zh[0] ?? column };
}

function notCheckedMessage(entry: NotChecked, lang: Lang): string {
  const zh = lang === "zh";
  const needs = entry.needs
    .map((need) =>
      otherFiles[need.column]
        ? (otherFiles[need.column] as { zh: string; en: string })[zh ? "zh" : "en"]
        : `${need.header} / ${need.column}`,
    )
    .join(zh ? " 或 " : " or ");
  const hints = entry.suggestions.map((suggestion) =>
    zh
      ? `“${suggestion.header}”可能就是 ${neededColumn(entry.kind, suggestion.column).header} / ${suggestion.column}`
      : `'${suggestion.header}' may be ${neededColumn(entry.kind, suggestion.column).header} / ${suggestion.column}`,
  );
  const head = zh
    ? `未检查:${entry.rows} 行无法按本规则判断,文件缺少 ${needs}`
    : `not checked on ${entry.rows} ${entry.rows === 1 ? "row" : "rows"}: the file has no ${needs}`;
  const tail =
    hints.length > 0
      ? zh
        ? `;${hints.join(";")}(请改列名或用 --columns 映射)`
        : `; ${hints.join("; ")} (rename the column or map it with --columns)`
      : "";
  return head + tail;
}

/** The parts of a report known before any record is read. */
export function reportHead(pack: ResolvedPack, options: EvaluateOptions): ReportHead {
  return {
    tool: options.tool,
    ruleset: { id: pack.id, title: pack.title[options.lang], layers: pack.layers },
    asOf: options.asOf,
    lang: options.lang,
    rules: rules.map((rule) => {
      const basis = basisOf(rule, pack);
      return {
        id: rule.id,
        title: ruleTitle(rule, pack),
        severity: effectiveSetting(rule, pack, options),
        task: basis.task,
        kinds: [...rule.kinds],
        basis,
        interpretation: rule.interpretation[options.lang],
        ...(pack.rules[rule.id]?.standing === "target" ? { standing: "target" as const } : {}),
      };
    }),
  };
}

/** The fails of the target rules that are on, counted apart; nothing when the pack has none. */
function belowTarget(rules: ReportHead["rules"], tally: Tally): { belowTarget?: number } {
  const targets = rules.filter((rule) => rule.standing === "target" && rule.severity !== "off");
  if (targets.length === 0) return {};
  return {
    belowTarget: targets.reduce((total, rule) => total + (tally.ruleCounts[rule.id]?.fail ?? 0), 0),
  };
}

export interface ReportParts {
  inputs: readonly InputSummary[];
  /** Every input problem, file by file in command order. */
  problems: readonly InputProblem[];
  /** The rules each file could not be checked against, file by file in command order. */
  notChecked: readonly NotChecked[];
  tally: Tally;
  findings: Finding[];
}

export function buildReport(
  pack: ResolvedPack,
  options: EvaluateOptions,
  parts: ReportParts,
): Report {
  const { tally } = parts;
  // Every rule has exactly one outcome for every record of its kinds; anything else is a bug.
  for (const { rule } of activeRules(pack, options)) {
    // Rules judged per street count streets, not records (streetFindings).
    if (rule.scope === "street") continue;
    const counts = tally.ruleCounts[rule.id] ?? emptyCounts();
    const outcomes = Object.values(counts).reduce((total, count) => total + count, 0);
    const records = rule.kinds.reduce((total, kind) => total + tally.records[kindLabel[kind]], 0);
    if (outcomes !== records) {
      throw new InternalError(`${rule.id}: ${outcomes} outcomes for ${records} records`);
    }
  }
  const described = parts.problems.map((item) => describeProblem(item, options.lang));
  const head = reportHead(pack, options);
  return {
    schemaVersion: 3,
    tool: head.tool,
    ruleset: head.ruleset,
    asOf: head.asOf,
    lang: head.lang,
    inputs: [...parts.inputs],
    inputErrors: described.filter((error) => error.level !== "notice"),
    notices: described.filter((error) => error.level === "notice"),
    rules: head.rules,
    findings: parts.findings,
    summary: {
      records: { ...tally.records },
      rejected: parts.inputs.reduce((total, input) => total + input.rejected, 0),
      recordsNotChecked: tally.recordsNotChecked,
      findings: { ...tally.severityCounts },
      eligible: tally.eligible,
      rules: tally.ruleCounts,
      ...belowTarget(head.rules, tally),
      coverage: coverageOf(tally),
      notChecked: [...parts.notChecked],
      districts: tally.areas.districtSummaries(),
      streets: tally.areas.streetSummaries(),
    },
    ...(options.keepEvaluations ? { evaluations: tally.evaluations } : {}),
  };
}

/** Per rule: how much of what it covers was judged, and why the rest was not. */
function coverageOf(tally: Tally): Record<string, RuleCoverage> {
  return Object.fromEntries(
    Object.entries(tally.ruleCounts).map(([ruleId, counts]) => [
      ruleId,
      {
        judged: counts.pass + counts.fail + counts.eligible,
        pass: counts.pass,
        fail: counts.fail,
        eligible: counts.eligible,
        unknown: counts.unknown,
        unknownReasons: { ...(tally.unknownReasons[ruleId] ?? {}) },
        notApplicable: counts.notApplicable,
        notChecked: counts.notChecked,
      },
    ]),
  );
}

/** What a file adds to a report besides its records' findings: the rules it left unchecked. */
export function fileCoverage(
  active: readonly ActiveRule[],
  target: FileToEvaluate,
  /** The tallies of the file's records (of its parts, in any order). */
  fileTallies: readonly Tally[],
  lang: Lang,
): { entries: NotChecked[]; findings: Finding[]; tally: Tally } {
  const notChecked: Tally["notChecked"] = {};
  for (const fileTally of fileTallies) mergeNotChecked(notChecked, fileTally.notChecked);
  const entries = notCheckedOfFile(active, target, notChecked);
  const findings = notCheckedFindings(active, entries, target.headerLine, lang);
  // Counted like any finding (the exit code and the verdict line read these counts).
  const tally = new Tally(active);
  for (const finding of findings) tally.severityCounts[finding.severity]++;
  return { entries, findings, tally };
}

/** What the evaluation of a file read whole needs to know of it. */
export function fileTarget(input: ParsedInput & { kind: RecordKind }): FileToEvaluate {
  return {
    file: input.file,
    ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
    kind: input.kind,
    columns: input.columns,
    headerLine: input.headerLine,
    unknownHeaders: input.unknownHeaders,
  };
}

/**
 * The rules judged per street or town (scope "street"), once every record is in `tally`: a
 * verdict per street in the order streets were first named, each finding at that first record.
 * When no centers file has the column such a rule needs, it is not checked: one entry (and one
 * finding) for the run, not one per street.
 */
export function streetFindings(
  active: readonly ActiveRule[],
  tally: Tally,
  lang: Lang,
): { findings: Finding[]; tally: Tally; notChecked: NotChecked[] } {
  const result = new Tally(active);
  const findings: Finding[] = [];
  const notChecked: NotChecked[] = [];
  for (const { rule, setting, basis } of active) {
    if (rule.scope !== "street" || !rule.checkStreet) continue;
    const counts = result.ruleCounts[rule.id] ?? emptyCounts();
    result.ruleCounts[rule.id] = counts;
    let unchecked: { verdict: Verdict; first: FirstRecord; streets: number } | undefined;
    const everyStreet = [...tally.streets.values()].flatMap((named) => [...named.values()]);
    for (const first of everyStreet) {
      const verdict: Verdict = rule.checkStreet({
        district: first.district,
        subdistrict: first.subdistrict,
        serviceCenter: tally.serviceStreets.has(streetKey(first.district, first.subdistrict)),
        levelsGiven: tally.levelsGiven,
        levelColumn: tally.levelColumn,
      });
      if (verdict.outcome === "unknown" && verdict.missing && !tally.levelColumn) {
        counts.notChecked++;
        unchecked ??= { verdict, first, streets: 0 };
        unchecked.streets++;
        continue;
      }
      counts[countKey(verdict.outcome)]++;
      if (verdict.outcome === "pass" || verdict.outcome === "not-applicable") continue;
      if (verdict.outcome === "unknown") result.noteUnknown(rule.id, verdict.messageId);
      const severity = findingSeverity(verdict, setting);
      result.severityCounts[severity]++;
      findings.push(
        toFinding(rule, verdict, severity, placeOf(first), recordOf(first), basis, lang),
      );
    }
    if (unchecked) {
      const quiet = isQuiet(rule, unchecked.verdict.missing ?? []);
      const severity: Severity = setting === "info" || quiet ? "info" : "warning";
      notChecked.push({
        ruleId: rule.id,
        file: unchecked.first.file,
        ...(unchecked.first.sheet !== undefined ? { sheet: unchecked.first.sheet } : {}),
        kind: "center",
        rows: unchecked.streets,
        needs: (unchecked.verdict.missing ?? []).map((column) => neededColumn("center", column)),
        suggestions: [],
        quiet,
        severity,
      });
      result.severityCounts[severity]++;
      findings.push({
        ...toFinding(
          rule,
          unchecked.verdict,
          severity,
          placeOf(unchecked.first),
          recordOf(unchecked.first),
          basis,
          lang,
        ),
        outcome: "not-checked",
        recordId: "",
        recordName: "",
        district: "",
        subdistrict: null,
      });
    }
  }
  return { findings, tally: result, notChecked };
}

function placeOf(first: FirstRecord) {
  return {
    kind: first.kind,
    recordId: first.recordId,
    file: first.file,
    ...(first.sheet !== undefined ? { sheet: first.sheet } : {}),
    line: first.line,
    district: first.district,
  };
}

function recordOf(first: FirstRecord): Subject["record"] {
  return { name: first.recordName, subdistrict: first.subdistrict } as Subject["record"];
}
