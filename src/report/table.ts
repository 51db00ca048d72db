import { areaColumns, label, type PlainLabelKey, ruleSeverityText } from "../model/labels.js";
import { taskLabel } from "../model/pack.js";
import type { AreaSummary, Finding, Report } from "../model/report.js";
import { LISTED_ROWS, moreLine } from "./limits.js";
import { placeText } from "./locations.js";
import { reasonsText } from "./reasons.js";
import {
  displayWidth,
  inputErrorsTable,
  inputsTable,
  makeTable,
  padEnd,
  painter,
  safeText,
  type TerminalOptions,
} from "./terminal.js";
import { coverageKeys, verdictLine } from "./verdict.js";

/** The terminal report: inputs, findings grouped by file and record, per-rule and per-district tables. */
export interface TableFormatOptions extends TerminalOptions {
  /** Findings shown per rule before "N more" (the JSON report always has them all). */
  maxFindingsPerRule?: number;
  summary?: "district" | "street";
  /** Findings of each rule that were never handed over (a large run keeps only the first). */
  hiddenFindings?: Readonly<Record<string, number>>;
}

function severityWord(finding: Finding, lang: TerminalOptions["lang"]): string {
  return finding.outcome === "eligible" ? label("eligible", lang) : label(finding.severity, lang);
}

/** The record a finding is about, or the whole file for a rule the file left unchecked. */
export function recordWords(finding: Finding, lang: TerminalOptions["lang"]): string {
  if (finding.outcome === "not-checked") return label("wholeFile", lang);
  return `${safeText(finding.recordId)} ${safeText(finding.recordName)} · ${safeText(finding.district)}`;
}

function paintSeverity(finding: Finding, text: string, options: TerminalOptions): string {
  const chalk = painter(options);
  if (finding.severity === "error") return chalk.red(text);
  if (finding.severity === "warning") return chalk.yellow(text);
  return chalk.cyan(text);
}

/** Findings grouped by file, then by record, one line per finding (ESLint "stylish" style). */
function findingsList(report: Report, options: TableFormatOptions): string {
  const chalk = painter(options);
  const { lang } = options;
  const limit = options.maxFindingsPerRule ?? Number.POSITIVE_INFINITY;
  const shownPerRule = new Map<string, number>();
  // Findings a large run never handed over count as hidden too.
  const hiddenPerRule = new Map<string, number>(Object.entries(options.hiddenFindings ?? {}));
  const visible = report.findings.filter((finding) => {
    const shown = shownPerRule.get(finding.ruleId) ?? 0;
    if (shown >= limit) {
      hiddenPerRule.set(finding.ruleId, (hiddenPerRule.get(finding.ruleId) ?? 0) + 1);
      return false;
    }
    shownPerRule.set(finding.ruleId, shown + 1);
    return true;
  });
  const severityWidth = Math.max(
    ...visible.map((finding) => displayWidth(severityWord(finding, lang))),
    0,
  );
  // People read a rule by its title; its id, the handle for --rule and baselines, follows the task.
  const titles = new Map(report.rules.map((rule) => [rule.id, safeText(rule.title[lang])]));
  const titleOf = (ruleId: string) => titles.get(ruleId) ?? ruleId;
  const ruleWidth = Math.max(...visible.map((finding) => displayWidth(titleOf(finding.ruleId))), 0);
  const lines: string[] = [];
  let currentFile = "";
  let currentRecord = "";
  for (const finding of visible) {
    if (finding.file !== currentFile) {
      currentFile = finding.file;
      currentRecord = "";
      lines.push("", chalk.underline(safeText(finding.file)));
    }
    const recordKey = `${finding.line}:${finding.recordId}`;
    if (recordKey !== currentRecord) {
      currentRecord = recordKey;
      lines.push(
        finding.outcome === "not-checked"
          ? `  ${chalk.dim(safeText(placeText(finding)))}  ${chalk.bold(label("wholeFile", lang))}`
          : `  ${chalk.dim(safeText(placeText(finding)))}  ${chalk.bold(safeText(finding.recordId))} ${safeText(finding.recordName)} · ${safeText(finding.district)}`,
      );
    }
    const severity = paintSeverity(
      finding,
      padEnd(severityWord(finding, lang), severityWidth),
      options,
    );
    lines.push(
      `    ${severity}  ${padEnd(titleOf(finding.ruleId), ruleWidth)}  ${safeText(finding.message)} ${chalk.dim(`[${taskLabel(finding.task, lang)} · ${finding.ruleId}]`)}`,
    );
  }
  for (const [rule, count] of hiddenPerRule) {
    lines.push(label("moreOfRuleNotShown", lang, { title: titleOf(rule), rule, count }));
  }
  return lines.join("\n");
}

