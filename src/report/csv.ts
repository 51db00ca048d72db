import type { Report } from "../model/report.js";
import { csvRow, UTF8_BOM } from "./escape.js";

/** One finding per row, every JSON field flattened; opens in Excel with the Chinese intact. */
export const csvColumns = [
  "ruleId",
  "severity",
  "outcome",
  "kind",
  "recordId",
  "recordName",
  "district",
  "subdistrict",
  "file",
  "line",
  "message",
  "actual",
  "required",
  "shortfall",
  "unit",
  "basis.task",
  "basis.relatedTasks",
  "basis.clause",
  "basis.lead",
  "basis.cooperating",
  "details",
] as const;

export function formatCsv(report: Report): string {
  const rows = report.findings.map((finding) =>
    csvRow([
      finding.ruleId,
      finding.severity,
      finding.outcome,
      finding.kind,
      finding.recordId,
      finding.recordName,
      finding.district,
      finding.subdistrict,
      finding.file,
      finding.line,
      finding.message,
      finding.actual,
      finding.required,
      finding.shortfall,
      finding.unit,
      finding.basis.task,
      finding.basis.relatedTasks.join(";"),
      finding.basis.clause,
      finding.basis.lead,
      finding.basis.cooperating,
      JSON.stringify(finding.details),
    ]),
  );
  return UTF8_BOM + csvRow([...csvColumns]) + rows.join("");
}
