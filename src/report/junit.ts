import type { Severity } from "../model/pack.js";
import { capitalized, taskLabel } from "../model/pack.js";
import type { Basis, Evaluation, Finding, Report } from "../model/report.js";
import { xmlText } from "./escape.js";
import type { FormatOptions, TextBlock } from "./format.js";
import { placeText } from "./locations.js";

/**
 * JUnit XML for Jenkins and GitLab: a testsuite per rule, a testcase per record the rule
 * evaluated, a failure for each finding at or above --fail-on; input problems form a suite too.
 */
const rank: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${xmlText(String(value))}"`)
    .join(" ");
}

interface Case {
  name: string;
  file: string;
  line: number | null;
  failure?: { type: string; message: string; body: string };
  skipped?: string;
  output?: string;
}

function caseXml(suite: string, testCase: Case): string {
  const head = `    <testcase ${attributes({
    classname: `floorspace.${suite}`,
    name: testCase.name,
    file: testCase.file,
    ...(testCase.line === null ? {} : { line: testCase.line }),
  })}`;
  const parts: string[] = [];
  if (testCase.failure) {
    parts.push(
      `      <failure ${attributes({ type: testCase.failure.type, message: testCase.failure.message })}>${xmlText(testCase.failure.body)}</failure>`,
    );
  }
  if (testCase.skipped !== undefined)
    parts.push(`      <skipped ${attributes({ message: testCase.skipped })}/>`);
  if (testCase.output) parts.push(`      <system-out>${xmlText(testCase.output)}</system-out>`);
  return parts.length === 0 ? `${head}/>` : `${head}>\n${parts.join("\n")}\n    </testcase>`;
}

/** A rule's suite: its cases' texts (one block or a spool's, joined by newlines) and counts. */
export interface SuiteCases {
  name: string;
  blocks: Iterable<TextBlock>;
  tests: number;
  failures: number;
  skipped: number;
}

function* suiteXml(suite: SuiteCases): Generator<string | Uint8Array> {
  const { name, tests, failures, skipped } = suite;
  yield `  <testsuite ${attributes({ name, tests, failures, errors: 0, skipped })}>`;
  for (const block of suite.blocks) {
    yield "\n";
    if (typeof block === "string") yield block;
    else yield* block;
  }
  yield "\n  </testsuite>";
}

/** One suite made of cases in memory. */
function suiteOf(name: string, cases: Case[]): SuiteCases {
  return {
    name,
    blocks: cases.length === 0 ? [] : [cases.map((testCase) => caseXml(name, testCase)).join("\n")],
    tests: cases.length,
    failures: cases.filter((testCase) => testCase.failure).length,
    skipped: cases.filter((testCase) => testCase.skipped !== undefined).length,
  };
}

function findingCase(finding: Finding, basis: Basis, failOn: Severity | "never"): Case {
  const name = `${finding.recordId} ${finding.recordName} (${placeText(finding)})`;
  const body = `${placeText(finding)}\n${finding.message}\n${capitalized(taskLabel(finding.task, "en"))}: ${basis.clause}\nLead: ${basis.lead}`;
  const fails = failOn !== "never" && rank[finding.severity] >= rank[failOn];
  return fails
    ? {
        name,
        file: finding.file,
        line: finding.line,
        failure: { type: finding.severity, message: finding.message, body },
      }
    : {
        name,
        file: finding.file,
        line: finding.line,
        output: `${finding.severity}: ${finding.message}`,
      };
}

function evaluationCase(
  evaluation: Evaluation,
  ruleId: string,
  finding: Finding | undefined,
  basis: Basis,
  failOn: Severity | "never",
): Case | null {
  const outcome = evaluation.outcomes[ruleId];
  if (outcome === undefined) return null;
  if (finding) return findingCase(finding, basis, failOn);
  const name = `${evaluation.recordId} ${evaluation.recordName} (${evaluation.file}:${evaluation.line})`;
  if (outcome === "not-applicable") {
    return { name, file: evaluation.file, line: evaluation.line, skipped: "not applicable" };
  }
  if (outcome === "not-checked") {
    const lacked = evaluation.notChecked?.[ruleId] ?? [];
    return {
      name,
      file: evaluation.file,
      line: evaluation.line,
      skipped: `not checked: the file has no ${lacked.join(" or ")}`,
    };
  }
  return { name, file: evaluation.file, line: evaluation.line };
}

/** One record's case in one rule's suite, and what it counts as; null when the rule did not judge it. */
export function junitCase(
  evaluation: Evaluation,
  ruleId: string,
  finding: Finding | undefined,
  basis: Basis,
  failOn: Severity | "never",
): { text: string; failure: boolean; skipped: boolean } | null {
  const testCase = evaluationCase(evaluation, ruleId, finding, basis, failOn);
  if (!testCase) return null;
  return {
    text: caseXml(ruleId, testCase),
    failure: testCase.failure !== undefined,
    skipped: testCase.skipped !== undefined,
  };
}

/** The document around the rules' suites (in the report's rule order, rules that are on). */
export function* junitDocument(
  report: Report,
  ruleSuites: SuiteCases[],
): Generator<string | Uint8Array> {
  const inputCases: Case[] = [...report.inputErrors].map((error) => ({
    name: `${error.code} (${placeText(error)})`,
    file: error.file,
    line: error.line,
    failure: {
      type: error.code,
      message: error.message,
      body: `${error.message}${error.value === null ? "" : ` (${error.value})`}`,
    },
  }));
  const suites = [...(inputCases.length > 0 ? [suiteOf("input", inputCases)] : []), ...ruleSuites];
  const total = (key: "tests" | "failures" | "skipped") =>
    suites.reduce((sum, suite) => sum + suite[key], 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites ${attributes({ name: `floorspace ${report.ruleset.id}`, tests: total("tests"), failures: total("failures"), errors: 0, skipped: total("skipped") })}>`;
  for (const suite of suites) {
    yield "\n";
    yield* suiteXml(suite);
  }
  yield "\n</testsuites>\n";
}

export function formatJunit(report: Report, options: FormatOptions): Iterable<string | Uint8Array> {
  const failOn = options.failOn ?? "error";
  const ruleSuites: SuiteCases[] = [];
  for (const rule of report.rules) {
    if (rule.severity === "off") continue;
    const findings = report.findings.filter((finding) => finding.ruleId === rule.id);
    let cases: Case[];
    if (report.evaluations) {
      const byRecord = new Map(
        findings.map((finding) => [`${finding.file}\u0000${finding.line}`, finding]),
      );
      cases = report.evaluations
        .map((evaluation) =>
          evaluationCase(
            evaluation,
            rule.id,
            byRecord.get(`${evaluation.file}\u0000${evaluation.line}`),
            rule.basis,
            failOn,
          ),
        )
        .filter((testCase): testCase is Case => testCase !== null);
    } else {
      cases = findings.map((finding) => findingCase(finding, rule.basis, failOn));
    }
    ruleSuites.push(suiteOf(rule.id, cases));
  }
  return junitDocument(report, ruleSuites);
}
