import { formatDecimal, type Micros, shortfallToCentiUnits } from "../model/decimal.js";
import type { Center, Estate } from "../model/records.js";
import { pass, type RuleContext, type Subject, type Verdict } from "./types.js";

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
  data: Record<string, string | number> = {},
): Verdict {
  if (actual >= required) return pass;
  // The same object a spread of the two would make, keys in the same order; a third of a large
  // file's records fail, and spreading was most of what a failure cost.
  const details: Record<string, string | number> = areaData(actual, required);
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

/** Households of a community: its own figure, else the sum over the estates linked to it. */
export function communityHouseholds(
  center: Center,
  context: RuleContext,
): { households: number; source: "center" | "estates" } | undefined {
  if (center.households !== undefined) return { households: center.households, source: "center" };
  const summed = context.estates?.householdsOf(center.community_id);
  return summed === undefined ? undefined : { households: summed, source: "estates" };
}

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
