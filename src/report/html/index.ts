import { areaColumns, delimiterName, label, ruleSeverityText } from "../../model/labels.js";
import { citedClause, taskLabel } from "../../model/pack.js";
import type { AreaSummary, Finding, Report } from "../../model/report.js";
import type { Lang } from "../../model/text.js";
import { htmlText } from "../escape.js";
import type { FormatOptions } from "../format.js";
import { HTML_FINDINGS } from "../limits.js";
import { placeText } from "../locations.js";
import { reasonsText } from "../reasons.js";
import { buildWorklist, standardsText, type Worklist } from "../retrofit.js";
import { ruleBasis } from "../rule-basis.js";
import { verdictCounts, verdictHeadline, verdictLevel, verdictLine } from "../verdict.js";
import { outcomesByRuleChart, shortfallByDistrictChart } from "./charts.js";
import { cell, findingsScript, inputErrorsSection, inputErrorsTable, page, table } from "./page.js";

/**
 * The audit report a bureau opens, reads at a glance and prints: verdict and counts first, the
 * charts, the districts, every finding (sortable and filterable offline), the retrofit list, the
 * inputs and the rules with their quoted clauses.
 */
function severityWord(finding: Finding, lang: Lang): string {
  return finding.outcome === "eligible" ? label("eligible", lang) : label(finding.severity, lang);
}

function quantity(value: number | string | null, unit: Finding["unit"]): string {
  if (value === null) return "";
  return unit === "m2" && typeof value === "number" ? `${value} m²` : String(value);
}

function options(values: string[], all: string, names?: ReadonlyMap<string, string>): string {
  return [
    `<option value="">${htmlText(all)}</option>`,
    ...values.map(
      (value) =>
        `<option value="${htmlText(value)}">${htmlText(names?.get(value) ?? value)}</option>`,
    ),
  ].join("");
}

function summarySection(report: Report, lang: Lang, byStreet: boolean): string {
  const { error, warning, info } = report.summary.findings;
  const level = verdictLevel(verdictCounts(report));
  const verdictClass = { fail: "fail", incomplete: "warn", warn: "warn", ok: "ok" }[level];
  const verdict = `${verdictHeadline(level, lang)} · ${verdictLine(report, lang)}`;
  const totalShortfall =
    Object.values(report.summary.districts).reduce(
      (total, district) => total + Math.round(district.shortfall * 100),
      0,
    ) / 100;
  const card = (id: string, value: string | number, name: string) =>
    `<div class="card" id="count-${id}"><span class="value">${htmlText(String(value))}</span><span class="name">${htmlText(name)}</span></div>`;
  return [
    '<section id="summary">',
    `<h1>${htmlText(label("reportTitle", lang))}</h1>`,
    `<p class="meta">${htmlText(`${label("ruleset", lang)} ${report.ruleset.id} · ${report.ruleset.title} · ${label("asOf", lang)} ${report.asOf} · ${label("generatedBy", lang)} ${report.tool.name} ${report.tool.version}`)}</p>`,
    `<p class="verdict ${verdictClass}" id="verdict">${htmlText(verdict)}</p>`,
    '<div class="cards">',
    card("estates", report.summary.records.estates, label("estates", lang)),
    card("centers", report.summary.records.centers, label("centers", lang)),
    card("rejected", report.summary.rejected, label("rejected", lang)),
    card("not-checked", report.summary.recordsNotChecked, label("notChecked", lang)),
    card("error", error, label("error", lang)),
    card("warning", warning, label("warning", lang)),
    card("info", info, label("info", lang)),
    card("eligible", report.summary.eligible, label("eligible", lang)),
    card("shortfall", totalShortfall.toFixed(2), label("totalShortfall", lang)),
    "</div>",
    `<h2>${htmlText(label("charts", lang))}</h2>`,
    `<figure id="chart-shortfall">${shortfallByDistrictChart(report, lang)}</figure>`,
    `<figure id="chart-rules">${outcomesByRuleChart(report, lang)}</figure>`,
    districtSection(report, lang, byStreet),
    "</section>",
  ].join("\n");
}

