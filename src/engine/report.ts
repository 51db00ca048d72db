/**
 * The report assembled from what the passes gathered: head, summary, coverage.
 */
import { describeProblem, type InputProblem } from "../model/errors.js";
import type { ResolvedPack } from "../model/pack.js";
import type {
  Finding,
  InputSummary,
  NotChecked,
  Report,
  ReportHead,
  RuleCoverage,
} from "../model/report.js";
import { rules } from "../rules/registry.js";
import { activeRules, basisOf, effectiveSetting, ruleTitle } from "./findings.js";
import { kindLabel } from "./inputs.js";
import { type EvaluateOptions, InternalError } from "./options.js";
import { emptyCounts, type Tally } from "./tally.js";

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
export function belowTarget(rules: ReportHead["rules"], tally: Tally): { belowTarget?: number } {
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
export function coverageOf(tally: Tally): Record<string, RuleCoverage> {
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
