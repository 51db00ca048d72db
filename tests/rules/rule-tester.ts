import { describe, expect, it } from "vitest";
import { ruleContext } from "../../src/engine/evaluate.js";
import { columnsByKind } from "../../src/model/columns.js";
import type { Center, Estate } from "../../src/model/records.js";
import { type Localized, localize } from "../../src/model/text.js";
import { loadPack } from "../../src/pipeline/packs.js";
import { packParameters } from "../../src/rules/pack.js";
import {
  isStreetRule,
  type Parameters,
  type Rule,
  type RuleContext,
  type StreetFacts,
  type Subject,
  type Verdict,
} from "../../src/rules/types.js";

/**
 * ESLint's RuleTester, for floorspace: a table of cases per rule, each a record (only the
 * fields that matter), optional links to the other file, and the verdict expected.
 */
const M = 1_000_000;
/** Square metres to micros, from a decimal string so that the test data is exact too. */
export function m2(text: string): number {
  const [whole = "0", fraction = ""] = text.split(".");
  return Number(whole) * M + Number(fraction.padEnd(6, "0"));
}

export function estate(fields: Partial<Estate>): Subject {
  return {
    kind: "estate",
    record: {
      estate_id: "E1",
      name: "测试小区",
      district: "吴中区",
      households: 1000,
      community_space_area: m2("400"),
      phases: 1,
      ...fields,
    },
  };
}

export function center(fields: Partial<Center>): Subject {
  return {
    kind: "center",
    record: {
      community_id: "C1",
      name: "测试社区",
      district: "姑苏区",
      community_type: "urban",
      households: 1000,
      office_area: m2("400"),
      ...fields,
    },
  };
}

export interface Links {
  /** Households of the estates linked to each community, when an estates file is given. */
  estateHouseholds?: Record<string, number>;
  /** False for an estates file without a community_id column (default: it has one). */
  estatesLinked?: boolean;
  /** Rejected estate rows the sums leave out, by community ('*' for rows of unknown community). */
  leftOut?: Record<string, number>;
  /** Community ids of the centers file, when one is given. */
  centerIds?: string[];
  /** Rejected centers rows, by the id they name. */
  refusedCenters?: Record<string, { file: string; sheet?: string; line: number }>;
  /** Columns the record's file has (default: all). */
  columns?: string[];
  /** The case's own pack parameters, over the Suzhou pack's. */
  parameters?: Partial<Parameters>;
  asOf?: string;
}

export interface Case {
  name: string;
  /** A record; for a rule judged per street, the street instead (`street`). */
  subject?: Subject;
  street?: StreetFacts;
  links?: Links;
  expected: Partial<Verdict> & { outcome: Verdict["outcome"] };
}

const pack = await loadPack("suzhou-2010");
const parameters = packParameters(pack);
/** Every column of both registers: a case's file has them all unless it says otherwise. */
const everyColumn = [
  ...new Set(Object.values(columnsByKind).flatMap((specs) => specs.map((spec) => spec.canonical))),
];

/**
 * A case's context, built by the engine's own ruleContext from the facts the case names (so a
 * rule that passes its table passes in the product), the case's parameters over the pack's.
 */
export function contextFor(links: Links = {}): RuleContext {
  const { "*": unattributed = 0, ...byCommunity } = links.leftOut ?? {};
  return ruleContext(
    pack,
    links.asOf ?? "2026-11-01",
    {
      ...(links.estateHouseholds
        ? {
            householdsByCommunity: new Map(Object.entries(links.estateHouseholds)),
            estatesLinked: links.estatesLinked ?? true,
            leftOut: { byCommunity: new Map(Object.entries(byCommunity)), unattributed },
          }
        : {}),
      ...(links.centerIds
        ? {
            centerIds: new Set(links.centerIds),
            refusedCenters: new Map(Object.entries(links.refusedCenters ?? {})),
          }
        : {}),
    },
    links.columns ?? everyColumn,
    { ...parameters, ...links.parameters },
  );
}

export function testRule(rule: Rule, cases: { valid: Case[]; invalid: Case[] }): void {
  const hit = new Set<string>();
  describe(rule.id, () => {
    it("has titles, a basis, messages in both languages and a working example", () => {
      expect(rule.title.zh.length).toBeGreaterThan(0);
      expect(rule.title.en.length).toBeGreaterThan(0);
      expect(pack.tasks[String(rule.task)]).toBeDefined();
      for (const message of Object.values(rule.messages)) {
        expect(message.zh.length).toBeGreaterThan(0);
        expect(message.en.length).toBeGreaterThan(0);
      }
      if (isStreetRule(rule)) expect(() => rule.observe(rule.example)).not.toThrow();
      else expect(() => rule.check(rule.example, contextFor())).not.toThrow();
    });

    for (const [group, list] of [
      ["valid", cases.valid],
      ["invalid", cases.invalid],
    ] as const) {
      describe(group, () => {
        it.each(list.map((testCase) => [testCase.name, testCase] as const))(
          "%s",
          (_name, testCase) => {
            const verdict = isStreetRule(rule)
              ? rule.checkStreet(testCase.street as StreetFacts)
              : rule.check(testCase.subject as Subject, contextFor(testCase.links));
            expect(verdict).toMatchObject(testCase.expected);
            if (group === "valid") expect(["pass", "not-applicable"]).toContain(verdict.outcome);
            else {
              expect(["fail", "unknown", "eligible"]).toContain(verdict.outcome);
              // As ESLint's RuleTester asks: an invalid case says which message it expects.
              expect(testCase.expected.messageId, "the case names its messageId").toBeDefined();
            }
            if (verdict.messageId) {
              hit.add(verdict.messageId);
              const message = rule.messages[verdict.messageId];
              expect(message).toBeDefined();
              // Every placeholder is filled, in both languages.
              for (const lang of ["zh", "en"] as const) {
                const text = localize(message as Localized, lang, verdict.data);
                expect(text, `${verdict.messageId} (${lang}): ${text}`).not.toMatch(/\{\w+\}/);
              }
            }
          },
        );
      });
    }

    it("has a case for every message", () => {
      expect([...hit].sort()).toEqual(Object.keys(rule.messages).sort());
    });
  });
}
