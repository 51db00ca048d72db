/**
 * One file's records judged one at a time (recordEvaluator).
 */
import type { RecordKind } from "../model/columns.js";
import type { ParsedInput } from "../model/input.js";
import type { ResolvedPack } from "../model/pack.js";
import type { Center, Estate } from "../model/records.js";
import type { Evaluation, Finding, Outcome, OutcomeCounts } from "../model/report.js";
import { isStreetRule, type RecordRule, type StreetRule, type Subject } from "../rules/types.js";
import { availableFacts, type CrossRecordFacts, ruleContext } from "./facts.js";
import { type ActiveRule, findingSeverity, toFinding } from "./findings.js";
import { kindLabel } from "./inputs.js";
import { lacksAll, noteNotChecked } from "./not-checked.js";
import type { EvaluateOptions } from "./options.js";
import type { RecordStatus } from "./summary.js";
import { countKey, emptyCounts, streetKey, type Tally } from "./tally.js";

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
    (entry): entry is ActiveRule & { rule: RecordRule } =>
      entry.rule.kinds.includes(kind) && !isStreetRule(entry.rule),
  );
  // The rules a record is compliant or not against: every rule above info, and a pack's targets
  // (reported at info, but a standard all the same).
  const targets = applicable.map(({ rule }) => pack.rules[rule.id]?.standing === "target");
  const standards = applicable.map(({ setting }, index) => setting !== "info" || targets[index]);
  // Street rules gather as the records pass; what they gather is theirs to say.
  const streetRules = active
    .map(({ rule }) => rule)
    .filter((rule): rule is StreetRule => isStreetRule(rule) && rule.kinds.includes(kind));
  const tracksStreets = active.some(({ rule }) => isStreetRule(rule));
  for (const rule of streetRules) {
    if (rule.givesColumn(kind, target.columns)) tally.streetState(rule.id).columnGiven = true;
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
      const { rule, setting, basis } = applicable[index] as ActiveRule & { rule: RecordRule };
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
      for (const rule of streetRules) {
        const seen = rule.observe(subject);
        if (!seen) continue;
        const state = tally.streetState(rule.id);
        if (seen.given) state.factGiven = true;
        if (seen.marks) state.marked.add(streetKey(where.district, record.subdistrict));
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
