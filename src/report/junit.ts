import type { Severity } from "../model/pack.js";
import type { Evaluation, Finding, Report } from "../model/report.js";
import { xmlText } from "./escape.js";
import type { FormatOptions } from "./registry.js";

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

function suiteXml(name: string, cases: Case[]): string {
  const failures = cases.filter((testCase) => testCase.failure).length;
  const skipped = cases.filter((testCase) => testCase.skipped !== undefined).length;
  return [
    `  <testsuite ${attributes({ name, tests: cases.length, failures, errors: 0, skipped })}>`,
    ...cases.map((testCase) => caseXml(name, testCase)),
    "  </testsuite>",
  ].join("\n");
}

function findingCase(finding: Finding, failOn: Severity | "never"): Case {
  const name = `${finding.recordId} ${finding.recordName} (${finding.file}:${finding.line})`;
  const body = `${finding.file}:${finding.line}\n${finding.message}\nTask ${finding.basis.task}: ${finding.basis.clause}\nLead: ${finding.basis.lead}`;
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
  failOn: Severity | "never",
): Case | null {
  const outcome = evaluation.outcomes[ruleId];
  if (outcome === undefined) return null;
  if (finding) return findingCase(finding, failOn);
  const name = `${evaluation.recordId} ${evaluation.recordName} (${evaluation.file}:${evaluation.line})`;
  return outcome === "not-applicable"
    ? { name, file: evaluation.file, line: evaluation.line, skipped: "not applicable" }
    : { name, file: evaluation.file, line: evaluation.line };
}

export function formatJunit(report: Report, options: FormatOptions): string {
  const failOn = options.failOn ?? "error";
  const suites: string[] = [];
  const inputCases: Case[] = [...report.inputErrors].map((error) => ({
    name: `${error.code} (${[error.file, error.line, error.column].filter((part) => part !== null).join(":")})`,
    file: error.file,
    line: error.line,
    failure: {
      type: error.code,
      message: error.message,
      body: `${error.message}${error.value === null ? "" : ` (${error.value})`}`,
    },
  }));
  if (inputCases.length > 0) suites.push(suiteXml("input", inputCases));

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
            failOn,
          ),
        )
        .filter((testCase): testCase is Case => testCase !== null);
    } else {
      cases = findings.map((finding) => findingCase(finding, failOn));
    }
    suites.push(suiteXml(rule.id, cases));
  }
  const all = suites.join("\n");
  const tests = (all.match(/<testcase /g) ?? []).length;
  const failures = (all.match(/<failure /g) ?? []).length;
  const skipped = (all.match(/<skipped /g) ?? []).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes({ name: `floorspace ${report.ruleset.id}`, tests, failures, errors: 0, skipped })}>`,
    all,
    "</testsuites>",
    "",
  ].join("\n");
}
