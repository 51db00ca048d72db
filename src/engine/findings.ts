/**
 * The rules that are on, their severity and basis under a pack, and a verdict turned into a
 * finding.
 */
import type { RecordKind } from "../model/columns.js";
import { shortfallToCentiUnits, toUnits } from "../model/decimal.js";
import { label } from "../model/labels.js";
import type { ResolvedPack, RuleSetting, Severity } from "../model/pack.js";
import type { Basis, Finding } from "../model/report.js";
import type { Lang } from "../model/text.js";
import { inLanguage, localize } from "../model/text.js";
import { rules } from "../rules/registry.js";
import type { Rule, Subject, Verdict } from "../rules/types.js";
import type { EvaluateOptions } from "./options.js";

export function effectiveSetting(
  rule: Rule,
  pack: ResolvedPack,
  options: EvaluateOptions,
): RuleSetting {
  return options.ruleSettings?.[rule.id] ?? pack.rules[rule.id]?.severity ?? rule.defaultSeverity;
}

export function findingSeverity(verdict: Verdict, setting: Severity): Severity {
  // "The data cannot decide" is worth a warning, never an error; an info rule stays info.
  return verdict.outcome === "unknown" && setting === "error" ? "warning" : setting;
}

/** The policy task a rule enforces under this pack, with its clause and departments. */
export function basisOf(rule: Rule, pack: ResolvedPack): Basis {
  const task = pack.rules[rule.id]?.task ?? rule.task;
  const text = pack.tasks[String(task)];
  return {
    task,
    relatedTasks: [...(rule.relatedTasks ?? [])],
    clause: text?.clause ?? "",
    lead: text?.lead ?? "",
    cooperating: text?.cooperating ?? "",
    ...(text?.document ? { document: text.document } : {}),
  };
}

/** A rule's title under a pack: the pack's own (its figures are the pack's), else the rule's. */
export function ruleTitle(rule: Rule, pack: ResolvedPack): Rule["title"] {
  return pack.rules[rule.id]?.title ?? rule.title;
}

export function toFinding(
  rule: Rule,
  verdict: Verdict,
  severity: Severity,
  where: {
    kind: RecordKind;
    recordId: string;
    file: string;
    sheet?: string;
    line: number;
    district: string;
  },
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
    // Always the key, undefined for CSV (JSON leaves it out): one object shape for every finding
    // is cheaper than a spread on each of a large run's hundreds of thousands.
    sheet: where.sheet,
    line: where.line,
    message:
      (template ? localize(template, lang, verdict.data) : rule.title[lang]) +
      (verdict.leftOut ? leftOutNote(verdict.leftOut, lang) : ""),
    actual: inM2(verdict.actual),
    required: inM2(verdict.required),
    shortfall: verdict.shortfall === undefined ? null : shortfallToCentiUnits(verdict.shortfall),
    unit: verdict.unit ?? null,
    // Rules make a fresh data object for every verdict, so it can be kept as it is.
    details: verdict.data ? (inLanguage(verdict.data, lang) as Finding["details"]) : {},
  };
}

/** Said of a shortfall found on a sum that leaves rejected rows out: the gap is a lower bound. */
export function leftOutNote(rows: number, lang: Lang): string {
  return label("leftOutRows", lang, { count: rows });
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