function rulesTable(report: Report, options: TerminalOptions): string {
  const { lang } = options;
  const table = makeTable(
    [label("rule", lang), label("task", lang), label("severity", lang)].concat(
      coverageKeys.map((key) => label(key, lang)),
    ),
    painter(options),
  );
  for (const rule of report.rules) {
    const coverage = report.summary.coverage[rule.id];
    table.push([
      `${safeText(rule.title[lang])}\n${rule.id}`,
      String(rule.task),
      ruleSeverityText(rule, lang),
      ...coverageKeys.map((key) => (coverage ? String(coverage[key]) : "-")),
    ]);
  }
  const reasons = report.rules.flatMap((rule) => {
    const unknown = Object.entries(report.summary.coverage[rule.id]?.unknownReasons ?? {});
    return unknown.length === 0
      ? []
      : [
          `  ${safeText(rule.title[lang])} (${rule.id}): ${safeText(reasonsText(rule.id, Object.fromEntries(unknown), lang))}`,
        ];
  });
  return reasons.length === 0
    ? table.toString()
    : [table.toString(), `${label("unknownReasons", lang)}:`, ...reasons].join("\n");
}

function areaTable(report: Report, options: TableFormatOptions): string {
  const { lang } = options;
  const byStreet = options.summary === "street";
  const head = [
    label("district", lang),
    ...(byStreet ? [label("streetShort", lang)] : []),
    ...areaColumns(lang),
  ];
  const table = makeTable(head, painter(options));
  const cells = (summary: AreaSummary) => [
    String(summary.estates),
    String(summary.centers),
    String(summary.compliant),
    String(summary.failing),
    String(summary.unknown),
    String(summary.unchecked),
    `${(summary.complianceRate * 100).toFixed(1)}%`,
    summary.shortfall.toFixed(2),
    summary.worst
      .map((worst) => safeText(`${worst.recordId} ${worst.shortfall.toFixed(2)}`))
      .join("\n"),
  ];
  const rows: string[][] = byStreet
    ? report.summary.streets.map((street) => [
        safeText(street.district),
        safeText(street.subdistrict || "-"),
        ...cells(street),
      ])
    : Object.entries(report.summary.districts).map(([district, summary]) => [
        safeText(district),
        ...cells(summary),
      ]);
  for (const row of rows.slice(0, LISTED_ROWS)) table.push(row);
  const hidden = rows.length - LISTED_ROWS;
  if (hidden <= 0) return table.toString();
  const what = label(byStreet ? "streetsWord" : "districtsWord", lang);
  return `${table.toString()}\n${moreLine(hidden, new Map([[what, hidden]]), lang)}`;
}

export function formatTable(report: Report, options: TableFormatOptions): string {
  const chalk = painter(options);
  const { lang } = options;
  const heading = (key: PlainLabelKey) => chalk.bold(label(key, lang));
  const sections = [
    `${chalk.bold(report.tool.name)} ${report.tool.version} · ${label("ruleset", lang)} ${report.ruleset.id} (${safeText(report.ruleset.title)}) · ${label("asOf", lang)} ${report.asOf}`,
    heading("inputs"),
    inputsTable(report.inputs, options),
  ];
  if (report.inputErrors.length > 0) {
    sections.push(heading("inputErrors"), inputErrorsTable(report.inputErrors, options));
  }
  if (report.notices.length > 0)
    sections.push(heading("notices"), inputErrorsTable(report.notices, options));
  sections.push(heading("findings"));
  sections.push(
    report.findings.length > 0 ? findingsList(report, options) : label("noFindings", lang),
  );
  sections.push(heading("byRule"), rulesTable(report, options));
  if (Object.keys(report.summary.districts).length > 0) {
    const title =
      options.summary === "street" ? label("byStreet", lang) : label("byDistrict", lang);
    sections.push(chalk.bold(title), areaTable(report, options));
  }
  if (report.baseline) {
    const { file, suppressed, stale } = report.baseline;
    sections.push(
      label("baselineTerminal", lang, {
        file: safeText(file),
        suppressed,
        stale: stale.length,
      }),
    );
    for (const entry of stale)
      sections.push(
        `  - ${safeText(entry.ruleId)} ${safeText(entry.file)} ${safeText(entry.recordId)}`,
      );
  }
  sections.push(verdictLine(report, lang));
  return `${sections.join("\n")}\n`;
}
