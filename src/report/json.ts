import type { Basis, Finding, Report } from "../model/report.js";
import { indentedJson, jsonPieces, SerializedArray } from "./json-pieces.js";
import { type StreamingFormat, wholeReport } from "./registry.js";

/** The machine-readable report; its shape is `reportSchema` in src/model/report.ts. */
const FINDING_INDENT = "    ";
const FIELD_INDENT = `${FINDING_INDENT}  `;

// Every finding of a rule shares one basis object, so its text is made (and encoded) once.
const basisTexts = new WeakMap<Basis, { text: string; bytes: Uint8Array }>();

function basisText(basis: Basis): { text: string; bytes: Uint8Array } {
  let cached = basisTexts.get(basis);
  if (cached === undefined) {
    const text = indentedJson(basis, FIELD_INDENT);
    cached = { text, bytes: Buffer.from(text) };
    basisTexts.set(basis, cached);
  }
  return cached;
}

const json = JSON.stringify;

/**
 * indentedJson(finding, FINDING_INDENT), written out field by field: a finding is the one
 * object a large report has hundreds of thousands of. A test holds the two to the same bytes.
 */
export function findingJson(finding: Finding): string {
  const [before, basis, after] = findingJsonParts(finding);
  return before + basisText(basis).text + after;
}

/** The finding's JSON before its basis, the basis, and the JSON after it. */
function findingJsonParts(finding: Finding): [string, Basis, string] {
  const i = FIELD_INDENT;
  const before = `{
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
${i}"basis": `;
  const after = `,
${i}"details": ${indentedJson(finding.details, i)}
${FINDING_INDENT}}`;
  return [before, finding.basis, after];
}

function findingJsonPieces(finding: Finding): Array<string | Uint8Array> {
  const [before, basis, after] = findingJsonParts(finding);
  return [before, basisText(basis).bytes, after];
}

export const jsonFormat: StreamingFormat = {
  separator: `,\n${FINDING_INDENT}`,
  findingText: findingJson,
  findingPieces: findingJsonPieces,
  document: (report: Report, blocks) =>
    jsonPieces({ ...report, findings: new SerializedArray([], blocks) }),
};

export const formatJson = wholeReport(jsonFormat);
