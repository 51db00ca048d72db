import type { Basis, Finding, Report } from "../model/report.js";
import { indentedJson, jsonPieces, SerializedArray } from "./json-pieces.js";
import { type StreamingFormat, wholeReport } from "./registry.js";

/** The machine-readable report; its shape is `reportSchema` in src/model/report.ts. */
const FINDING_INDENT = "    ";
const FIELD_INDENT = `${FINDING_INDENT}  `;

// Every finding of a rule shares one basis object, so its text is made once per rule.
const basisTexts = new WeakMap<Basis, string>();

function basisText(basis: Basis): string {
  let text = basisTexts.get(basis);
  if (text === undefined) {
    text = indentedJson(basis, FIELD_INDENT);
    basisTexts.set(basis, text);
  }
  return text;
}

const json = JSON.stringify;

/**
 * indentedJson(finding, FINDING_INDENT), written out field by field: a finding is the one
 * object a large report has hundreds of thousands of. A test holds the two to the same bytes.
 */
export function findingJson(finding: Finding): string {
  const i = FIELD_INDENT;
  return `{
${i}"ruleId": ${json(finding.ruleId)},
${i}"severity": ${json(finding.severity)},
${i}"outcome": ${json(finding.outcome)},
${i}"kind": ${json(finding.kind)},
${i}"recordId": ${json(finding.recordId)},
${i}"recordName": ${json(finding.recordName)},
${i}"district": ${json(finding.district)},
${i}"subdistrict": ${json(finding.subdistrict)},
${i}"file": ${json(finding.file)},
${i}"line": ${json(finding.line)},
${i}"message": ${json(finding.message)},
${i}"actual": ${json(finding.actual)},
${i}"required": ${json(finding.required)},
${i}"shortfall": ${json(finding.shortfall)},
${i}"unit": ${json(finding.unit)},
${i}"basis": ${basisText(finding.basis)},
${i}"details": ${indentedJson(finding.details, i)}
${FINDING_INDENT}}`;
}

export const jsonFormat: StreamingFormat = {
  separator: `,\n${FINDING_INDENT}`,
  findingText: findingJson,
  document: (report: Report, blocks) =>
    jsonPieces({ ...report, findings: new SerializedArray([], blocks) }),
};

export const formatJson = wholeReport(jsonFormat);
