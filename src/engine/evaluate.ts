import type { ParsedInput } from "../ingest/index.js";
import type { RecordKind } from "../model/columns.js";
import { shortfallToCentiUnits, toUnits } from "../model/decimal.js";
import { describeProblem, type InputProblem, problem } from "../model/errors.js";
import { type ResolvedPack, type RuleSetting, type Severity, severities } from "../model/pack.js";
import type { Center, Estate } from "../model/records.js";
import type {
  Basis,
  Evaluation,
  Finding,
  InputSummary,
  Outcome,
  OutcomeCounts,
  Report,
  ReportHead,
} from "../model/report.js";
import type { Lang } from "../model/text.js";
import { localize } from "../model/text.js";
import { districtLookup, packParameters } from "../rules/pack.js";
import { rules } from "../rules/registry.js";
import type { Rule, RuleContext, Subject, Verdict } from "../rules/types.js";
import { AreaTally, type RecordStatus } from "./summary.js";

/**
 * evaluate(dataset, pack, options) -> Report. Pure: no I/O, no clock (the as-of date is an
 * option), so the same inputs always give the same report, byte for byte.
 */
export interface Dataset {
  inputs: readonly ParsedInput[];
}

export interface EvaluateOptions {
  asOf: string;
  lang: Lang;
  tool: { name: string; version: string };
  /** Command-line overrides of rule severities (`--rule ID=off|info|warning|error`). */
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  /** Keep every record's outcomes in the report (JUnit lists passing records too). */
  keepEvaluations?: boolean;
}

/** A broken invariant of the tool itself, never a problem with the user's data. */
export class InternalError extends Error {}

const kindLabel: Record<RecordKind, "estates" | "centers"> = {
  estate: "estates",
  center: "centers",
};

function emptyCounts(): OutcomeCounts {
  return { pass: 0, fail: 0, unknown: 0, notApplicable: 0, eligible: 0 };
}

function countKey(outcome: Verdict["outcome"]): keyof OutcomeCounts {
  return outcome === "not-applicable" ? "notApplicable" : outcome;
}

export function summarizeInput(input: ParsedInput): InputSummary {
  return {
    file: input.file,
    kind: input.kind ? kindLabel[input.kind] : null,
    encoding: input.encoding,
    delimiter: input.delimiter,
    records: input.rowsRead,
    valid: input.records.length,
    rejected: input.rejected,
  };
}

/** read = evaluated + rejected, for every file; anything else is a bug, never a silent pass. */
export function assertReconciled(input: ParsedInput): void {
  if (input.rowsRead !== input.records.length + input.rejected) {
    throw new InternalError(
      `${input.file}: ${input.rowsRead} rows read but ${input.records.length} valid + ${input.rejected} rejected`,
    );
  }
}

/** What rules need to know beyond the record in hand: which communities and households exist. */
export interface CrossRecordFacts {
  /** Households of the valid estate records of each community; only when estates were given. */
  householdsByCommunity?: ReadonlyMap<string, number>;
  /** Community ids of the valid center records; only when centers were given. */
  centerIds?: ReadonlySet<string>;
}

