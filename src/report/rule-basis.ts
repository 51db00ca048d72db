import type { Basis, ReportHead } from "../model/report.js";

const byRules = new WeakMap<ReportHead["rules"], Map<string, Basis>>();

/**
 * The legal basis of a finding's rule, from the report's `rules[]` (findings name their rule and
 * task only), for formats that print the clause and departments beside each finding.
 */
export function ruleBasis(head: Pick<ReportHead, "rules">, ruleId: string): Basis {
  let index = byRules.get(head.rules);
  if (index === undefined) {
    index = new Map(head.rules.map((rule) => [rule.id, rule.basis]));
    byRules.set(head.rules, index);
  }
  const basis = index.get(ruleId);
  // Every finding comes from a rule of the same report; a miss is a bug, not bad input.
  if (basis === undefined)
    throw new Error(`finding of rule ${ruleId}, which the report does not list`);
  return basis;
}
