import type { Report } from "../model/report.js";
import { githubData, githubProperty } from "./escape.js";
import { locatedInputProblems } from "./locations.js";

/** GitHub Actions workflow commands: an annotation on the CSV line of every finding. */
const commands = { error: "error", warning: "warning", info: "notice" } as const;

function location(file: string, line: number | null): string {
  return line === null
    ? `file=${githubProperty(file)}`
    : `file=${githubProperty(file)},line=${line}`;
}

export function formatGithub(report: Report): string {
  const lines = locatedInputProblems(report).map((problem) => {
    const command = problem.level === "notice" ? "notice" : "error";
    const value = problem.value === null ? "" : ` (${problem.value})`;
    return `::${command} ${location(problem.file, problem.line)},title=${githubProperty(`floorspace ${problem.code}`)}::${githubData(problem.message + value)}`;
  });
  for (const finding of report.findings) {
    const title = githubProperty(`${finding.ruleId} (task ${finding.basis.task})`);
    const message = githubData(`${finding.recordId} ${finding.recordName}: ${finding.message}`);
    lines.push(
      `::${commands[finding.severity]} ${location(finding.file, finding.line)},title=${title}::${message}`,
    );
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