/** Adds one estate to the per-community household sums the center rules compare against. */
export function addHouseholds(sums: Map<string, number>, estate: Estate): void {
  if (estate.community_id === undefined) return;
  sums.set(estate.community_id, (sums.get(estate.community_id) ?? 0) + estate.households);
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

export function crossRecordFacts(inputs: readonly ParsedInput[]): CrossRecordFacts {
  const facts: { householdsByCommunity?: Map<string, number>; centerIds?: Set<string> } = {};
  for (const input of inputs) {
    if (!input.usable) continue;
    if (input.kind === "estate") {
      facts.householdsByCommunity ??= new Map();
      for (const { record } of input.records) addHouseholds(facts.householdsByCommunity, record);
    } else if (input.kind === "center") {
      facts.centerIds ??= new Set();
      for (const { record } of input.records) facts.centerIds.add(record.community_id);
    }
  }
  return facts;
}

function buildContext(
  pack: ResolvedPack,
  asOf: string,
  facts: CrossRecordFacts,
  columns: readonly string[],
): RuleContext & { canonicalDistrict(district: string): string } {
  const { householdsByCommunity, centerIds } = facts;
  const present = new Set(columns);
  const districts = districtLookup(pack);
  return {
    canonicalDistrict: districts.canonical,
    parameters: packParameters(pack),
    asOf,
    isCityProper: districts.isCityProper,
    isOldTown: districts.isOldTown,
    // Records are evaluated file by file; the file being evaluated says which columns exist.
    hasColumn: (_subject, column) => present.has(column),
    estates: householdsByCommunity
      ? { householdsOf: (id) => householdsByCommunity.get(id) }
      : undefined,
    centers: centerIds ? { has: (id) => centerIds.has(id) } : undefined,
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
  };
}

function toFinding(
  rule: Rule,
  verdict: Verdict,
  severity: Severity,
  where: { kind: RecordKind; recordId: string; file: string; line: number; district: string },
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
    line: where.line,
    message: template ? localize(template, lang, verdict.data) : rule.title[lang],
    actual: inM2(verdict.actual),
    required: inM2(verdict.required),
    shortfall: verdict.shortfall === undefined ? null : shortfallToCentiUnits(verdict.shortfall),
    unit: verdict.unit ?? null,
    // Rules make a fresh data object for every verdict, so it can be kept as it is.
    details: verdict.data ?? {},
  };
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

  constructor(active: readonly ActiveRule[]) {
    for (const { rule } of active) this.ruleCounts[rule.id] = emptyCounts();
  }

  merge(other: Tally): void {
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
    this.areas.merge(other.areas);
    for (const evaluation of other.evaluations) this.evaluations.push(evaluation);
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
  kind: RecordKind;
  columns: readonly string[];
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
  const { kind, file } = target;
  const keepOutcomes = options.keepEvaluations || onEvaluated !== undefined;
  const context = buildContext(pack, options.asOf, facts, target.columns);
  const applicable = active.filter(({ rule }) => rule.kinds.includes(kind));
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
      line,
      district: context.canonicalDistrict(record.district),
    };
    tally.records[kindLabel[kind]]++;
    let status: RecordStatus = "compliant";
    let worstShortfallCenti = 0;
    const outcomes: Record<string, Outcome> | undefined = keepOutcomes ? {} : undefined;

    for (let index = 0; index < applicable.length; index++) {
      const { rule, setting, basis } = applicable[index] as ActiveRule;
      const verdict = rule.check(subject, context);
      if (outcomes) outcomes[rule.id] = verdict.outcome;
      (counters[index] as OutcomeCounts)[countKey(verdict.outcome)]++;
      if (verdict.outcome === "pass" || verdict.outcome === "not-applicable") continue;

      const severity = findingSeverity(verdict, setting);
      severityCounts[severity]++;
      if (verdict.outcome === "eligible") tally.eligible++;
      const finding = toFinding(rule, verdict, severity, where, record, basis, options.lang);
      onFinding(finding);
      if (verdict.outcome === "fail" && severity === "error") {
        status = "failing";
        worstShortfallCenti = Math.max(
          worstShortfallCenti,
          Math.round((finding.shortfall ?? 0) * 100),
        );
      } else if (verdict.outcome === "unknown" && status === "compliant") {
        status = "unknown";
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
        line,
        outcomes,
      };
      if (options.keepEvaluations) tally.evaluations.push(evaluation);
      onEvaluated?.(evaluation);
    }
  };
}

/** Notices that belong to a file as a whole, given the rules that will read it. */
export function fileNotices(active: readonly ActiveRule[], target: FileToEvaluate): InputProblem[] {
  const filingChecked = active.some(
    ({ rule }) => rule.id === "space-filing" && rule.kinds.includes(target.kind),
  );
  return filingChecked && !target.columns.includes("filing_no")
    ? [problem("no-filing-column", target.file)]
    : [];
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
        title: rule.title,
        severity: effectiveSetting(rule, pack, options),
        task: basis.task,
        kinds: [...rule.kinds],
        basis,
        interpretation: rule.interpretation[options.lang],
      };
    }),
  };
}

export interface ReportParts {
  inputs: readonly InputSummary[];
  /** Every input problem, file by file in command order. */
  problems: readonly InputProblem[];
  fileNotices: readonly InputProblem[];
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
    schemaVersion: 2,
    tool: head.tool,
    ruleset: head.ruleset,
    asOf: head.asOf,
    lang: head.lang,
    inputs: [...parts.inputs],
    inputErrors: described.filter((error) => error.level !== "notice"),
    notices: [
      ...described.filter((error) => error.level === "notice"),
      ...parts.fileNotices.map((item) => describeProblem(item, options.lang)),
    ],
    rules: head.rules,
    findings: parts.findings,
    summary: {
      records: { ...tally.records },
      rejected: parts.inputs.reduce((total, input) => total + input.rejected, 0),
      findings: { ...tally.severityCounts },
      eligible: tally.eligible,
      rules: tally.ruleCounts,
      districts: tally.areas.districtSummaries(),
      streets: tally.areas.streetSummaries(),
    },
    ...(options.keepEvaluations ? { evaluations: tally.evaluations } : {}),
  };
}

/** The whole data set in memory, in one pass: what `explain`, `retrofit` and the tests use. */
export function evaluate(dataset: Dataset, pack: ResolvedPack, options: EvaluateOptions): Report {
  const { inputs } = dataset;
  inputs.forEach(assertReconciled);
  const active = activeRules(pack, options);
  const facts = crossRecordFacts(inputs);
  const tally = new Tally(active);
  const findings: Finding[] = [];
  const notices: InputProblem[] = [];
  const keep = (finding: Finding) => findings.push(finding);
  for (const input of inputs) {
    if (!input.usable || !input.kind) continue;
    const target = { file: input.file, kind: input.kind, columns: input.columns };
    notices.push(...fileNotices(active, target));
    const evaluateRecord = recordEvaluator(pack, options, active, facts, target, tally, keep);
    for (const { line, record } of input.records) evaluateRecord(line, record);
  }
  return buildReport(pack, options, {
    inputs: inputs.map(summarizeInput),
    problems: inputs.flatMap((input) => input.problems),
    fileNotices: notices,
    tally,
    findings,
  });
}
