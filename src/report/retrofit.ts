import { label } from "../model/labels.js";
import type { Report } from "../model/report.js";
import type { Lang } from "../model/text.js";
import { csvRow, markdownText, UTF8_BOM } from "./escape.js";
import { inputErrorsMarkdown } from "./markdown.js";

/**
 * The retrofit worklist for civil affairs and finance: the old-town communities that qualify for
 * 以奖代补, what each lacks, and the totals to budget for. A view of the check report.
 */
export interface RetrofitItem {
  communityId: string;
  name: string;
  district: string;
  subdistrict: string | null;
  households: number | null;
  currentArea: number;
  requiredArea: number;
  /** "minimum" (400 m²) and/or "per-household" (0.2 m² per household). */
  standardsMissed: Array<"minimum" | "per-household">;
  minimumShortfall: number;
  perHouseholdShortfall: number | null;
  shortfall: number;
  file: string;
  line: number;
}

export interface RetrofitUndecided {
  communityId: string;
  name: string;
  district: string;
  subdistrict: string | null;
  file: string;
  line: number;
  missing: string;
}

interface Total {
  communities: number;
  shortfall: number;
}

export interface Worklist {
  schemaVersion: 1;
  tool: Report["tool"];
  ruleset: Report["ruleset"];
  asOf: string;
  inputs: Report["inputs"];
  inputErrors: Report["inputErrors"];
  items: RetrofitItem[];
  undecided: RetrofitUndecided[];
  totals: {
    districts: Array<{ district: string } & Total>;
    streets: Array<{ district: string; subdistrict: string } & Total>;
    communities: number;
    shortfall: number;
  };
}

const RULE = "old-town-retrofit";

function numberOr(value: string | number | undefined): number | null {
  return typeof value === "number" ? value : null;
}

/** Sums in hundredths of m², so totals equal the sum of the printed shortfalls. */
function addCenti(total: number, value: number): number {
  return (Math.round(total * 100) + Math.round(value * 100)) / 100;
}

export function buildWorklist(report: Report): Worklist {
  const items: RetrofitItem[] = [];
  const undecided: RetrofitUndecided[] = [];
  for (const finding of report.findings) {
    if (finding.ruleId !== RULE) continue;
    const where = {
      communityId: finding.recordId,
      name: finding.recordName,
      district: finding.district,
      subdistrict: finding.subdistrict,
      file: finding.file,
      line: finding.line,
    };
    if (finding.outcome !== "eligible") {
      undecided.push({ ...where, missing: finding.message });
      continue;
    }
    const minimumShortfall = numberOr(finding.details.minimumShortfall) ?? 0;
    const perHouseholdShortfall = numberOr(finding.details.perHouseholdShortfall);
    const standardsMissed: RetrofitItem["standardsMissed"] = [];
    if (minimumShortfall > 0) standardsMissed.push("minimum");
    if ((perHouseholdShortfall ?? 0) > 0) standardsMissed.push("per-household");
    items.push({
      ...where,
      households: numberOr(finding.details.households),
      currentArea: Number(finding.actual),
      requiredArea: Number(finding.required),
      standardsMissed,
      minimumShortfall,
      perHouseholdShortfall,
      shortfall: finding.shortfall ?? 0,
    });
  }
  items.sort(
    (a, b) =>
      b.shortfall - a.shortfall ||
      a.district.localeCompare(b.district, "zh") ||
      a.communityId.localeCompare(b.communityId),
  );

  const districts = new Map<string, Total>();
  const streets = new Map<string, { district: string; subdistrict: string } & Total>();
  let shortfall = 0;
  for (const item of items) {
    const district = districts.get(item.district) ?? { communities: 0, shortfall: 0 };
    districts.set(item.district, {
      communities: district.communities + 1,
      shortfall: addCenti(district.shortfall, item.shortfall),
    });
    const subdistrict = item.subdistrict ?? "";
    const key = `${item.district}\u0000${subdistrict}`;
    const street = streets.get(key) ?? {
      district: item.district,
      subdistrict,
      communities: 0,
      shortfall: 0,
    };
    streets.set(key, {
      ...street,
      communities: street.communities + 1,
      shortfall: addCenti(street.shortfall, item.shortfall),
    });
    shortfall = addCenti(shortfall, item.shortfall);
  }
  const byName = (a: string, b: string) => a.localeCompare(b, "zh");
  return {
    schemaVersion: 1,
    tool: report.tool,
    ruleset: report.ruleset,
    asOf: report.asOf,
    inputs: report.inputs,
    inputErrors: report.inputErrors,
    items,
    undecided,
    totals: {
      districts: [...districts]
        .sort(([a], [b]) => byName(a, b))
        .map(([district, total]) => ({ district, ...total })),
      streets: [...streets.values()].sort(
        (a, b) => byName(a.district, b.district) || byName(a.subdistrict, b.subdistrict),
      ),
      communities: items.length,
      shortfall,
    },
  };
}

