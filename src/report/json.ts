import type { Finding, Report } from "../model/report.js";
import { type StreamingFormat, wholeReport } from "./format.js";
import { jsonPieces, SerializedArray } from "./json-pieces.js";

/**
 * The machine-readable report; its shape is `reportSchema` in src/model/report.ts. It is
 * JSON.stringify(report, null, 2) except that each finding is written on one line: a large report
 * has hundreds of thousands of them, and one per line can be read with grep, head or a line
 * reader as well as any JSON parser, at half the bytes of indented ones.
 */
const FINDING_INDENT = "    ";

function findingJson(finding: Finding): string {
  return JSON.stringify(finding);
}

export const jsonFormat: StreamingFormat = {
  separator: `,\n${FINDING_INDENT}`,
  findingText: findingJson,
  document: (report: Report, blocks) =>
    jsonPieces({ ...report, findings: new SerializedArray([], blocks) }),
};

export const formatJson = wholeReport(jsonFormat);
