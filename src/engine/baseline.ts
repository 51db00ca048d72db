import { type Baseline, type BaselineEntry, entryKey, normalizePath } from "../model/baseline.js";
import type { Report } from "../model/report.js";

/** The baseline that accepts every finding of a report. */
export function baselineOf(report: Report): Baseline {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const finding of report.findings) {
    const entry = {
      ruleId: finding.ruleId,
      file: normalizePath(finding.file),
      recordId: finding.recordId,
    };
    const key = entryKey(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  entries.sort((a, b) => entryKey(a).localeCompare(entryKey(b)));
  return { schemaVersion: 1, tool: "floorspace", entries };
}

function countBySeverity(findings: Report["findings"]) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/**
 * Keeps only the findings the baseline does not have, and lists the baseline entries that no
 * longer occur. Rule and district tallies still describe all the data; the finding counts, and
 * so the exit code, describe the new findings only.
 */
export function applyBaseline(report: Report, baseline: Baseline, baselineFile: string): Report {
  const accepted = new Set(baseline.entries.map(entryKey));
  const occurring = new Set<string>();
  const fresh = report.findings.filter((finding) => {
    const key = entryKey({
      ruleId: finding.ruleId,
      file: finding.file,
      recordId: finding.recordId,
    });
    occurring.add(key);
    return !accepted.has(key);
  });
  const stale = baseline.entries.filter((entry) => !occurring.has(entryKey(entry)));
  return {
    ...report,
    findings: fresh,
    summary: {
      ...report.summary,
      findings: countBySeverity(fresh),
      eligible: fresh.filter((finding) => finding.outcome === "eligible").length,
    },
    baseline: { file: baselineFile, suppressed: report.findings.length - fresh.length, stale },
  };
}

/** --quiet: the errors only (the exit code has already been decided on everything). */
export function errorsOnly(report: Report): Report {
  return { ...report, findings: report.findings.filter((finding) => finding.severity === "error") };
}
