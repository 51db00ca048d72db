/**
 * Judging records, in rooms a reader can name: the rules that are on and their findings
 * (findings.ts), the facts and context a rule is judged in (facts.ts), one record at a time
 * (evaluator.ts), the mergeable tally (tally.ts), the rules a file could not be checked against
 * (not-checked.ts), the rules judged per street (streets.ts), the inputs' summaries (inputs.ts) and
 * the report assembled (report.ts). Pure: no I/O, no clock (the as-of date is an option), so the
 * same records always give the same report, byte for byte.
 */

export type { LeftOutRows } from "../model/input.js";
export type { FileToEvaluate } from "./evaluator.js";
export { fileTarget, recordEvaluator } from "./evaluator.js";
export type { CrossRecordFacts, RefusedRow } from "./facts.js";
export { addLeftOut, availableFacts, HouseholdSums, ruleContext } from "./facts.js";
export type { ActiveRule } from "./findings.js";
export { activeRules, effectiveSetting, ruleTitle } from "./findings.js";
export { assertReconciled, inputSummary, summarizeInput } from "./inputs.js";
export { fileCoverage, notCheckedFindings, notCheckedOfFile } from "./not-checked.js";
export type { EvaluateOptions } from "./options.js";
export { InternalError } from "./options.js";
export type { ReportParts } from "./report.js";
export { buildReport, reportHead } from "./report.js";
export { streetFindings } from "./streets.js";
export type { FirstRecord } from "./tally.js";
export { Tally } from "./tally.js";
