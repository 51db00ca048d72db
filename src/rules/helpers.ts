import { formatDecimal, type Micros, shortfallToCentiUnits } from "../model/decimal.js";
import type { Center, Estate } from "../model/records.js";
import {
  ESTATES_FILE,
  pass,
  type RuleContext,
  type Subject,
  type Verdict,
  type VerdictData,
} from "./types.js";

/** Shared pieces of the area rules: the exact comparison and the words around it. */
export function areaData(actual: Micros, required: Micros): Record<string, string> {
  return {
    actual: formatDecimal(actual),
    required: formatDecimal(required),
    shortfall: shortfallToCentiUnits(Math.max(required - actual, 0)).toFixed(2),
  };
}

/** Fail with the exact shortfall when `actual` is below `required`, else pass. */
export function compareArea(
  actual: Micros,
  required: Micros,
  messageId: string,
  data: VerdictData = {},
): Verdict {
  if (actual >= required) return pass;
  // The same object a spread of the two would make, keys in the same order; a third of a large
  // file's records fail, and spreading was most of what a failure cost.
  const details: VerdictData = areaData(actual, required);
  for (const key in data) details[key] = data[key] as string | number;
  return {
    outcome: "fail",
    messageId,
    data: details,
    actual,
    required,
    shortfall: required - actual,
    unit: "m2",
  };
}

/** A community's households: its own figure, else the sum over the estates linked to it. */
export interface CountedHouseholds {
  households: number;
  source: "center" | "estates";
  /** Rejected estate rows the sum may leave out (0 for the center's own figure). */
  leftOut: number;
}

/** Why a community's households cannot be had: each a message id every household rule has. */
export type NoHouseholds =
  | {
      messageId: "noHouseholds" | "noLinkedEstates" | "unlinkedEstates";
      missing: readonly string[];
    }
  | { messageId: "linkedRejected"; leftOut: number };

export function communityHouseholds(
  center: Center,
  context: RuleContext,
): CountedHouseholds | NoHouseholds {
  if (center.households !== undefined) {
    return { households: center.households, source: "center", leftOut: 0 };
  }
  // Either the column or an estates file would have given the figure.
  const missing = ["households", ESTATES_FILE];
  const estates = context.estates;
  if (!estates) return { messageId: "noHouseholds", missing };
  if (!estates.linked) return { messageId: "unlinkedEstates", missing };
  const summed = estates.householdsOf(center.community_id);
  const leftOut = estates.leftOutOf(center.community_id);
  if (summed !== undefined) return { households: summed, source: "estates", leftOut };
  return leftOut > 0
    ? { messageId: "linkedRejected", leftOut }
    : { messageId: "noLinkedEstates", missing };
}

export function isCounted(value: CountedHouseholds | NoHouseholds): value is CountedHouseholds {
  return "households" in value;
}

/** The unknown verdict for a community whose households cannot be had. */
export function noHouseholdsVerdict(reason: NoHouseholds, data: VerdictData = {}): Verdict {
  return reason.messageId === "linkedRejected"
    ? {
        outcome: "unknown",
        messageId: reason.messageId,
        data: { ...data, leftOut: reason.leftOut },
      }
    : { outcome: "unknown", messageId: reason.messageId, data, missing: reason.missing };
}

/**
 * A verdict reached on households summed over estates while rejected estate rows may belong to
 * the community: a failure stands (more households only raise the requirement), a pass cannot.
 */
export function withLeftOut(verdict: Verdict, counted: CountedHouseholds): Verdict {
  if (counted.leftOut === 0) return verdict;
  if (verdict.outcome !== "pass") return { ...verdict, leftOut: counted.leftOut };
  return {
    outcome: "unknown",
    messageId: "partialSum",
    data: { households: counted.households, leftOut: counted.leftOut },
  };
}

/** Messages every rule that counts a community's households has (see communityHouseholds). */
export const householdMessages = {
  noHouseholds: {
    zh: "未填社区户数,也未同时给出住宅小区文件,无法得出户数",
    en: "households not given, and no estates file was given to count them from",
  },
  unlinkedEstates: {
    zh: "未填社区户数,住宅小区文件也没有所属社区编号列,户数无法按小区汇总",
    en: "households not given, and the estates file has no community_id column to count them from",
  },
  noLinkedEstates: {
    zh: "未填社区户数,住宅小区文件中也没有小区关联到该社区",
    en: "households not given, and no estate in the estates file names this community",
  },
  linkedRejected: {
    zh: "未填社区户数;可能属于该社区的 {leftOut} 行小区被拒收,户数无法得出",
    en: "households not given, and the estate rows that may belong to it were rejected ({leftOut}): they cannot be counted",
  },
  partialSum: {
    zh: "按所辖小区户数之和 {households} 户达标,但该和未计入被拒收的 {leftOut} 行小区,无法判断",
    en: "meets the standard for the {households} households summed over its estates, but the sum leaves out rejected estate rows ({leftOut}): cannot decide",
  },
};

export function asEstate(subject: Subject): Estate | undefined {
  return subject.kind === "estate" ? subject.record : undefined;
}

export function asCenter(subject: Subject): Center | undefined {
  return subject.kind === "center" ? subject.record : undefined;
}

const MICROS = 1_000_000;

/** Builders for the worked examples that `explain` runs through each rule. */
export function exampleEstate(overrides: Partial<Estate>): Subject {
  return {
    kind: "estate",
    record: {
      estate_id: "E-EXAMPLE",
      name: "示例花园",
      district: "吴中区",
      households: 1003,
      community_space_area: 380 * MICROS,
      phases: 1,
      ...overrides,
    },
  };
}

export function exampleCenter(overrides: Partial<Center>): Subject {
  return {
    kind: "center",
    record: {
      community_id: "C-EXAMPLE",
      name: "示例社区",
      district: "姑苏区",
      community_type: "urban",
      households: 2011,
      office_area: 350 * MICROS,
      ...overrides,
    },
  };
}

/** A street's, town's or county's service center (its level says so): not a community. */
export function isServiceCenter(center: Center): boolean {
  return center.level === "street" || center.level === "town" || center.level === "county";
}
