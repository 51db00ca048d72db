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

const headlines: Record<VerdictLevel, { zh: string; en: string }> = {
  fail: { zh: "不合格", en: "Failing" },
  incomplete: { zh: "未完整检查", en: "Not fully checked" },
  warn: { zh: "有警告", en: "Warnings" },
  ok: { zh: "合格", en: "Passing" },
};

export function verdictHeadline(level: VerdictLevel, lang: Lang): string {
  return headlines[level][lang];
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2 errors · 1 rule not checked on 6 rows · 3 rows rejected": what the verdict rests on. */
export function verdictLine(report: Report, lang: Lang): string {
  const counts = verdictCounts(report);
  const zh = lang === "zh";
  const parts = zh
    ? [
        `错误 ${counts.error}`,
        `警告 ${counts.warning}`,
        `提示 ${counts.info}(其中“以奖代补”改造候选 ${counts.eligible})`,
      ]
    : [
        plural(counts.error, "error", "errors"),
        plural(counts.warning, "warning", "warnings"),
        `${counts.info} info (${counts.eligible} retrofit candidates)`,
      ];
  if (counts.rulesNotChecked > 0) {
    parts.push(
      zh
        ? `${counts.rulesNotChecked} 条规则在 ${counts.recordsNotChecked} 行上未检查`
        : `${plural(counts.rulesNotChecked, "rule", "rules")} not checked on ${plural(counts.recordsNotChecked, "row", "rows")}`,
    );
  }
  const belowTarget = report.summary.belowTarget;
  if (belowTarget !== undefined) {
    parts.push(zh ? `未达目标 ${belowTarget}` : `${belowTarget} below target`);
  }
  parts.push(
    zh ? `拒收行 ${counts.rejected}` : `${plural(counts.rejected, "row", "rows")} rejected`,
  );
  const skipped = report.inputs.reduce((total, input) => total + input.skipped, 0);
  if (skipped > 0) {
    parts.push(
      zh
        ? `跳过非记录行 ${skipped}`
        : `${plural(skipped, "row", "rows")} skipped (totals, signatures)`,
    );
  }
  if (counts.refused > 0) {
    parts.push(
      zh
        ? `${counts.refused} 个文件未能读取`
        : plural(counts.refused, "file refused", "files refused"),
    );
  }
  return parts.join(" · ");
}
