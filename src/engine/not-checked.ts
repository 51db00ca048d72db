/**
 * Rules a file gave no way to judge, for want of a column or the other file: entries, findings and
 * their words.
 */
import { suggestHeaders } from "../ingest/headers.js";
import { columnsByKind, type RecordKind } from "../model/columns.js";
import { label, labels } from "../model/labels.js";
import type { Finding, NotChecked } from "../model/report.js";
import type { Lang, Localized } from "../model/text.js";
import { CENTERS_FILE, ESTATES_FILE, type Rule } from "../rules/types.js";
import type { FileToEvaluate } from "./evaluator.js";
import type { ActiveRule } from "./findings.js";
import { mergeNotChecked, Tally } from "./tally.js";

export function lacksAll(available: ReadonlySet<string>, missing: readonly string[]): boolean {
  for (const column of missing) if (available.has(column)) return false;
  return true;
}

export function isQuiet(rule: Rule, missing: readonly string[]): boolean {
  const quiet = rule.quietWhenMissing;
  return quiet !== undefined && missing.every((column) => quiet.includes(column));
}

export function noteNotChecked(tally: Tally, ruleId: string, missing: readonly string[]): void {
  tally.notChecked[ruleId] ??= { rows: 0, missing: [] };
  const entry = tally.notChecked[ruleId];
  entry.rows++;
  for (const column of missing) if (!entry.missing.includes(column)) entry.missing.push(column);
}

/**
 * The rules a file gave no way to judge on some rows, from the tally of that file alone: one
 * entry a rule, naming what it lacked and the file's unrecognised headers that look like it.
 */
export function notCheckedOfFile(
  active: readonly ActiveRule[],
  target: FileToEvaluate,
  notChecked: Tally["notChecked"],
): NotChecked[] {
  const entries: NotChecked[] = [];
  for (const { rule, setting } of active) {
    const entry = notChecked[rule.id];
    if (!entry || entry.rows === 0) continue;
    const quiet = isQuiet(rule, entry.missing);
    const needs = entry.missing.map((column) => neededColumn(target.kind, column));
    entries.push({
      ruleId: rule.id,
      file: target.file,
      ...(target.sheet !== undefined ? { sheet: target.sheet } : {}),
      kind: target.kind,
      rows: entry.rows,
      needs,
      suggestions: suggestHeaders(target.kind, target.unknownHeaders, entry.missing),
      quiet,
      severity: setting === "info" || quiet ? "info" : "warning",
    });
  }
  return entries;
}

/** One finding per entry: a warning (info for an info rule or a usual absence), at the header. */
export function notCheckedFindings(
  active: readonly ActiveRule[],
  entries: readonly NotChecked[],
  headerLine: number,
  lang: Lang,
): Finding[] {
  return entries.flatMap((entry) => {
    const activeRule = active.find(({ rule }) => rule.id === entry.ruleId);
    if (!activeRule) return [];
    const { rule, basis } = activeRule;
    return [
      {
        ruleId: rule.id,
        task: basis.task,
        severity: entry.severity,
        outcome: "not-checked" as const,
        kind: entry.kind,
        recordId: "",
        recordName: "",
        district: "",
        subdistrict: null,
        file: entry.file,
        ...(entry.sheet !== undefined ? { sheet: entry.sheet } : {}),
        line: headerLine,
        message: notCheckedMessage(entry, lang),
        actual: null,
        required: null,
        shortfall: null,
        unit: null,
        details: {
          rows: entry.rows,
          needs: entry.needs.map((need) => need.column).join(", "),
          suggestions: entry.suggestions
            .map((suggestion) => `${suggestion.header}=${suggestion.column}`)
            .join(", "),
        },
      },
    ];
  });
}

/** The other file a rule needed, in both languages. */
export const otherFiles: Record<string, Localized> = {
  [ESTATES_FILE]: labels.estatesFileWithCommunity,
  [CENTERS_FILE]: labels.centersFile,
};

/** The Chinese header and canonical name of a needed column, or the other file's kind. */
export function neededColumn(kind: RecordKind, column: string): { column: string; header: string } {
  const other = otherFiles[column];
  if (other) return { column, header: other.zh };
  const spec = columnsByKind[kind].find((candidate) => candidate.canonical === column);
  return { column, header: spec?.zh[0] ?? column };
}

export function notCheckedMessage(entry: NotChecked, lang: Lang): string {
  const needs = entry.needs
    .map((need) => otherFiles[need.column]?.[lang] ?? `${need.header} / ${need.column}`)
    .join(label("orSeparator", lang));
  const hints = entry.suggestions.map((suggestion) =>
    label("columnMayBe", lang, {
      header: suggestion.header,
      column: `${neededColumn(entry.kind, suggestion.column).header} / ${suggestion.column}`,
    }),
  );
  const head = label("notCheckedOnRows", lang, { count: entry.rows, needs });
  const tail =
    hints.length > 0
      ? label("renameOrMap", lang, { hints: hints.join(label("hintSeparator", lang)) })
      : "";
  return head + tail;
}

/** What a file adds to a report besides its records' findings: the rules it left unchecked. */
export function fileCoverage(
  active: readonly ActiveRule[],
  target: FileToEvaluate,
  /** The tallies of the file's records (of its parts, in any order). */
  fileTallies: readonly Tally[],
  lang: Lang,
): { entries: NotChecked[]; findings: Finding[]; tally: Tally } {
  const notChecked: Tally["notChecked"] = {};
  for (const fileTally of fileTallies) mergeNotChecked(notChecked, fileTally.notChecked);
  const entries = notCheckedOfFile(active, target, notChecked);
  const findings = notCheckedFindings(active, entries, target.headerLine, lang);
  // Counted like any finding (the exit code and the verdict line read these counts).
  const tally = new Tally(active);
  for (const finding of findings) tally.severityCounts[finding.severity]++;
  return { entries, findings, tally };
}
