import type ExcelJS from "exceljs";
import type { InputError } from "../model/errors.js";
import { label, type PlainLabelKey, ruleSeverityText } from "../model/labels.js";
import type { Finding, Report } from "../model/report.js";
import type { FormatOptions } from "./format.js";
import { sheetReference } from "./locations.js";
import { ruleBasis } from "./rule-basis.js";
import { verdictLine } from "./verdict.js";
import {
  AREA_FORMAT,
  COUNT_FORMAT,
  fitWidths,
  headerStyle,
  printSetup,
  rowByRowWorkbook,
  severityStyle,
  sheetText,
  tableHeader,
  totalStyle,
  writeTableSheet,
} from "./workbook-style.js";

/**
 * The audit as a workbook a bureau files: a summary (verdict, coverage, the district or street
 * table), the findings (one row each, linked to the file and row or cell they are about), the
 * rules with their clause and departments, and the inputs with their problems. Written by
 * exceljs's streaming writer where there is one (rowByRowWorkbook), so a long findings sheet is
 * never held as cell objects.
 */
export async function formatXlsx(report: Report, options: FormatOptions): Promise<Uint8Array[]> {
  const { workbook, bytes } = await rowByRowWorkbook();
  workbook.creator = `${report.tool.name} ${report.tool.version}`;
  const { lang } = options;
  const activeRules = report.rules.filter((rule) => rule.severity !== "off");
  const text = (value: string | null | undefined) => (value ? sheetText(value) : null);

  const running = `${label("reportTitle", lang)} · ${report.ruleset.id} · ${label("asOf", lang)} ${report.asOf}`;
  const printed = (orientation: "portrait" | "landscape", titleRows = "1:1") =>
    printSetup(running, orientation, titleRows);

  // Summary.
  // The district (or street) table, the long one, starts under the rules and two blank rows.
  const areaHeaderRow = activeRules.length + 7;
  const summary = workbook.addWorksheet(
    label("summarySheet", lang),
    printed("portrait", `${areaHeaderRow}:${areaHeaderRow}`),
  );
  const summaryRows: unknown[][] = [
    [label("ruleset", lang), text(`${report.ruleset.id} · ${report.ruleset.title}`)],
    [label("asOf", lang), report.asOf],
    [label("verdict", lang), text(verdictLine(report, lang))],
    [],
    [
      label("rule", lang),
      label("title", lang),
      label("task", lang),
      label("severity", lang),
      label("judged", lang),
      label("pass", lang),
      label("fail", lang),
      label("eligible", lang),
      label("unknown", lang),
      label("notApplicable", lang),
      label("notChecked", lang),
    ],
    ...activeRules.map((rule) => {
      const coverage = report.summary.coverage[rule.id];
      return [
        rule.id,
        text(rule.title[lang]),
        rule.task,
        ruleSeverityText(rule, lang),
        coverage?.judged ?? 0,
        coverage?.pass ?? 0,
        coverage?.fail ?? 0,
        coverage?.eligible ?? 0,
        coverage?.unknown ?? 0,
        coverage?.notApplicable ?? 0,
        coverage?.notChecked ?? 0,
      ];
    }),
    [],
  ];
  const street = options.summary === "street";
  const areaHeader = [
    label(street ? "street" : "district", lang),
    label("records", lang),
    label("compliant", lang),
    label("failing", lang),
    label("unknown", lang),
    label("unchecked", lang),
    label("complianceRate", lang),
    label("shortfall", lang),
  ];
  const areas = street
    ? report.summary.streets.map((area) => [`${area.district} ${area.subdistrict}`, area] as const)
    : Object.entries(report.summary.districts);
  const areaRows = areas.map(([name, area]) => [
    text(name),
    area.records,
    area.compliant,
    area.failing,
    area.unknown,
    area.unchecked,
    area.complianceRate,
    area.shortfall,
  ]);
  const hidden = Object.values(options.hiddenFindings ?? {}).reduce((sum, n) => sum + n, 0);
  summary.columns = fitWidths([...summaryRows, areaHeader, ...areaRows], 40).map((width) => ({
    width,
  }));
  const add = (values: unknown[], style?: Partial<ExcelJS.Style>) => {
    const row = summary.addRow(values);
    if (style) row.eachCell((cell) => Object.assign(cell, { style: { ...style } }));
    return row;
  };
  for (const [index, values] of summaryRows.entries()) {
    add(values, index === 4 ? headerStyle : undefined).commit();
  }
  add(areaHeader, headerStyle).commit();
  const totals = areas.reduce(
    (sum, [, area]) => ({
      records: sum.records + area.records,
      compliant: sum.compliant + area.compliant,
      failing: sum.failing + area.failing,
      unknown: sum.unknown + area.unknown,
      unchecked: sum.unchecked + area.unchecked,
      shortfallCenti: sum.shortfallCenti + Math.round(area.shortfall * 100),
    }),
    { records: 0, compliant: 0, failing: 0, unknown: 0, unchecked: 0, shortfallCenti: 0 },
  );
  const totalRow = [
    label("total", lang),
    totals.records,
    totals.compliant,
    totals.failing,
    totals.unknown,
    totals.unchecked,
    totals.records === 0 ? 1 : Math.round((totals.compliant / totals.records) * 10_000) / 10_000,
    totals.shortfallCenti / 100,
  ];
  for (const [index, values] of [...areaRows, totalRow].entries()) {
    const row = add(values, index === areaRows.length ? totalStyle : undefined);
    row.getCell(7).numFmt = "0.0%";
    row.getCell(8).numFmt = AREA_FORMAT;
    row.commit();
  }
  if (hidden > 0) {
    add([]).commit();
    add([label("notListed", lang), hidden]).commit();
  }
  summary.commit();

  // Findings.
  const findings = workbook.addWorksheet(label("findingsSheet", lang), {
    views: [{ state: "frozen", ySplit: 1 }],
    ...printed("landscape"),
  });
  const findingHeader = [
    label("file", lang),
    label("sheet", lang),
    label("row", lang),
    label("rule", lang),
    label("title", lang),
    label("task", lang),
    label("severity", lang),
    label("outcome", lang),
    label("recordId", lang),
    label("name", lang),
    label("district", lang),
    label("street", lang),
    label("actual", lang),
    label("required", lang),
    label("shortfall", lang),
    label("message", lang),
  ];
  const ruleTitles = new Map(report.rules.map((rule) => [rule.id, sheetText(rule.title[lang])]));
  const findingValues = (finding: Finding) => [
    text(finding.file),
    text(finding.sheet ?? null),
    finding.line,
    finding.ruleId,
    ruleTitles.get(finding.ruleId) ?? null,
    finding.task,
    label(finding.severity as PlainLabelKey, lang),
    label(outcomeLabels[finding.outcome], lang),
    text(finding.recordId),
    text(finding.recordName),
    text(finding.district),
    text(finding.subdistrict),
    quantity(finding.actual),
    quantity(finding.required),
    finding.shortfall,
    text(finding.message),
  ];
  const widths = fitWidths([
    findingHeader,
    ...report.findings.slice(0, 500).map(findingValues),
  ]).map((width, index) => (index === findingHeader.length - 1 ? Math.max(width, 60) : width));
  tableHeader(findings, findingHeader, widths);
  findings.getRow(1).commit();
  for (const finding of report.findings) {
    const row = findings.addRow(findingValues(finding));
    const file = row.getCell(1);
    // A link to the file, at the sheet's cell for a workbook (Excel opens it there).
    const reference = sheetReference(finding);
    file.value = {
      text: sheetText(finding.file),
      hyperlink: encodeURI(finding.file) + (reference ? `#${reference}` : ""),
    };
    for (const column of [13, 14, 15]) {
      const cell = row.getCell(column);
      if (typeof cell.value === "number") cell.numFmt = AREA_FORMAT;
    }
    row.getCell(7).style = severityStyle(finding.severity);
    row.commit();
  }
  findings.commit();

  // Rules.
  const ruleHeader = [
    label("rule", lang),
    label("title", lang),
    label("severity", lang),
    label("task", lang),
    label("relatedTasks", lang),
    label("clause", lang),
    label("lead", lang),
    label("cooperating", lang),
  ];
  const ruleRows = report.rules.map((rule) => {
    const basis = ruleBasis(report, rule.id);
    return [
      rule.id,
      text(rule.title[lang]),
      ruleSeverityText(rule, lang),
      basis.task,
      basis.relatedTasks.join(", "),
      text(basis.clause),
      text(basis.lead),
      text(basis.cooperating),
    ];
  });
  writeTableSheet(workbook, label("rulesSheet", lang), ruleHeader, ruleRows, {
    print: printed("landscape"),
    style: (row) => {
      row.getCell(6).alignment = { wrapText: true, vertical: "top" };
    },
  });

  // Inputs, and their problems.
  const inputHeader = [
    label("file", lang),
    label("sheet", lang),
    label("kind", lang),
    label("encoding", lang),
    label("read", lang),
    label("valid", lang),
    label("rejected", lang),
    label("skipped", lang),
    label("usable", lang),
  ];
  const inputRows = report.inputs.map((input) => [
    text(input.file),
    text(input.sheet ?? null),
    input.kind ? label(input.kind, lang) : null,
    input.encoding,
    input.records,
    input.valid,
    input.rejected,
    input.skipped,
    label(input.usable ? "yes" : "no", lang),
  ]);
  writeTableSheet(workbook, label("inputsSheet", lang), inputHeader, inputRows, {
    print: printed("landscape"),
    style: (row) => {
      for (const column of [5, 6, 7, 8]) row.getCell(column).numFmt = COUNT_FORMAT;
    },
  });

  const problemHeader = [
    label("file", lang),
    label("sheet", lang),
    label("row", lang),
    label("code", lang),
    label("level", lang),
    label("message", lang),
    label("value", lang),
  ];
  const problemRows = [...report.inputErrors, ...report.notices].map((problem) => [
    text(problem.file),
    text(problem.sheet ?? null),
    problem.cell ?? problem.line,
    problem.code,
    label(problemLevels[problem.level], lang),
    text(problem.message),
    text(problem.value),
  ]);
  writeTableSheet(workbook, label("inputErrorsSheet", lang), problemHeader, problemRows, {
    print: printed("landscape"),
  });

  return [await bytes()];
}

/** An input problem's level in the reader's words (the file, a row, or a notice). */
const problemLevels: Record<InputError["level"], PlainLabelKey> = {
  file: "fileProblem",
  row: "rowProblem",
  notice: "noticeProblem",
};

const outcomeLabels: Record<Finding["outcome"], PlainLabelKey> = {
  fail: "fail",
  unknown: "unknown",
  eligible: "eligible",
  "not-checked": "notChecked",
};

/** m² as numbers (two decimals shown); dates and other quantities as text. */
function quantity(value: number | string | null): number | string | null {
  if (value === null) return null;
  return typeof value === "number" ? value : sheetText(value);
}
