import { taskLabel } from "../model/pack.js";
import type { Finding, Report } from "../model/report.js";
import { githubData, githubProperty } from "./escape.js";
import { findingSubject } from "./finding-subject.js";
import { type StreamingFormat, wholeReport } from "./format.js";
import { locatedInputProblems, sheetReference, textLine } from "./locations.js";

/** GitHub Actions workflow commands: an annotation on the CSV line of every finding. */
const commands = { error: "error", warning: "warning", info: "notice" } as const;

/** A sheet's rows are not lines of the .xlsx: the annotation names the file, the title the cell. */
function location(where: { file: string; sheet?: string; line: number | null }): string {
  const line = textLine(where);
  return line === null
    ? `file=${githubProperty(where.file)}`
    : `file=${githubProperty(where.file)},line=${line}`;
}

function titleOf(title: string, where: { sheet?: string; cell?: string; line: number | null }) {
  const reference = sheetReference(where);
  return githubProperty(reference ? `${title} ${reference}` : title);
}

function findingLine(finding: Finding): string {
  const title = titleOf(`${finding.ruleId} (${taskLabel(finding.task, "en")})`, finding);
  const message = githubData(findingSubject(finding));
  return `::${commands[finding.severity]} ${location(finding)},title=${title}::${message}`;
}

function problemLines(report: Report): string[] {
  return locatedInputProblems(report).map((problem) => {
    const command = problem.level === "notice" ? "notice" : "error";
    const value = problem.value === null ? "" : ` (${problem.value})`;
    return `::${command} ${location(problem)},title=${titleOf(`floorspace ${problem.code}`, problem)}::${githubData(problem.message + value)}`;
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
