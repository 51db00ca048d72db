import { label, labels, type PlainLabelKey } from "../model/labels.js";
import type { Report } from "../model/report.js";
import { joinLocalized, type Lang, type Localized } from "../model/text.js";
import { htmlText, markdownText } from "./escape.js";
import { cell, table as htmlTable, inputErrorsSection, page } from "./html/page.js";
import { inputErrorsMarkdown } from "./markdown.js";

/**
 * The same communities judged against several standards side by side: per district,
 * how many meet each pack's standard, how many fall short, how many cannot be decided, and the
 * square metres those short would need. The table a bureau takes to a budget meeting.
 */
export interface PackTally {
  meets: number;
  short: number;
  undecided: number;
  /** Communities none of the pack's standards covers (a rural one under an urban standard). */
  notCovered: number;
  /** m² the communities that fall short need, each at its largest gap under the pack. */
  shortfall: number;
}

export interface Comparison {
  schemaVersion: 1;
  tool: Report["tool"];
  asOf: string;
  /**
   * Each pack, with what its figures are (requirements: short is a breach; targets: below a
   * development or pilot target) and where its clauses were read.
   */
  packs: Array<{
    id: string;
    title: string;
    standing: "requirement" | "target";
    readIn: Localized;
  }>;
  areas: Array<{ area: string; communities: number; packs: Record<string, PackTally> }>;
  total: { communities: number; packs: Record<string, PackTally> };
  /** Each community a pack could not decide, and why. */
  undecided: Array<{
    pack: string;
    communityId: string;
    name: string;
    district: string;
    why: string[];
  }>;
  inputs: Report["inputs"];
  inputErrors: Report["inputErrors"];
}

/** A record by where it is: its file, sheet and line. */
function recordKey(where: { file: string; sheet?: string | undefined; line: number }): string {
  return `${where.file}\u0000${where.sheet ?? ""}\u0000${where.line}`;
}

type Verdict = "meets" | "short" | "undecided" | "notCovered";

/**
 * One pack's report (run with every center record's outcomes kept) to each community's verdict:
 * short when a rule at error severity fails it, undecided when none fails it but one could not
 * judge it (unknown, or not checked for want of a column), not covered when every standard of the
 * pack is not applicable to it, meets otherwise: never "meets" for a standard nobody checked.
 */
interface CommunityVerdict {
  verdict: Verdict;
  shortfall: number;
  /** Why an undecided community could not be decided, in the report's language. */
  why?: string[];
}

function verdicts(report: Report, lang: Lang): Map<string, CommunityVerdict> {
  const on = new Set(standards(report).map((rule) => rule.id));
  const gaps = new Map<string, number>();
  const unknowns = new Map<string, string[]>();
  for (const finding of report.findings) {
    if (!on.has(finding.ruleId)) continue;
    const key = recordKey(finding);
    if (finding.outcome === "unknown")
      unknowns.set(key, [...(unknowns.get(key) ?? []), finding.message]);
    if (finding.outcome !== "fail") continue;
    gaps.set(key, Math.max(gaps.get(key) ?? 0, finding.shortfall ?? 0));
  }
  const result = new Map<string, CommunityVerdict>();
  for (const evaluation of report.evaluations ?? []) {
    if (evaluation.kind !== "center") continue;
    const key = recordKey(evaluation);
    const outcomes = Object.entries(evaluation.outcomes).filter(([ruleId]) => on.has(ruleId));
    const unchecked = Object.keys(evaluation.notChecked ?? {}).some((ruleId) => on.has(ruleId));
    const verdict: Verdict = outcomes.some(([, outcome]) => outcome === "fail")
      ? "short"
      : unchecked ||
          outcomes.some(([, outcome]) => outcome === "unknown" || outcome === "not-checked")
        ? "undecided"
        : outcomes.every(([, outcome]) => outcome === "not-applicable")
          ? "notCovered"
          : "meets";
    const entry: CommunityVerdict = { verdict, shortfall: gaps.get(key) ?? 0 };
    if (verdict === "undecided") {
      const lacking = Object.entries(evaluation.notChecked ?? {})
        .filter(([ruleId]) => on.has(ruleId))
        .map(([, columns]) =>
          label("notCheckedLacks", lang, { columns: columns.join(label("columnSeparator", lang)) }),
        );
      entry.why = [...new Set([...(unknowns.get(key) ?? []), ...lacking])];
    }
    result.set(key, entry);
  }
  return result;
}

/**
 * The pack's standards: its rules at error severity (warnings are about the records), and its
 * targets, whatever severity they report at.
 */
function standards(report: Report): Report["rules"] {
  return report.rules.filter(
    (rule) => rule.severity === "error" || (rule.standing === "target" && rule.severity !== "off"),
  );
}

const READ_IN: Record<string, PlainLabelKey> = {
  "document-text": "readInDocumentText",
  "document-summary": "readInDocumentSummary",
  "official-summary": "readInOfficialSummary",
  "news-report": "readInNewsReport",
  "secondary-report": "readInSecondaryReport",
};

