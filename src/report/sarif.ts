import type { InputError } from "../model/errors.js";
import type { Severity } from "../model/pack.js";
import { capitalized, taskLabel } from "../model/pack.js";
import type { Finding, Report } from "../model/report.js";
import { findingSubject } from "./finding-subject.js";
import { type ReportHead, type StreamingFormat, type TextBlock, wholeReport } from "./format.js";
import { indentedJson, jsonPieces, SerializedArray } from "./json-pieces.js";
import {
  fingerprint,
  inputRuleId,
  locatedInputProblems,
  sheetReference,
  textLine,
  uriOf,
} from "./locations.js";

/** SARIF 2.1.0: code-scanning dashboards show each finding on its CSV line. */
const levels: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
};

function region(line: number | null) {
  return line === null ? {} : { region: { startLine: line } };
}

/** Results sit at log.runs[0].results[i]: four levels deep, two spaces each. */
const RESULT_INDENT = "        ";

/** A workbook's sheet and cell: a place inside the file that no line number can give. */
function logical(where: { sheet?: string; cell?: string; line: number | null }) {
  const reference = sheetReference(where);
  return reference
    ? { logicalLocations: [{ fullyQualifiedName: reference, kind: "element" }] }
    : {};
}

function findingResult(finding: Finding, head: ReportHead) {
  // The finding rules come first in the driver's rule list, in the report's rule order.
  const ruleIndex = head.rules.findIndex((rule) => rule.id === finding.ruleId);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: levels[finding.severity],
    message: { text: findingSubject(finding) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(finding.file) },
          ...region(textLine(finding)),
        },
        ...logical(finding),
      },
    ],
    partialFingerprints: { "floorspace/rule-file-record/v1": fingerprint(finding) },
    properties: {
      outcome: finding.outcome,
      recordId: finding.recordId,
      district: finding.district,
      shortfall: finding.shortfall,
      task: finding.task,
    },
  };
}

function sarifDocument(report: Report, blocks: Iterable<TextBlock>) {
  const findingRules = report.rules.map((rule) => {
    const { basis } = rule;
    return {
      id: rule.id,
      name: rule.id,
      shortDescription: { text: rule.title[report.lang] },
      fullDescription: { text: `${rule.title.zh} / ${rule.title.en}` },
      help: {
        text: `${capitalized(taskLabel(basis.task, "en"))}: ${basis.clause}\nLead: ${basis.lead}\nCo-operating: ${basis.cooperating}`,
      },
      defaultConfiguration: {
        enabled: rule.severity !== "off",
        level: rule.severity === "off" ? "none" : levels[rule.severity],
      },
      properties: { task: rule.task, lead: basis.lead, cooperating: basis.cooperating },
    };
  });
  const problems = locatedInputProblems(report);
  const inputCodes = [...new Set(problems.map(inputRuleId))];
  const inputRules = inputCodes.map((id) => ({
    id,
    name: id,
    shortDescription: { text: `input problem ${id.slice("input/".length)}` },
    defaultConfiguration: { level: "error" },
  }));
  const allRules = [...findingRules, ...inputRules];
  const ruleIndex = new Map(allRules.map((rule, index) => [rule.id, index]));

  const inputResult = (problem: InputError) => ({
    ruleId: inputRuleId(problem),
    ruleIndex: ruleIndex.get(inputRuleId(problem)) ?? -1,
    level: problem.level === "notice" ? "note" : "error",
    message: {
      text: problem.value === null ? problem.message : `${problem.message} (${problem.value})`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(problem.file) },
          ...region(textLine(problem)),
        },
        ...logical(problem),
      },
    ],
  });

  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: "https://www.npmjs.com/package/floorspace",
            rules: allRules,
          },
        },
        results: new SerializedArray(problems.map(inputResult), blocks),
        properties: {
          ruleset: report.ruleset.id,
          asOf: report.asOf,
          // What was judged and what was not: SARIF has no place of its own for coverage.
          coverage: report.summary.coverage,
          notChecked: report.summary.notChecked,
          inputs: report.inputs,
        },
      },
    ],
  };
  return jsonPieces(log);
}

export const sarifFormat: StreamingFormat = {
  separator: `,\n${RESULT_INDENT}`,
  findingText: (finding, head) => indentedJson(findingResult(finding, head), RESULT_INDENT),
  document: sarifDocument,
};

export const formatSarif = wholeReport(sarifFormat);
