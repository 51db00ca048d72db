import { createHash } from "node:crypto";
import type { Lang } from "../../model/text.js";
import { htmlText } from "../escape.js";

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
th { background: #eef0f5; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
th button { all: unset; cursor: pointer; } th button::after { content: " ⇅"; color: #99a; }
tr.error td.severity { color: var(--fail); font-weight: bold; } tr.warning td.severity { color: var(--warn); } tr.info td.severity { color: var(--info); }
.filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; font-size: .9rem; }
.filters select { font: inherit; }
.rule { border-left: 4px solid #99a; padding: 2px 12px; margin: 10px 0; page-break-inside: avoid; }
.rule blockquote { margin: 4px 0; padding: 4px 10px; background: #f6f6f9; }
.small { font-size: .8rem; color: #555; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .filters, th button::after { display: none; }
  section { page-break-inside: auto; } #summary { page-break-after: always; }
  h2 { page-break-after: avoid; } tr { page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

export interface PageParts {
  lang: Lang;
  title: string;
  body: string;
  script?: string;
}

export function page(parts: PageParts): string {
  const scriptHash = parts.script
    ? `'sha256-${createHash("sha256").update(parts.script).digest("base64")}'`
    : "'none'";
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
    `<html lang="${parts.lang === "zh" ? "zh-CN" : "en"}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(parts.title)}</title>`,
    `<style>${styles}</style>`,
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
export function table(
  head: Array<{ text: string; number?: boolean; sortable?: boolean }>,
  rows: string[],
  attributes = "",
): string {
  const headCells = head
    .map((cell) => {
      const content = cell.sortable
        ? `<button type="button">${htmlText(cell.text)}</button>`
        : htmlText(cell.text);
      return `<th${cell.number ? ' class="number"' : ""}>${content}</th>`;
    })
    .join("");
  return `<table${attributes}><thead><tr>${headCells}</tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
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
    var button = th.querySelector("button");
    if (!button) return;
    var ascending = true;
    button.addEventListener("click", function () {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column];
        var nx = x.getAttribute("data-sort"), ny = y.getAttribute("data-sort");
        var order = nx !== null && ny !== null ? Number(nx) - Number(ny) : x.textContent.localeCompare(y.textContent, "zh");
        return ascending ? order : -order;
      });
      ascending = !ascending;
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
`;