/** Where a pack's standards were read, in words. */
function readIn(rules: Report["rules"]): Localized {
  const kinds = [
    ...new Set(
      rules.map((rule) =>
        rule.basis.document ? (rule.basis.document.sourceKind ?? "document-text") : "seed",
      ),
    ),
  ];
  const words = kinds.map((kind) => labels[READ_IN[kind] ?? "readInSeed"]);
  return joinLocalized(words, labels.columnSeparator);
}

function emptyTally(): PackTally {
  return { meets: 0, short: 0, undecided: 0, notCovered: 0, shortfall: 0 };
}

/** Hundredths of m², so the totals equal the sum of the printed figures. */
function addCenti(total: number, value: number): number {
  return (Math.round(total * 100) + Math.round(value * 100)) / 100;
}

/**
 * What one pack's run contributes, taken from its report at once so that the report itself
 * need not be kept: each community's verdict, and (from any run) where each community is.
 */
export interface PackResult {
  id: string;
  title: string;
  standing: Comparison["packs"][number]["standing"];
  readIn: Comparison["packs"][number]["readIn"];
  verdicts: Map<string, CommunityVerdict>;
  places: Map<string, string>;
  names: Map<string, { communityId: string; name: string }>;
  head: Pick<Report, "tool" | "asOf" | "inputs" | "inputErrors">;
}

export function packResult(report: Report, lang: Lang): PackResult {
  const places = new Map<string, string>();
  const names = new Map<string, { communityId: string; name: string }>();
  for (const evaluation of report.evaluations ?? []) {
    if (evaluation.kind !== "center") continue;
    places.set(recordKey(evaluation), evaluation.district);
    names.set(recordKey(evaluation), {
      communityId: evaluation.recordId,
      name: evaluation.recordName,
    });
  }
  const packStandards = standards(report);
  return {
    id: report.ruleset.id,
    title: report.ruleset.title,
    standing:
      packStandards.length > 0 && packStandards.every((rule) => rule.standing === "target")
        ? "target"
        : "requirement",
    readIn: readIn(packStandards),
    verdicts: verdicts(report, lang),
    places,
    names,
    head: {
      tool: report.tool,
      asOf: report.asOf,
      inputs: report.inputs,
      inputErrors: report.inputErrors,
    },
  };
}

export function buildComparison(results: readonly PackResult[]): Comparison {
  const [first] = results;
  if (!first) throw new Error("no report to compare");
  const areas = new Map<string, { communities: number; packs: Record<string, PackTally> }>();
  const total = { communities: 0, packs: {} as Record<string, PackTally> };
  // The communities, from the first run (every pack reads the same files).
  const { places } = first;
  for (const area of places.values()) {
    const entry = areas.get(area) ?? { communities: 0, packs: {} };
    entry.communities++;
    areas.set(area, entry);
    total.communities++;
  }
  const undecided: Comparison["undecided"] = [];
  for (const result of results) {
    const { id } = result;
    for (const [key, { verdict, why }] of result.verdicts) {
      const community = first.names.get(key);
      if (verdict !== "undecided" || !community) continue;
      undecided.push({ pack: id, ...community, district: places.get(key) ?? "", why: why ?? [] });
    }
    total.packs[id] = emptyTally();
    for (const entry of areas.values()) entry.packs[id] = emptyTally();
    for (const [key, { verdict, shortfall }] of result.verdicts) {
      const area = places.get(key);
      if (area === undefined) continue;
      for (const tally of [areas.get(area)?.packs[id], total.packs[id]]) {
        if (!tally) continue;
        tally[verdict]++;
        if (verdict === "short") tally.shortfall = addCenti(tally.shortfall, shortfall);
      }
    }
  }
  return {
    schemaVersion: 1,
    tool: first.head.tool,
    asOf: first.head.asOf,
    packs: results.map((result) => ({
      id: result.id,
      title: result.title,
      standing: result.standing,
      readIn: result.readIn,
    })),
    areas: [...areas]
      .sort(([a], [b]) => a.localeCompare(b, "zh"))
      .map(([area, entry]) => ({ area, ...entry })),
    total,
    undecided,
    inputs: first.head.inputs,
    inputErrors: first.head.inputErrors,
  };
}

export function headers(comparison: Comparison, lang: Lang): string[] {
  return [
    label("district", lang),
    label("communities", lang),
    ...comparison.packs.flatMap((pack) => [
      `${pack.id} ${label("meetsStandard", lang)}`,
      `${pack.id} ${label(pack.standing === "target" ? "belowTarget" : "shortOfStandard", lang)}`,
      `${pack.id} ${label("undecidedShort", lang)}`,
      `${pack.id} ${label("notApplicable", lang)}`,
      `${pack.id} ${label("shortfall", lang)}`,
    ]),
  ];
}

export function rows(comparison: Comparison, lang: Lang): string[][] {
  const cells = (area: string, communities: number, packs: Record<string, PackTally>) => [
    area,
    String(communities),
    ...comparison.packs.flatMap((pack) => {
      const tally = packs[pack.id] ?? emptyTally();
      return [
        String(tally.meets),
        String(tally.short),
        String(tally.undecided),
        String(tally.notCovered),
        tally.shortfall.toFixed(2),
      ];
    }),
  ];
  return [
    ...comparison.areas.map((entry) => cells(entry.area, entry.communities, entry.packs)),
    cells(label("total", lang), comparison.total.communities, comparison.total.packs),
  ];
}

