import { sha256Base64 } from "../../model/digest.js";
import type { InputError } from "../../model/errors.js";
import { label } from "../../model/labels.js";
import type { Lang } from "../../model/text.js";
import { htmlText } from "../escape.js";
import { codesAfter, LISTED_ROWS, moreLine } from "../limits.js";
import { placeText } from "../locations.js";

/**
 * The frame every HTML output shares: one self-contained file whose Content-Security-Policy
 * forbids every request (no fonts, images, scripts or styles from anywhere), A4 print styles,
 * and the one inline script allowed by its hash.
 */
const styles = `
:root { --fail: #c0392b; --warn: #b9770e; --info: #6c3483; --ok: #1e8449; --line: #ccd; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 0 auto; max-width: 1180px; padding: 16px 24px; color: #222; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; border-bottom: 2px solid #334; padding-bottom: 2px; margin-top: 28px; }
.meta { color: #555; font-size: .9rem; margin: 0 0 12px; }
.verdict { font-size: 1.2rem; font-weight: bold; padding: 8px 12px; border-radius: 4px; display: inline-block; }
.verdict.fail { background: #fdecea; color: var(--fail); } .verdict.warn { background: #fef5e7; color: var(--warn); } .verdict.ok { background: #e9f7ef; color: var(--ok); }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 4px; padding: 6px 12px; min-width: 110px; }
.card .value { font-size: 1.3rem; font-weight: bold; display: block; }
.card .name { font-size: .8rem; color: #555; }
figure { margin: 8px 0; display: inline-block; vertical-align: top; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef0f5; } th[scope="row"] { white-space: nowrap; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
th.sortable { cursor: pointer; } th.sortable::after { content: " ⇅"; color: #99a; }
.place, td.number, td.severity { white-space: nowrap; } .name { word-break: keep-all; }
.where { overflow-wrap: anywhere; min-width: 11em; }
figure svg { max-width: 100%; height: auto; }
tr.error td.severity { color: var(--fail); font-weight: bold; } tr.warning td.severity { color: var(--warn); } tr.info td.severity { color: var(--info); }
.filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; font-size: .9rem; }
.filters select { font: inherit; }
.rule { border-left: 4px solid #99a; padding: 2px 12px; margin: 10px 0; page-break-inside: avoid; }
.rule blockquote { margin: 4px 0; padding: 4px 10px; background: #f6f6f9; }
.small { font-size: .8rem; color: #555; }
@media print {
  body { max-width: none; padding: 0; font-size: 8.5pt; line-height: 1.25; }
  th, td { padding: 2px 4px; } .rule blockquote { padding: 2px 8px; } .rule { margin: 6px 0; }
  .filters, th.sortable::after { display: none; }
  section { page-break-inside: auto; }
  h2 { page-break-after: avoid; } tr { page-break-inside: avoid; }
  thead { display: table-header-group; }
  figure { page-break-inside: avoid; width: 49%; margin: 0; }
  .card { padding: 2px 8px; min-width: 80px; } .card .value { font-size: 1.1rem; }
  h2 { margin-top: 14px; }
  #findings-table { table-layout: fixed; }
  #findings-table th:nth-child(1) { width: 10%; } #findings-table th:nth-child(2) { width: 11%; }
  #findings-table th:nth-child(3) { width: 9%; } #findings-table th:nth-child(4) { width: 16%; }
  #findings-table th:nth-child(5) { width: 5%; } #findings-table th:nth-child(6) { width: 24%; }
  #findings-table th:nth-child(7), #findings-table th:nth-child(8) { width: 7%; }
  #findings-table th:nth-child(9) { width: 5%; } #findings-table th:nth-child(10) { width: 9%; }
  #findings-table td.number { white-space: normal; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * A CSS string literal of any text: every character outside plain letters and digits as a CSS
 * escape, so a pack's title cannot close the string or the style element.
 */
function cssString(text: string): string {
  let quoted = "";
  for (const character of text) {
    quoted += /^[\p{L}\p{N} ]$/u.test(character)
      ? character
      : `\\${(character.codePointAt(0) ?? 0).toString(16)} `;
  }
  return `"${quoted}"`;
}

/**
 * The printed page: A4 in the orientation the report's widest table needs, the report's title,
 * pack and as-of date at the top of every page and the page number at the foot.
 */
function printStyles(lang: Lang, running: string, orientation: Orientation): string {
  const pageNumber = label("pageOfPages", lang);
  return [
    `@page { size: A4 ${orientation}; margin: 16mm 10mm 14mm;`,
    `  @top-center { content: ${cssString(running)}; font-size: 8pt; color: #555; }`,
    `  @bottom-center { content: ${pageNumber}; font-size: 8pt; color: #555; } }`,
  ].join("\n");
}

export type Orientation = "portrait" | "landscape";

export interface PageParts {
  lang: Lang;
  title: string;
  body: string;
  script?: string;
  /** What every printed page says at its top: the report, its pack and as-of date. */
  running: string;
  orientation: Orientation;
}

