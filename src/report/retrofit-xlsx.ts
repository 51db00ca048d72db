import { label } from "../model/labels.js";
import { columnLetters } from "../model/sheet-address.js";
import type { Lang } from "../model/text.js";
import { type RetrofitItem, standardsText, type Worklist } from "./retrofit.js";
import {
  AREA_FORMAT,
  COUNT_FORMAT,
  excel,
  fitWidths,
  headerStyle,
  printSetup,
  sheetText,
  workbookBytes,
} from "./workbook-style.js";

/**
 * The 以奖代补 worklist as the workbook civil affairs and finance file: one row per eligible
 * community with both gaps, a subtotal per district and a grand total as SUBTOTAL formulas whose
 * stored values are the tool's own totals (so a reader that does not calculate sees the same
 * figures), printed on A4 landscape with the header row on every page.
 */
export async function worklistXlsx(worklist: Worklist, lang: Lang): Promise<Uint8Array> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `${worklist.tool.name} ${worklist.tool.version}`;
  const title = label("worklistTitle", lang);
  const running = `${title} · ${worklist.ruleset.id} · ${label("asOf", lang)} ${worklist.asOf}`;
  const sheet = workbook.addWorksheet(label("worklistSheet", lang), {
    views: [{ state: "frozen", ySplit: 3 }],
    ...printSetup(running, "landscape", "3:3"),
  });
  const header = [
    label("district", lang),
    label("street", lang),
    label("recordId", lang),
    label("community", lang),
    label("households", lang),
    label("currentArea", lang),
    label("requiredArea", lang),
    label("standardsMissed", lang),
    label("minimumGap", lang),
    label("perHouseholdGap", lang),
    label("toAdd", lang),
    label("location", lang),
  ];
  const items = [...worklist.items].sort(
    (a, b) =>
      a.district.localeCompare(b.district, "zh") ||
      (a.subdistrict ?? "").localeCompare(b.subdistrict ?? "", "zh") ||
      a.communityId.localeCompare(b.communityId, "zh"),
  );
  const itemValues = (item: RetrofitItem) => [
    sheetText(item.district),
    item.subdistrict === null ? null : sheetText(item.subdistrict),
    sheetText(item.communityId),
    sheetText(item.name),
    item.households,
    item.currentArea,
    item.requiredArea,
    standardsText(item, lang, true),
    item.minimumShortfall,
    item.perHouseholdShortfall,
    item.shortfall,
    sheetText(`${item.file}:${item.line}`),
  ];
  const widths = fitWidths([header, ...items.map(itemValues)], 40);
  sheet.columns = header.map((_, index) => ({ width: widths[index] ?? 10 }));

  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, header.length);
  sheet.addRow([
    `${label("asOf", lang)} ${worklist.asOf} · ${label("ruleset", lang)} ${worklist.ruleset.id} · ${worklist.tool.name} ${worklist.tool.version}`,
  ]);
  sheet.mergeCells(2, 1, 2, header.length);
  const headerRow = sheet.addRow(header);
  headerRow.eachCell((cell) => {
    cell.style = headerStyle;
  });
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: header.length } };

  const gapColumns = [9, 10, 11] as const;
  const letter = (column: number) => columnLetters(column - 1);
  const first = 4;
  const subtotalStyle = { font: { bold: true } };
  // Grouped in one pass: a worklist of thousands of districts stays linear.
  const byDistrict = new Map<string, RetrofitItem[]>();
  for (const item of items) {
    const group = byDistrict.get(item.district);
    if (group) group.push(item);
    else byDistrict.set(item.district, [item]);
  }
  const districtTotals = new Map(
    worklist.totals.districts.map((total) => [total.district, total.shortfall]),
  );
  for (const [district, group] of byDistrict) {
    const top = sheet.rowCount + 1;
    for (const item of group) {
      const row = sheet.addRow(itemValues(item));
      formatAreas(row);
    }
    const bottom = sheet.rowCount;
    const sums = [
      sumCenti(group.map((item) => item.minimumShortfall)),
      sumCenti(group.map((item) => item.perHouseholdShortfall ?? 0)),
      districtTotals.get(district) ?? sumCenti(group.map((item) => item.shortfall)),
    ];
    const row = sheet.addRow([sheetText(district), `${label("subtotal", lang)} (${group.length})`]);
    gapColumns.forEach((column, index) => {
      row.getCell(column).value = {
        formula: `SUBTOTAL(9,${letter(column)}${top}:${letter(column)}${bottom})`,
        result: sums[index] ?? 0,
      };
    });
    formatAreas(row);
    row.font = subtotalStyle.font;
  }
  const last = sheet.rowCount;
  const grand = sheet.addRow([label("total", lang), `(${worklist.totals.communities})`]);
  const grandSums = [
    sumCenti(items.map((item) => item.minimumShortfall)),
    sumCenti(items.map((item) => item.perHouseholdShortfall ?? 0)),
    worklist.totals.shortfall,
  ];
  gapColumns.forEach((column, index) => {
    grand.getCell(column).value = {
      // SUBTOTAL leaves out the district subtotals inside its range.
      formula: `SUBTOTAL(9,${letter(column)}${first}:${letter(column)}${Math.max(first, last)})`,
      result: grandSums[index] ?? 0,
    };
  });
  formatAreas(grand);
  grand.font = { bold: true };
  grand.border = { top: { style: "thin" } };

  if (worklist.undecided.length > 0) {
    const undecided = workbook.addWorksheet(label("undecided", lang).slice(0, 31), {
      views: [{ state: "frozen", ySplit: 1 }],
      ...printSetup(running, "landscape", "1:1"),
    });
    const undecidedHeader = [
      label("district", lang),
      label("street", lang),
      label("recordId", lang),
      label("community", lang),
      label("missing", lang),
      label("location", lang),
    ];
    const rows = worklist.undecided.map((item) => [
      sheetText(item.district),
      item.subdistrict === null ? null : sheetText(item.subdistrict),
      sheetText(item.communityId),
      sheetText(item.name),
      sheetText(item.missing),
      sheetText(`${item.file}:${item.line}`),
    ]);
    const undecidedWidths = fitWidths([undecidedHeader, ...rows], 50);
    undecided.columns = undecidedHeader.map((header, index) => ({
      header,
      width: undecidedWidths[index] ?? 10,
    }));
    undecided.getRow(1).eachCell((cell) => {
      cell.style = headerStyle;
    });
    for (const row of rows) undecided.addRow(row);
  }
  return workbookBytes(workbook);
}

function formatAreas(row: { getCell(column: number): { numFmt: string } }): void {
  row.getCell(5).numFmt = COUNT_FORMAT;
  for (const column of [6, 7, 9, 10, 11]) row.getCell(column).numFmt = AREA_FORMAT;
}

/** Sums in hundredths of m², as the worklist's own totals are made. */
function sumCenti(values: readonly number[]): number {
  return values.reduce((total, value) => total + Math.round(value * 100), 0) / 100;
}
