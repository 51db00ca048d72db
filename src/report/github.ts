import type { Finding, Report } from "../model/report.js";
import { githubData, githubProperty } from "./escape.js";
import { findingSubject } from "./finding-subject.js";
import { locatedInputProblems } from "./locations.js";
import { type StreamingFormat, wholeReport } from "./registry.js";

/** GitHub Actions workflow commands: an annotation on the CSV line of every finding. */
const commands = { error: "error", warning: "warning", info: "notice" } as const;

function location(file: string, line: number | null): string {
  return line === null
    ? `file=${githubProperty(file)}`
    : `file=${githubProperty(file)},line=${line}`;
}

function findingLine(finding: Finding): string {
  const title = githubProperty(`${finding.ruleId} (task ${finding.task})`);
  const message = githubData(findingSubject(finding));
  return `::${commands[finding.severity]} ${location(finding.file, finding.line)},title=${title}::${message}`;
}

function problemLines(report: Report): string[] {
  return locatedInputProblems(report).map((problem) => {
    const command = problem.level === "notice" ? "notice" : "error";
    const value = problem.value === null ? "" : ` (${problem.value})`;
    return `::${command} ${location(problem.file, problem.line)},title=${githubProperty(`floorspace ${problem.code}`)}::${githubData(problem.message + value)}`;
  });
}

export const githubFormat: StreamingFormat = {
  separator: "\n",
  findingText: findingLine,
  *document(report, blocks) {
    const problems = problemLines(report);
    let any = problems.length > 0;
    if (any) yield problems.join("\n");
    for (const block of blocks) {
      if (any) yield "\n";
      if (typeof block === "string") yield block;
      else yield* block;
      any = true;
    }
    if (any) yield "\n";
  },
};

export const formatGithub = wholeReport(githubFormat);
