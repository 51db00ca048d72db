import type { ParsedInput } from "../ingest/index.js";
import type { RecordKind } from "../model/columns.js";
import { shortfallToCentiUnits, toUnits } from "../model/decimal.js";
import { describeProblem, type InputProblem, problem } from "../model/errors.js";
import type { ResolvedPack, RuleSetting, Severity } from "../model/pack.js";
import type {
  Basis,
  Evaluation,
  Finding,
  InputSummary,
  Outcome,
  OutcomeCounts,
  Report,
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

function buildContext(
  inputs: readonly ParsedInput[],
  pack: ResolvedPack,
  asOf: string,
): RuleContext & {
  canonicalDistrict(district: string): string;
  useColumnsOf(input: ParsedInput): void;
} {
  const estateInputs = inputs.filter((input) => input.usable && input.kind === "estate");
  const centerInputs = inputs.filter((input) => input.usable && input.kind === "center");
  const householdsByCommunity = new Map<string, number>();
  for (const input of estateInputs) {
    if (input.kind !== "estate") continue;
    for (const { record } of input.records) {
      if (record.community_id === undefined) continue;
      householdsByCommunity.set(
        record.community_id,
        (householdsByCommunity.get(record.community_id) ?? 0) + record.households,
      );
    }
  }
  const centerIds = new Set<string>();
  for (const input of centerInputs) {
    if (input.kind !== "center") continue;
    for (const { record } of input.records) centerIds.add(record.community_id);
  }
  // Records are evaluated file by file; the file being evaluated says which columns exist.
  let currentColumns: ReadonlySet<string> = new Set();
  const districts = districtLookup(pack);
  return {
    useColumnsOf: (input) => {
      currentColumns = new Set(input.columns);
    },
    canonicalDistrict: districts.canonical,
    parameters: packParameters(pack),
    asOf,
    isCityProper: districts.isCityProper,
    isOldTown: districts.isOldTown,
    hasColumn: (_subject, column) => currentColumns.has(column),
    estates:
      estateInputs.length > 0 ? { householdsOf: (id) => householdsByCommunity.get(id) } : undefined,
    centers: centerInputs.length > 0 ? { has: (id) => centerIds.has(id) } : undefined,
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
    basis,
    // Rules make a fresh data object for every verdict, so it can be kept as it is.
    details: verdict.data ?? {},
  };
}

export function evaluate(dataset: Dataset, pack: ResolvedPack, options: EvaluateOptions): Report {
  const { inputs } = dataset;
  inputs.forEach(assertReconciled);
  const context = buildContext(inputs, pack, options.asOf);
  const active = rules
    .map((rule) => ({
      rule,
      setting: effectiveSetting(rule, pack, options),
      basis: basisOf(rule, pack),
    }))
    .filter(
      (entry): entry is { rule: Rule; setting: Severity; basis: Basis } => entry.setting !== "off",
    );

  const ruleCounts: Record<string, OutcomeCounts> = {};
  for (const { rule } of active) ruleCounts[rule.id] = emptyCounts();
  const findings: Finding[] = [];
  const evaluations: Evaluation[] = [];
  const areas = new AreaTally();
  const severityCounts = { error: 0, warning: 0, info: 0 };
  let eligible = 0;
  const recordCounts = { estates: 0, centers: 0 };
  const generatedNotices: InputProblem[] = [];

  for (const input of inputs) {
    if (!input.usable || !input.kind) continue;
    const kind = input.kind;
    const applicable = active.filter(({ rule }) => rule.kinds.includes(kind));
    context.useColumnsOf(input);
    recordCounts[kindLabel[kind]] += input.records.length;
    if (
      applicable.some(({ rule }) => rule.id === "space-filing") &&
      !input.columns.includes("filing_no")
    ) {
      generatedNotices.push(problem("no-filing-column", input.file));
    }
    for (const { line, record } of input.records) {
      const subject = { kind, record } as Subject;
      const recordId =
        subject.kind === "estate" ? subject.record.estate_id : subject.record.community_id;
      const where = {
        kind,
        recordId,
        file: input.file,
        line,
        district: context.canonicalDistrict(record.district),
      };
      let status: RecordStatus = "compliant";
      let worstShortfallCenti = 0;
      const outcomes: Record<string, Outcome> = {};

      for (const { rule, setting, basis } of applicable) {
        const verdict = rule.check(subject, context);
        outcomes[rule.id] = verdict.outcome;
        const counts = ruleCounts[rule.id] ?? emptyCounts();
        counts[countKey(verdict.outcome)]++;
        if (verdict.outcome === "pass" || verdict.outcome === "not-applicable") continue;

        const severity = findingSeverity(verdict, setting);
        severityCounts[severity]++;
        if (verdict.outcome === "eligible") eligible++;
        const finding = toFinding(rule, verdict, severity, where, record, basis, options.lang);
        findings.push(finding);
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
      if (options.keepEvaluations) {
        evaluations.push({
          kind,
          recordId,
          recordName: record.name,
          district: where.district,
          file: input.file,
          line,
          outcomes,
        });
      }
    }
  }

  // Every rule has exactly one outcome for every record of its kinds; anything else is a bug.
  for (const { rule } of active) {
    const counts = ruleCounts[rule.id] ?? emptyCounts();
    const outcomes = Object.values(counts).reduce((total, count) => total + count, 0);
    const records = rule.kinds.reduce((total, kind) => total + recordCounts[kindLabel[kind]], 0);
    if (outcomes !== records) {
      throw new InternalError(`${rule.id}: ${outcomes} outcomes for ${records} records`);
    }
  }

  const allProblems = inputs.flatMap((input) => input.problems);
  const described = allProblems.map((item) => describeProblem(item, options.lang));
  return {
    schemaVersion: 1,
    tool: options.tool,
    ruleset: { id: pack.id, title: pack.title[options.lang], layers: pack.layers },
    asOf: options.asOf,
    lang: options.lang,
    inputs: inputs.map(summarizeInput),
    inputErrors: described.filter((error) => error.level !== "notice"),
    notices: [
      ...described.filter((error) => error.level === "notice"),
      ...generatedNotices.map((item) => describeProblem(item, options.lang)),
    ],
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
    findings,
    summary: {
      records: recordCounts,
      rejected: inputs.reduce((total, input) => total + input.rejected, 0),
      findings: severityCounts,
      eligible,
      rules: ruleCounts,
      districts: areas.districtSummaries(),
      streets: areas.streetSummaries(),
    },
    ...(options.keepEvaluations ? { evaluations } : {}),
  };
}