function areaCells(summary: AreaSummary): string[] {
  return [
    cell(summary.estates, { number: true }),
    cell(summary.centers, { number: true }),
    cell(summary.compliant, { number: true }),
    cell(summary.failing, { number: true, className: "failing" }),
    cell(summary.unknown, { number: true }),
    cell(summary.unchecked, { number: true }),
    cell(`${(summary.complianceRate * 100).toFixed(1)}%`, { number: true }),
    cell(summary.shortfall.toFixed(2), { number: true, className: "shortfall" }),
    cell(
      summary.worst
        .map((worst) => `${worst.recordId} ${worst.recordName} (${worst.shortfall.toFixed(2)})`)
        .join("; "),
    ),
  ];
}

/** Per district always; per street office or town too with --summary street. */
function districtSection(report: Report, lang: Lang, byStreet: boolean): string {
  const columns = areaColumns(lang);
  // Every column but the last (the worst records, as text) holds a number.
  const areaHead = columns.map((text, index) => ({ text, number: index < columns.length - 1 }));
  const districtRows = Object.entries(report.summary.districts).map(
    ([district, summary]) =>
      `<tr data-district="${htmlText(district)}">${cell(district, { className: "place" })}${areaCells(summary).join("")}</tr>`,
  );
  const parts = [
    `<h2>${htmlText(label("byDistrict", lang))}</h2>`,
    table([{ text: label("district", lang) }, ...areaHead], districtRows, ' id="districts-table"'),
  ];
  if (byStreet) {
    const streetRows = report.summary.streets.map(
      (street) =>
        `<tr data-district="${htmlText(street.district)}" data-street="${htmlText(street.subdistrict)}">${cell(street.district, { className: "place" })}${cell(street.subdistrict || "-", { className: "place" })}${areaCells(street).join("")}</tr>`,
    );
    parts.push(
      `<h2>${htmlText(label("byStreet", lang))}</h2>`,
      table(
        [{ text: label("district", lang) }, { text: label("streetShort", lang) }, ...areaHead],
        streetRows,
        ' id="streets-table"',
      ),
    );
  }
  return parts.join("\n");
}

function findingsSection(
  report: Report,
  lang: Lang,
  hiddenFindings: Readonly<Record<string, number>> = {},
): string {
  const unique = (values: string[]) =>
    [...new Set(values)].sort((a, b) => a.localeCompare(b, "zh"));
  const listed = report.findings.slice(0, HTML_FINDINGS);
  const titles = new Map(report.rules.map((rule) => [rule.id, rule.title[lang]]));
  const notListed =
    report.findings.length -
    listed.length +
    Object.values(hiddenFindings).reduce((total, count) => total + count, 0);
  const rows = listed.map((finding) =>
    [
      `<tr class="${finding.severity}" data-district="${htmlText(finding.district)}" data-rule="${htmlText(finding.ruleId)}" data-severity="${finding.severity}">`,
      cell(
        finding.outcome === "not-checked"
          ? label("wholeFile", lang)
          : `${finding.recordId} ${finding.recordName}`,
        { className: "name" },
      ),
      cell(placeText(finding), { className: "small where" }),
      cell(finding.district, { className: "place" }),
      `<td class="rule-id"><a href="#rule-${htmlText(finding.ruleId)}">${htmlText(titles.get(finding.ruleId) ?? finding.ruleId)}</a><br><span class="small">${htmlText(finding.ruleId)}</span></td>`,
      cell(severityWord(finding, lang), { className: "severity" }),
      cell(finding.message),
      cell(quantity(finding.actual, finding.unit), { number: true }),
      cell(quantity(finding.required, finding.unit), { number: true }),
      cell(finding.shortfall === null ? "" : finding.shortfall.toFixed(2), {
        number: true,
        className: "shortfall",
        sortValue: finding.shortfall ?? 0,
      }),
      cell(`${taskLabel(finding.task, lang)} · ${ruleBasis(report, finding.ruleId).lead}`, {
        className: "small",
      }),
      "</tr>",
    ].join(""),
  );
  const filters = [
    `<div class="filters"><span>${htmlText(label("filter", lang))}:</span>`,
    `<label>${htmlText(label("district", lang))} <select name="district" id="filter-district">${options(unique(report.findings.map((finding) => finding.district)), label("allValues", lang))}</select></label>`,
    `<label>${htmlText(label("rule", lang))} <select name="rule" id="filter-rule">${options(unique(report.findings.map((finding) => finding.ruleId)), label("allValues", lang), titles)}</select></label>`,
    `<label>${htmlText(label("severity", lang))} <select name="severity" id="filter-severity">${options(unique(report.findings.map((finding) => finding.severity)), label("allValues", lang))}</select></label>`,
    `<span>${htmlText(label("shown", lang))} <b id="findings-shown">${listed.length}</b> / ${listed.length}</span>`,
    "</div>",
  ].join("\n");
  return [
    '<section id="findings">',
    `<h2>${htmlText(label("findings", lang))}</h2>`,
    report.findings.length === 0 ? `<p>${htmlText(label("noFindings", lang))}</p>` : filters,
    report.findings.length === 0
      ? ""
      : table(
          [
            { text: label("record", lang), sortable: true },
            { text: label("location", lang), sortable: true },
            { text: label("district", lang), sortable: true },
            { text: label("rule", lang), sortable: true },
            { text: label("severity", lang), sortable: true },
            { text: label("message", lang) },
            { text: label("actual", lang), number: true },
            { text: label("requiredShort", lang), number: true },
            { text: label("shortfall", lang), number: true, sortable: true },
            { text: label("basis", lang) },
          ],
          rows,
          ' id="findings-table"',
        ),
    ...(notListed > 0
      ? [
          `<p class="small" id="findings-not-listed">${htmlText(
            label("findingsNotListed", lang, { count: notListed }),
          )}</p>`,
        ]
      : []),
    "</section>",
  ].join("\n");
}

