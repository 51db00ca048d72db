import type { RecordKind } from "../model/columns.js";
import type { Micros } from "../model/decimal.js";
import type { RuleSetting } from "../model/pack.js";
import type { Center, Estate } from "../model/records.js";
import type { Outcome } from "../model/report.js";
import type { Localized } from "../model/text.js";

/**
 * A rule is one module, shaped after ESLint's: metadata (id, titles, the policy task it
 * enforces, messages by id) and a pure `check` that gives one verdict per record.
 */
export type Subject = { kind: "estate"; record: Estate } | { kind: "center"; record: Center };

export interface RateStep {
  from: string | null;
  rate: Micros;
}

/** The pack's parameters, already exact decimals. */
export interface Parameters {
  estateRates: RateStep[];
  communityRate: Micros;
  cityMinimumArea: Micros;
  ruralOtherMinimumArea: Micros;
  activityShare: Micros;
  /** Which communities the per-household community standard covers (default urban). */
  communityRateScope: "urban" | "urban-and-rural";
  /** The community figures cover pilot communities only (the pilot column decides). */
  pilotOnly: boolean;
  /** Where the community minimum applies (default the city proper). */
  cityMinimumScope: "city-proper" | "all-communities";
  /** Service-center minimums by level, when the pack sets them (0: not set). */
  streetCenterMinimumArea: Micros;
  countyCenterMinimumArea: Micros;
}

/** true / false when the pack or the record decides, undefined when nothing does. */
export type Tristate = boolean | undefined;

export interface RuleContext {
  parameters: Parameters;
  /** ISO date the audit is made as of. */
  asOf: string;
  isCityProper(center: Center): Tristate;
  /**
   * A district as the pack knows it: its name (an alias resolved), or undefined with the pack's
   * likeliest name for a typo (虎邱区 → 虎丘区); `lists` is false when the pack lists none.
   */
  district(
    name: string,
  ): { known: string } | { unknown: true; suggestion?: string; lists: boolean };
  isOldTown(center: Center): Tristate;
  /** Whether the record's file has this column at all. */
  hasColumn(subject: Subject, column: string): boolean;
  /** Present only when an estates file was given with the centers. */
  estates?: {
    /** Whether any estates file has a community_id column: without one no estate links anywhere. */
    linked: boolean;
    /** The households of the valid estates linked to the community; undefined when none is. */
    householdsOf(communityId: string): number | undefined;
    /**
     * Rejected estate rows the sum may leave out: those that named this community, and those
     * whose community cannot be known at all.
     */
    leftOutOf(communityId: string): number;
  };
  /** Present only when a centers file was given with the estates. */
  centers?: {
    has(communityId: string): boolean;
    /** Where the centers row of this id is, when it was rejected (the record exists, unread). */
    refusedAt(communityId: string): { file: string; sheet?: string; line: number } | undefined;
  };
}

export type Unit = "m2" | "households" | "phase" | "date";

export type VerdictData = Record<string, string | number | Localized>;

export interface Verdict {
  outcome: Outcome;
  /** Key into the rule's messages; omitted for pass and not-applicable. */
  messageId?: string;
  /** The message's placeholders; words in both languages reach the report in its language. */
  data?: VerdictData;
  actual?: number | string;
  required?: number | string;
  /** Exact missing area in micros, for area rules. */
  shortfall?: Micros;
  unit?: Unit;
  /**
   * With "unknown": the columns (or `estates-file` / `centers-file`) any one of which would have
   * decided the record. When the record's file (or the run) has none of them, the engine reports
   * the rule as not checked on the record instead of unknown.
   */
  missing?: readonly string[];
  /** A failure found on a household sum that leaves this many rejected estate rows out. */
  leftOut?: number;
}

/**
 * Stand-ins for "the other file" in `Verdict.missing`. ESTATES_FILE is an estates file that links
 * its estates to communities (has a community_id column): one without cannot give a community's
 * households.
 */
export const ESTATES_FILE = "estates-file";
export const CENTERS_FILE = "centers-file";

/**
 * What the run says about one street or town, for a rule judged per street (scope "street"),
 * gathered from the records by the rule's own `observe` and `givesColumn`.
 */
export interface StreetFacts {
  district: string;
  subdistrict: string;
  /** Some record naming the street carried what the rule looks for (a service center of it). */
  marked: boolean;
  /** Some record, of any street, gave the fact the rule reads at all (a level). */
  factGiven: boolean;
  /** Some file of the rule's kinds had the column that fact is in. */
  columnGiven: boolean;
}

/** What one record tells a street rule: whether it gives the fact, and whether it marks its street. */
export interface StreetObservation {
  given: boolean;
  marks: boolean;
}

interface RuleBase {
  id: string;
  title: Localized;
  kinds: readonly RecordKind[];
  /** The task of the policy's task table that this rule enforces; the pack may change it. */
  task: number;
  relatedTasks?: readonly number[];
  /** "off": a rule only some packs turn on (a later standard's). */
  defaultSeverity: RuleSetting;
  /** The pack parameters the rule reads, for `explain`. */
  uses: readonly (keyof Parameters)[];
  /** How the tool reads the clause: columns, formula, boundary, missing data. */
  interpretation: Localized;
  messages: Record<string, Localized>;
  /**
   * Columns whose absence from a whole file is usual (filing numbers in a file that never
   * carries them): the rule is still reported as not checked, as info instead of a warning.
   */
  quietWhenMissing?: readonly string[];
  /** A record to work through in `explain`; run through the engine, so it cannot go stale. */
  example: Subject;
}

/** A rule judged record by record. */
export interface RecordRule extends RuleBase {
  scope?: "record";
  check(subject: Subject, context: RuleContext): Verdict;
}

/**
 * A rule judged once per street or town the records name, after every record is read; its
 * finding stands at the first record naming the street. It owns what it gathers: which files
 * can give its fact (`givesColumn`) and what each record tells of its street (`observe`); the
 * engine keeps that for it by rule, knowing nothing of what it means.
 */
export interface StreetRule extends RuleBase {
  scope: "street";
  givesColumn(kind: RecordKind, columns: readonly string[]): boolean;
  observe(subject: Subject): StreetObservation | undefined;
  checkStreet(street: StreetFacts): Verdict;
}

export type Rule = RecordRule | StreetRule;

export function isStreetRule(rule: Rule): rule is StreetRule {
  return rule.scope === "street";
}

export const pass: Verdict = { outcome: "pass" };
export const notApplicable: Verdict = { outcome: "not-applicable" };