/** The standards a community misses; `long` spells the per-household one out (a workbook). */
export function standardsText(item: RetrofitItem, lang: Lang, long = false): string {
  const words = {
    minimum: "standardMinimum",
    "per-household": long ? "standardPerHouseholdLong" : "standardPerHousehold",
  } as const;
  return item.standardsMissed
    .map((standard) => label(words[standard], lang))
    .join(label("standardsSeparator", lang));
}

/** The worklist's columns, in every format that lists it. */
export function worklistHeaders(lang: Lang): string[] {
  return (
    [
      "communityId",
      "communityName",
      "district",
      "streetShort",
      "households",
      "currentArea",
      "misses",
      "shortfall",
    ] as const
  ).map((key) => label(key, lang));
}

export function worklistJson(worklist: Worklist): string {
  return `${JSON.stringify(worklist, null, 2)}\n`;
}

/** The cells every worklist format shows for an item, before its shortfall. */
function itemCells(item: RetrofitItem, lang: Lang): Array<string | number | null> {
  return [
    item.communityId,
    item.name,
    item.district,
    item.subdistrict,
    item.households,
    item.currentArea,
    standardsText(item, lang),
  ];
}

export function worklistCsv(worklist: Worklist, lang: Lang): string {
  const rows = worklist.items.map((item) => csvRow([...itemCells(item, lang), item.shortfall]));
  const total = csvRow([
    label("total", lang),
    `${worklist.totals.communities}`,
    "",
    "",
    "",
    "",
    "",
    worklist.totals.shortfall,
  ]);
  return UTF8_BOM + csvRow(worklistHeaders(lang)) + rows.join("") + total;
}

export function worklistMarkdown(worklist: Worklist, lang: Lang): string {
  const row = (cells: Array<string | number | null>) =>
    `| ${cells.map((cell) => (cell === null ? "" : typeof cell === "number" ? String(cell) : markdownText(cell))).join(" | ")} |`;
  const lines = [
    label("worklistHeading", lang),
    "",
    label("worklistSummary", lang, {
      communities: worklist.totals.communities,
      shortfall: worklist.totals.shortfall.toFixed(2),
      asOf: worklist.asOf,
    }),
    "",
    row(worklistHeaders(lang)),
    row(worklistHeaders(lang).map(() => "---")),
    ...worklist.items.map((item) => row([...itemCells(item, lang), item.shortfall.toFixed(2)])),
    "",
    `### ${label("totalsByDistrict", lang)}`,
    "",
    row([label("district", lang), label("communities", lang), label("shortfall", lang)]),
    row(["---", "---:", "---:"]),
    ...worklist.totals.districts.map((total) =>
      row([total.district, total.communities, total.shortfall.toFixed(2)]),
    ),
    "",
    `### ${label("totalsByStreet", lang)}`,
    "",
    row([
      label("district", lang),
      label("streetShort", lang),
      label("communities", lang),
      label("shortfall", lang),
    ]),
    row(["---", "---", "---:", "---:"]),
    ...worklist.totals.streets.map((total) =>
      row([
        total.district,
        total.subdistrict || "-",
        total.communities,
        total.shortfall.toFixed(2),
      ]),
    ),
  ];
  if (worklist.undecided.length > 0) {
    lines.push("", `### ${label("cannotBeDecided", lang)}`, "");
    for (const item of worklist.undecided)
      lines.push(
        `- ${markdownText(`${item.communityId} ${item.name} (${item.district}): ${item.missing}`)}`,
      );
  }
  if (worklist.inputErrors.length > 0)
    lines.push("", ...inputErrorsMarkdown(worklist.inputErrors, lang));
  return `${lines.join("\n")}\n`;
}