export function retrofitSection(worklist: Worklist, lang: Lang): string {
  const missesWord = (item: Worklist["items"][number]) => standardsText(item, lang, true);
  const items = worklist.items.map((item) =>
    [
      `<tr data-community="${htmlText(item.communityId)}">`,
      cell(item.communityId),
      cell(item.name, { className: "name" }),
      cell(item.district, { className: "place" }),
      cell(item.subdistrict ?? "", { className: "place" }),
      cell(item.households, { number: true }),
      cell(item.currentArea, { number: true }),
      cell(missesWord(item)),
      cell(item.shortfall.toFixed(2), { number: true, className: "shortfall" }),
      "</tr>",
    ].join(""),
  );
  const totals = worklist.totals.districts.map(
    (total) =>
      `<tr>${cell(total.district, { className: "place" })}${cell(total.communities, { number: true })}${cell(total.shortfall.toFixed(2), { number: true })}</tr>`,
  );
  const streets = worklist.totals.streets.map(
    (total) =>
      `<tr>${cell(total.district, { className: "place" })}${cell(total.subdistrict || "-", { className: "place" })}${cell(total.communities, { number: true })}${cell(total.shortfall.toFixed(2), { number: true })}</tr>`,
  );
  const parts = [
    '<section id="retrofit">',
    `<h2>${htmlText(label("retrofitList", lang))}</h2>`,
    `<p id="retrofit-total">${htmlText(label("retrofitTotal", lang, { communities: worklist.totals.communities, shortfall: worklist.totals.shortfall.toFixed(2) }))}</p>`,
    table(
      [
        { text: label("communityId", lang) },
        { text: label("communityName", lang) },
        { text: label("district", lang) },
        { text: label("streetShort", lang) },
        { text: label("households", lang), number: true },
        { text: label("currentArea", lang), number: true },
        { text: label("misses", lang) },
        { text: label("shortfall", lang), number: true },
      ],
      items,
      ' id="retrofit-table"',
    ),
    table(
      [
        { text: label("district", lang) },
        { text: label("communities", lang), number: true },
        { text: label("shortfall", lang), number: true },
      ],
      totals,
    ),
    table(
      [
        { text: label("district", lang) },
        { text: label("streetShort", lang) },
        { text: label("communities", lang), number: true },
        { text: label("shortfall", lang), number: true },
      ],
      streets,
    ),
  ];
  if (worklist.undecided.length > 0) {
    parts.push(
      `<h3>${htmlText(label("cannotBeDecided", lang))}</h3><ul>${worklist.undecided.map((item) => `<li>${htmlText(`${item.communityId} ${item.name} (${item.district}): ${item.missing}`)}</li>`).join("")}</ul>`,
    );
  }
  parts.push("</section>");
  return parts.join("\n");
}