export function comparisonJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}

export function comparisonMarkdown(comparison: Comparison, lang: Lang): string {
  const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const head = headers(comparison, lang);
  return [
    ...comparison.packs.map(
      (pack) =>
        `- \`${pack.id}\`: ${markdownText(pack.title)} (${markdownText(standingWords(pack, lang))})`,
    ),
    "",
    row(head.map(markdownText)),
    row(head.map((_, index) => (index === 0 ? "---" : "---:"))),
    ...rows(comparison, lang).map((cells) => row(cells.map(markdownText))),
    "",
    ...inputErrorsMarkdown(comparison.inputErrors, lang),
  ].join("\n");
}

/** Packs per printed table: with the district and community columns, 17 columns fit A4 landscape. */
const PACKS_PER_TABLE = 3;

/**
 * The comparison as a page that reads like the check report and prints on A4 landscape: one
 * table per three packs (each repeating the district column, so no pack's columns are lost on
 * paper), a heading row naming each pack over its five columns, the total as the table's foot,
 * and every community a pack could not decide, with why.
 */
export function comparisonHtml(comparison: Comparison, lang: Lang): string {
  const all = rows(comparison, lang);
  const body = all.slice(0, -1);
  const total = all.at(-1) ?? [];
  const tables: string[] = [];
  for (let first = 0; first < comparison.packs.length; first += PACKS_PER_TABLE) {
    const packs = comparison.packs.slice(first, first + PACKS_PER_TABLE);
    const columns = (cells: readonly string[]) => [
      ...cells.slice(0, 2),
      ...cells.slice(2 + first * 5, 2 + (first + packs.length) * 5),
    ];
    const line = (cells: readonly string[], tag: "td" | "th") =>
      `<tr>${columns(cells)
        .map((text, index) =>
          index === 0
            ? `<th scope="row">${htmlText(text)}</th>`
            : `<${tag} class="number">${htmlText(text)}</${tag}>`,
        )
        .join("")}</tr>`;
    tables.push(
      htmlTable(
        [
          [
            { text: "", span: 2 },
            ...packs.map((pack) => ({
              text: `${pack.id} · ${pack.title}`,
              span: 5,
            })),
          ],
          [
            { text: label("district", lang) },
            { text: label("communities", lang), number: true },
            ...packs.flatMap((pack) =>
              [
                label("meetsStandard", lang),
                label(pack.standing === "target" ? "belowTarget" : "shortOfStandard", lang),
                label("undecidedShort", lang),
                label("notApplicable", lang),
                label("shortfall", lang),
              ].map((text) => ({ text, number: true })),
            ),
          ],
        ],
        body.map((cells) => line(cells, "td")),
        ' class="comparison"',
        [line(total, "th")],
      ),
    );
  }
  const undecided = comparison.undecided.map(
    (item) =>
      `<tr>${cell(item.pack)}${cell(`${item.communityId} ${item.name}`, { className: "name" })}${cell(item.district, { className: "place" })}${cell(item.why.join(label("reasonSeparator", lang)))}</tr>`,
  );
  const title = `${label("comparisonTitle", lang)} · ${comparison.asOf}`;
  const parts = [
    `<h1>${htmlText(label("comparisonTitle", lang))}</h1>`,
    `<p class="meta">${htmlText(`${label("asOf", lang)} ${comparison.asOf} · ${comparison.tool.name} ${comparison.tool.version}`)}</p>`,
    `<ul>${comparison.packs.map((pack) => `<li><b>${htmlText(pack.id)}</b> ${htmlText(pack.title)} (${htmlText(standingWords(pack, lang))})</li>`).join("")}</ul>`,
    ...tables,
  ];
  // What could not be read is said on the page too, never only in the exit code.
  parts.push(inputErrorsSection(comparison.inputErrors, lang));
  if (undecided.length > 0) {
    parts.push(
      `<h2>${htmlText(label("undecided", lang))}</h2>`,
      htmlTable(
        [
          { text: label("ruleset", lang) },
          { text: label("record", lang) },
          { text: label("district", lang) },
          { text: label("reasons", lang) },
        ],
        undecided,
        ' id="undecided-table"',
      ),
    );
  }
  return page({
    lang,
    title,
    body: parts.join("\n"),
    running: `${title} · ${comparison.packs.map((pack) => pack.id).join(" / ")}`,
    orientation: "landscape",
  });
}

/** "target, not a requirement; read in news reports (the document not seen)". */
export function standingWords(pack: Comparison["packs"][number], lang: Lang): string {
  const standing = label(
    pack.standing === "target" ? "targetStanding" : "requirementStanding",
    lang,
  );
  return label("standingReadIn", lang, {
    standing,
    readIn: label("readIn", lang),
    how: pack.readIn,
  });
}
