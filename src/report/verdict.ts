import { type LabelKey, label, labelled } from "../model/labels.js";
import type { Report } from "../model/report.js";
import type { Lang } from "../model/text.js";

/**
 * The one verdict every human-readable format states. It never says "passing" while rows were
 * rejected, a file was refused or a rule went unchecked: each of those is counted in the line.
 */
/** The columns of every per-rule coverage table, in order (keys of `summary.coverage[id]`). */
export const coverageKeys = [
  "judged",
  "pass",
  "fail",
  "eligible",
  "unknown",
  "notApplicable",
  "notChecked",
] as const;

export type VerdictLevel = "fail" | "incomplete" | "warn" | "ok";

export interface VerdictCounts {
  error: number;
  warning: number;
  info: number;
  eligible: number;
  rejected: number;
  refused: number;
  rulesNotChecked: number;
  recordsNotChecked: number;
}

export function verdictCounts(report: Report): VerdictCounts {
  const { error, warning, info } = report.summary.findings;
  return {
    error,
    warning,
    info,
    eligible: report.summary.eligible,
    rejected: report.summary.rejected,
    refused: report.inputs.filter((input) => !input.usable).length,
    rulesNotChecked: new Set(report.summary.notChecked.map((entry) => entry.ruleId)).size,
    recordsNotChecked: report.summary.recordsNotChecked,
  };
}

export function verdictLevel(counts: VerdictCounts): VerdictLevel {
  if (counts.error > 0) return "fail";
  if (counts.refused > 0 || counts.rejected > 0 || counts.rulesNotChecked > 0) return "incomplete";
  if (counts.warning > 0) return "warn";
  return "ok";
}

const headlines = {
  fail: "verdictFail",
  incomplete: "verdictIncomplete",
  warn: "verdictWarn",
  ok: "verdictOk",
} as const satisfies Record<VerdictLevel, LabelKey>;

export function verdictHeadline(level: VerdictLevel, lang: Lang): string {
  return label(headlines[level], lang);
}

/** "2 errors · 1 rule not checked on 6 rows · 3 rows rejected": what the verdict rests on. */
export function verdictLine(report: Report, lang: Lang): string {
  const counts = verdictCounts(report);
  const parts = [
    label("errorCount", lang, { count: counts.error }),
    label("warningCount", lang, { count: counts.warning }),
    label("infoCount", lang, { count: counts.info, eligible: counts.eligible }),
  ];
  if (counts.rulesNotChecked > 0) {
    parts.push(
      label("rulesNotCheckedOnRows", lang, {
        rules: labelled("ruleCount", { count: counts.rulesNotChecked }),
        rows: labelled("rowCount", { count: counts.recordsNotChecked }),
      }),
    );
  }
  const belowTarget = report.summary.belowTarget;
  if (belowTarget !== undefined)
    parts.push(label("belowTargetCount", lang, { count: belowTarget }));
  parts.push(label("rejectedCount", lang, { count: counts.rejected }));
  const skipped = report.inputs.reduce((total, input) => total + input.skipped, 0);
  if (skipped > 0) parts.push(label("skippedCount", lang, { count: skipped }));
  if (counts.refused > 0) parts.push(label("refusedCount", lang, { count: counts.refused }));
  return parts.join(" · ");
}