function inputsSection(report: Report, lang: Lang): string {
  const rows = report.inputs.map(
    (input) =>
      `<tr>${cell(input.file)}${cell(input.kind ? label(input.kind, lang) : "-")}${cell(input.encoding ?? "-")}${cell(delimiterName(input.delimiter))}${cell(input.records, { number: true })}${cell(input.valid, { number: true })}${cell(input.rejected, { number: true })}${cell(input.skipped, { number: true })}</tr>`,
  );
  return [
    '<section id="inputs">',
    `<h2>${htmlText(label("inputs", lang))}</h2>`,
    table(
      ["file", "kind", "encoding", "delimiter", "read", "valid", "rejected", "skipped"].map(
        (key, index) => ({
          text: label(key as "file", lang),
          number: index >= 4,
        }),
      ),
      rows,
      ' id="inputs-table"',
    ),
    inputErrorsTable([...report.inputErrors, ...report.notices], lang),
    "</section>",
  ].join("\n");
}

function rulesSection(report: Report, lang: Lang): string {
  const articles = report.rules.map((rule) => {
    const coverage = report.summary.coverage[rule.id];
    const reasons = coverage ? reasonsText(rule.id, coverage.unknownReasons, lang) : "";
    const tally = coverage
      ? `${label("judged", lang)} ${coverage.judged} (${label("pass", lang)} ${coverage.pass} · ${label("fail", lang)} ${coverage.fail} · ${label("eligible", lang)} ${coverage.eligible}) · ${label("unknown", lang)} ${coverage.unknown}${reasons ? ` (${reasons})` : ""} · ${label("notApplicable", lang)} ${coverage.notApplicable} · ${label("notChecked", lang)} ${coverage.notChecked}`
      : label("off", lang);
    return [
      `<article class="rule" id="rule-${htmlText(rule.id)}">`,
      `<h3>${htmlText(`${rule.id} — ${rule.title[lang]}`)}</h3>`,
      `<p class="small">${htmlText(`${label("severity", lang)}: ${ruleSeverityText(rule, lang)} · ${[rule.basis.task, ...rule.basis.relatedTasks].map((task) => taskLabel(task, lang)).join(", ")} · ${label("lead", lang)}: ${rule.basis.lead} · ${label("cooperating", lang)}: ${rule.basis.cooperating}`)}</p>`,
      `<p class="small">${htmlText(tally)}</p>`,
      `<blockquote>${htmlText(`${label("clause", lang)}: ${citedClause(rule.basis, lang)}`)}</blockquote>`,
      `<p>${htmlText(`${label("howFloorspaceReads", lang)}: ${rule.interpretation}`)}</p>`,
      "</article>",
    ].join("\n");
  });
  return [
    '<section id="rules">',
    `<h2>${htmlText(label("rulesAndBasis", lang))}</h2>`,
    ...articles,
    "</section>",
  ].join("\n");
}

export function formatHtml(report: Report, formatOptions: FormatOptions): string {
  const { lang } = formatOptions;
  const body = [
    summarySection(report, lang, formatOptions.summary === "street"),
    findingsSection(report, lang, formatOptions.hiddenFindings),
    retrofitSection(buildWorklist(report), lang),
    inputsSection(report, lang),
    rulesSection(report, lang),
  ].join("\n");
  const title = `${label("reportTitle", lang)} · ${report.ruleset.id} · ${report.asOf}`;
  return page({
    lang,
    title,
    body,
    script: findingsScript,
    running: `${title} · ${report.ruleset.title}`,
    orientation: "landscape",
  });
}

export function worklistHtml(worklist: Worklist, lang: Lang): string {
  const meta = `<p class="meta">${htmlText(`${label("ruleset", lang)} ${worklist.ruleset.id} · ${label("asOf", lang)} ${worklist.asOf}`)}</p>`;
  const title = `${label("retrofitList", lang)} · ${worklist.ruleset.id} · ${worklist.asOf}`;
  return page({
    lang,
    title,
    body: [
      `<h1>${htmlText(label("retrofitList", lang))}</h1>`,
      meta,
      retrofitSection(worklist, lang),
      inputErrorsSection(worklist.inputErrors, lang),
    ].join("\n"),
    running: title,
    orientation: "portrait",
  });
}
