import type { Finding } from "../model/report.js";

/** "E04 长桥雅苑: message", or the message alone for a finding about a whole file. */
export function findingSubject(finding: Finding): string {
  return finding.outcome === "not-checked"
    ? finding.message
    : `${finding.recordId} ${finding.recordName}: ${finding.message}`;
}
