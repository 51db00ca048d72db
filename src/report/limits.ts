import { label } from "../model/labels.js";
import type { Lang } from "../model/text.js";

/**
 * How many findings the formats made for people list: past these a page or a comment is too long
 * to read or to open, and the rest are counted with a pointer to the JSON or CSV report.
 */
export const MARKDOWN_FINDINGS = 50;
/** Findings per rule the table keeps when --max-findings does not say: the rest are counted. */
export const TABLE_FINDINGS_PER_RULE = 1000;
export const HTML_FINDINGS = 5000;

/**
 * Rows of input errors, districts or streets a report for people lists before it counts the
 * rest: drawing a terminal table takes more than linear time in its rows, and nobody reads
 * 40,000 of them.
 */
export const LISTED_ROWS = 200;

/** How many of `items` after the first `from` have each code. */
export function codesAfter(
  items: ReadonlyArray<{ code: string }>,
  from: number,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (let index = from; index < items.length; index++) {
    const code = (items[index] as { code: string }).code;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/** "… 39,800 more not listed (invalid-number 39,800); the full list: --format json". */
export function moreLine(hidden: number, byKind: ReadonlyMap<string, number>, lang: Lang): string {
  const kinds = [...byKind]
    .map(([kind, count]) => `${kind} ${count.toLocaleString("en")}`)
    .join(", ");
  const count = hidden.toLocaleString("en");
  return label("moreNotListed", lang, { count, kinds });
}

/**
 * Findings the workbook lists per rule: a sheet people filter and print, far below Excel's
 * 1,048,576 rows even with every rule at its limit. JSON and CSV carry every finding.
 */
export const XLSX_FINDINGS_PER_RULE = 50_000;
