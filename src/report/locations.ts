import { createHash } from "node:crypto";
import { normalizePath } from "../model/baseline.js";
import type { InputError } from "../model/errors.js";
import type { Finding, Report } from "../model/report.js";

/**
 * What CI formats share: input problems as annotations too, and a fingerprint per finding that
 * survives edits above the row (rule + file + record, the same key as a baseline).
 */
export function fingerprint(finding: Finding): string {
  return createHash("sha256")
    .update(JSON.stringify([finding.ruleId, normalizePath(finding.file), finding.recordId]))
    .digest("hex");
}

export function inputRuleId(error: InputError): string {
  return `input/${error.code}`;
}

/** Input errors and notices, the ones that point at a file: CI shows them on the file. */
export function locatedInputProblems(report: Report): InputError[] {
  return [...report.inputErrors, ...report.notices];
}

/** A relative URI reference: `#` and `?` in a file name are part of the path, not a fragment or query. */
export function uriOf(file: string): string {
  return encodeURI(normalizePath(file)).replaceAll("#", "%23").replaceAll("?", "%3F");
}
