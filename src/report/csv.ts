import type { Finding, ReportHead } from "../model/report.js";
import { csvRow, UTF8_BOM } from "./escape.js";
import { joinBlocks, type StreamingFormat, wholeReport } from "./format.js";
import { ruleBasis } from "./rule-basis.js";

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

function findingRow(finding: Finding, head: ReportHead): string {
  const basis = ruleBasis(head, finding.ruleId);
  return csvRow([
    finding.ruleId,
    finding.severity,
    finding.outcome,
    finding.kind,
    finding.recordId,
    finding.recordName,
    finding.district,
    finding.subdistrict,
    // A workbook's sheet travels with its file: the line is the sheet's row.
    finding.sheet === undefined ? finding.file : `${finding.file} [${finding.sheet}]`,
    finding.line,
    finding.message,
    finding.actual,
    finding.required,
    finding.shortfall,
    finding.unit,
    finding.task,
    basis.relatedTasks.join(";"),
    basis.clause,
    basis.lead,
    basis.cooperating,
    JSON.stringify(finding.details),
  ]);
}

export const csvFormat: StreamingFormat = {
  separator: "",
  findingText: findingRow,
  *document(_report, blocks) {
    yield UTF8_BOM + csvRow([...csvColumns]);
    yield* joinBlocks(blocks, "");
  },
};

export const formatCsv = wholeReport(csvFormat);
