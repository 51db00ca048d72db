import { areaColumns, label } from "../model/labels.js";
import { taskLabel } from "../model/pack.js";
import type { AreaSummary, Report } from "../model/report.js";
import { markdownText } from "./escape.js";
import type { FormatOptions } from "./format.js";
import { codesAfter, LISTED_ROWS, MARKDOWN_FINDINGS, moreLine } from "./limits.js";
import { placeText } from "./locations.js";
import { reasonsText } from "./reasons.js";
import {
  coverageKeys,
  verdictCounts,
  verdictHeadline,
  verdictLevel,
  verdictLine,
} from "./verdict.js";

/** A summary for a pull-request comment or a CI job summary. */

function row(cells: Array<string | number>): string {
  return `| ${cells.map((cell) => (typeof cell === "number" ? String(cell) : cell)).join(" | ")} |`;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function areaRows(summary: AreaSummary): Array<string | number> {
  return [
    summary.estates,
    summary.centers,
    summary.compliant,
    summary.failing,
    summary.unknown,
    summary.unchecked,
    percent(summary.complianceRate),
    summary.shortfall.toFixed(2),
    summary.worst
      .map(
        (worst) =>
          `${markdownText(worst.recordId)} ${markdownText(worst.recordName)} (${worst.shortfall.toFixed(2)})`,
      )
      .join("<br>"),
  ];
}

/** Per rule: what was judged and what was not, and why. */
function coverageRows(report: Report, lang: FormatOptions["lang"]): string[] {
  const keys = coverageKeys;
  const lines = [
    `### ${label("byRule", lang)}`,
    "",
    row([
      label("rule", lang),
      ...keys.map((key) => label(key, lang)),
      label("unknownReasons", lang),
    ]),
    row(["---", ...keys.map(() => "---:"), "---"]),
  ];
  for (const rule of report.rules) {
    const coverage = report.summary.coverage[rule.id];
    if (!coverage) continue;
    const reasons = markdownText(reasonsText(rule.id, coverage.unknownReasons, lang));
    lines.push(
      row([
        `${markdownText(rule.title[lang])} \`${rule.id}\``,
        ...keys.map((key) => coverage[key]),
        reasons,
      ]),
    );
  }
  return lines;
}

/** The input errors as a Markdown section (the first LISTED_ROWS, and how many more). */
export function inputErrorsMarkdown(
  inputErrors: Report["inputErrors"],
  lang: FormatOptions["lang"],
): string[] {
  if (inputErrors.length === 0) return [];
  const lines = [
    `### ${label("inputErrors", lang)}`,
    "",
    row([
      label("location", lang),
      label("code", lang),
      label("message", lang),
      label("value", lang),
    ]),
    row(["---", "---", "---", "---"]),
  ];
  for (const inputError of inputErrors.slice(0, LISTED_ROWS)) {
    lines.push(
      row([
        markdownText(placeText(inputError)),
        inputError.code,
        markdownText(inputError.message),
        markdownText(inputError.value ?? ""),
      ]),
    );
  }
  const hidden = inputErrors.length - LISTED_ROWS;
  if (hidden > 0) {
    lines.push("", markdownText(moreLine(hidden, codesAfter(inputErrors, LISTED_ROWS), lang)));
  }
  lines.push("");
  return lines;
}

export function formatMarkdown(report: Report, options: FormatOptions): string {
  const { lang } = options;
  const { error, warning, info } = report.summary.findings;
  const level = verdictLevel(verdictCounts(report));
  const icon = { fail: "❌", incomplete: "⚠️", warn: "⚠️", ok: "✅" }[level];
  const lines = [
    `## floorspace: ${icon} ${verdictHeadline(level, lang)}`,
    "",
    `${markdownText(report.ruleset.title)} · ${label("asOf", lang)} ${report.asOf}`,
    "",
    verdictLine(report, lang),
    "",
    row([
      label("estates", lang),
      label("centers", lang),
      label("rejectedRows", lang),
      label("error", lang),
      label("warning", lang),
      label("info", lang),
      label("eligible", lang),
    ]),
    row(["---:", "---:", "---:", "---:", "---:", "---:", "---:"]),
    row([
      report.summary.records.estates,
      report.summary.records.centers,
      report.summary.rejected,
      error,
      warning,
      info,
      report.summary.eligible,
    ]),
    "",
  ];
  if (report.baseline) {
    lines.push(
      label("baselineMarkdown", lang, {
        file: markdownText(report.baseline.file),
        suppressed: report.baseline.suppressed,
        stale: report.baseline.stale.length,
      }),
      "",
    );
  }
  lines.push(...inputErrorsMarkdown(report.inputErrors, lang));
  const byStreet = options.summary === "street";
  const areaHead = areaColumns(lang);
  lines.push(`### ${label(byStreet ? "byStreet" : "byDistrict", lang)}`, "");
  if (byStreet) {
    lines.push(
      row([label("district", lang), label("streetShort", lang), ...areaHead]),
      row(Array(11).fill("---")),
    );
    for (const street of report.summary.streets) {
      lines.push(
        row([
          markdownText(street.district),
          markdownText(street.subdistrict || "-"),
          ...areaRows(street),
        ]),
      );
    }
  } else {
    lines.push(row([label("district", lang), ...areaHead]), row(Array(10).fill("---")));
    for (const [district, summary] of Object.entries(report.summary.districts)) {
      lines.push(row([markdownText(district), ...areaRows(summary)]));
    }
  }
  lines.push("", ...coverageRows(report, lang), "");
  const shown = options.maxFindingsPerRule ?? MARKDOWN_FINDINGS;
  if (report.findings.length > 0) {
    lines.push(
      `### ${label("findings", lang)}`,
      "",
      row([
        label("location", lang),
        label("record", lang),
        label("severity", lang),
        label("rule", lang),
        label("message", lang),
      ]),
      row(["---", "---", "---", "---", "---"]),
    );
    const titles = new Map(report.rules.map((rule) => [rule.id, rule.title[lang]]));
    for (const finding of report.findings.slice(0, shown)) {
      lines.push(
        row([
          markdownText(placeText(finding)),
          finding.outcome === "not-checked"
            ? label("wholeFile", lang)
            : markdownText(`${finding.recordId} ${finding.recordName}`),
          finding.outcome === "eligible" ? label("eligible", lang) : label(finding.severity, lang),
          `${markdownText(titles.get(finding.ruleId) ?? finding.ruleId)} \`${finding.ruleId}\` (${taskLabel(finding.task, lang)})`,
          markdownText(finding.message),
        ]),
      );
    }
    // Findings a large run never kept in memory count too.
    const more =
      Math.max(report.findings.length - shown, 0) +
      Object.values(options.hiddenFindings ?? {}).reduce((total, count) => total + count, 0);
    if (more > 0) lines.push("", label("moreInJson", lang, { count: more }));
  } else {
    lines.push(label("noFindings", lang));
  }
  return `${lines.join("\n")}\n`;
}
