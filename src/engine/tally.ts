/**
 * The figures a stretch of records adds to a report (Tally), and the outcome counts they are
 * made of: stretches merged in command order give the figures of one pass over them all.
 */
import type { RecordKind } from "../model/columns.js";
import { severities } from "../model/pack.js";
import type { Evaluation, OutcomeCounts } from "../model/report.js";
import type { Verdict } from "../rules/types.js";
import type { ActiveRule } from "./findings.js";
import { AreaTally } from "./summary.js";

export function emptyCounts(): OutcomeCounts {
  return { pass: 0, fail: 0, unknown: 0, notApplicable: 0, eligible: 0, notChecked: 0 };
}

export function countKey(outcome: Verdict["outcome"]): keyof OutcomeCounts {
  if (outcome === "not-applicable") return "notApplicable";
  if (outcome === "not-checked") return "notChecked";
  return outcome;
}

/** What one street rule gathered over the records: the streets marked, and what was given. */
export interface StreetRuleState {
  /** Streets (streetKey) some record marked. */
  marked: Set<string>;
  factGiven: boolean;
  columnGiven: boolean;
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

export const streetKey = (district: string, subdistrict: string) =>
  `${district}\u0000${subdistrict}`;

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
   * naming it (merging in command order keeps the first), by district then street name (found
   * without joining the names into a key on every record).
   */
  streets = new Map<string, Map<string, FirstRecord>>();
  /** What each street rule gathered, by rule id: what the rule's `observe` and `givesColumn` said. */
  streetRules: Record<string, StreetRuleState> = {};

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
    for (const [ruleId, theirs] of Object.entries(other.streetRules)) {
      const mine = this.streetState(ruleId);
      for (const key of theirs.marked) mine.marked.add(key);
      mine.factGiven ||= theirs.factGiven;
      mine.columnGiven ||= theirs.columnGiven;
    }
    this.areas.merge(other.areas);
    for (const evaluation of other.evaluations) this.evaluations.push(evaluation);
  }

  /** What a street rule has gathered so far (made empty when first asked). */
  streetState(ruleId: string): StreetRuleState {
    let state = this.streetRules[ruleId];
    if (!state) {
      state = { marked: new Set(), factGiven: false, columnGiven: false };
      this.streetRules[ruleId] = state;
    }
    return state;
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

export function mergeNotChecked(into: Tally["notChecked"], from: Tally["notChecked"]): void {
  for (const [ruleId, entry] of Object.entries(from)) {
    into[ruleId] ??= { rows: 0, missing: [] };
    const mine = into[ruleId];
    mine.rows += entry.rows;
    for (const column of entry.missing)
      if (!mine.missing.includes(column)) mine.missing.push(column);
  }
}