export function page(parts: PageParts): string {
  const scriptHash = parts.script ? `'sha256-${sha256Base64(parts.script)}'` : "'none'";
  const policy = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "img-src data:",
    `script-src ${scriptHash}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return [
    "<!DOCTYPE html>",
    `<html lang="${label("htmlLanguage", parts.lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(parts.title)}</title>`,
    `<style>${styles}${printStyles(parts.lang, parts.running, parts.orientation)}</style>`,
    "</head>",
    "<body>",
    parts.body,
    parts.script ? `<script>${parts.script}</script>` : "",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** A table from header cells and rows of already-escaped cells. */
export interface HeadCell {
  text: string;
  number?: boolean;
  sortable?: boolean;
  /** Columns this heading spans (a pack's group in the comparison). */
  span?: number;
}

/**
 * A table from header rows and rows of already-escaped cells. A sortable heading is the heading
 * itself (focusable, sorted by click or Enter), not a button inside it: a browser repeats a
 * table's header on every printed page, and buttons lose their labels there.
 */
export function table(
  head: HeadCell[] | HeadCell[][],
  rows: string[],
  attributes = "",
  foot: string[] = [],
): string {
  const headRows = (Array.isArray(head[0]) ? head : [head]) as HeadCell[][];
  const headHtml = headRows
    .map(
      (row) =>
        `<tr>${row
          .map((cell) => {
            const classes = [cell.number ? "number" : "", cell.sortable ? "sortable" : ""]
              .filter(Boolean)
              .join(" ");
            return `<th${classes ? ` class="${classes}"` : ""}${cell.sortable ? ' tabindex="0" aria-sort="none"' : ""}${cell.span ? ` colspan="${cell.span}"` : ""}>${htmlText(cell.text)}</th>`;
          })
          .join("")}</tr>`,
    )
    .join("");
  const footHtml = foot.length > 0 ? `<tfoot>${foot.join("\n")}</tfoot>` : "";
  return `<table${attributes}><thead>${headHtml}</thead><tbody>\n${rows.join("\n")}\n</tbody>${footHtml}</table>`;
}

export function cell(
  value: string | number | null,
  options: { number?: boolean; className?: string; sortValue?: number } = {},
): string {
  const classes = [options.number ? "number" : "", options.className ?? ""]
    .filter(Boolean)
    .join(" ");
  const sort = options.sortValue === undefined ? "" : ` data-sort="${options.sortValue}"`;
  const text = value === null ? "" : typeof value === "number" ? String(value) : htmlText(value);
  return `<td${classes ? ` class="${classes}"` : ""}${sort}>${text}</td>`;
}

/** Sorting and filtering, in the page itself, with no server: the only script, allowed by hash. */
export const findingsScript = `
(function () {
  var table = document.getElementById("findings-table");
  if (!table) return;
  var body = table.tBodies[0];
  var selects = document.querySelectorAll(".filters select");
  var counter = document.getElementById("findings-shown");
  function apply() {
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var visible = Array.prototype.every.call(selects, function (select) {
        return select.value === "" || row.getAttribute("data-" + select.name) === select.value;
      });
      row.hidden = !visible;
      if (visible) shown++;
    });
    if (counter) counter.textContent = String(shown);
  }
  Array.prototype.forEach.call(selects, function (select) { select.addEventListener("change", apply); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    if (!th.classList.contains("sortable")) return;
    var ascending = true;
    function sort() {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column];
        var nx = x.getAttribute("data-sort"), ny = y.getAttribute("data-sort");
        var order = nx !== null && ny !== null ? Number(nx) - Number(ny) : x.textContent.localeCompare(y.textContent, "zh");
        return ascending ? order : -order;
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      ascending = !ascending;
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
    });
  });
  apply();
})();
`;

/**
 * Input errors as a table (location, code, message, value): the first LISTED_ROWS, then a line
 * saying how many more and of which codes, so that none is left out unsaid.
 */
export function inputErrorsTable(errors: readonly InputError[], lang: Lang): string {
  if (errors.length === 0) return "";
  const rows = errors
    .slice(0, LISTED_ROWS)
    .map(
      (error) =>
        `<tr>${cell(placeText(error))}${cell(error.code)}${cell(error.message)}${cell(error.value ?? "")}</tr>`,
    );
  const hidden = errors.length - LISTED_ROWS;
  return [
    table(
      [
        { text: label("location", lang) },
        { text: label("code", lang) },
        { text: label("message", lang) },
        { text: label("value", lang) },
      ],
      rows,
      ' id="input-errors-table"',
    ),
    ...(hidden > 0
      ? [
          `<p class="small">${htmlText(moreLine(hidden, codesAfter(errors, LISTED_ROWS), lang))}</p>`,
        ]
      : []),
  ].join("\n");
}

/** The input errors of a view (the worklist, a comparison): what could not be read, on the page. */
export function inputErrorsSection(errors: readonly InputError[], lang: Lang): string {
  if (errors.length === 0) return "";
  return `<h2>${htmlText(label("inputErrors", lang))}</h2>\n${inputErrorsTable(errors, lang)}`;
}
