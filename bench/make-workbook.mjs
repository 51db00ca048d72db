// The estates CSV as a workbook a district office would keep: numbers as numbers, dates as date
// cells, one sheet. Written with exceljs's streaming writer.
//   node bench/make-workbook.mjs estates.csv estates.xlsx
import { createReadStream } from "node:fs";
import ExcelJS from "exceljs";
import { parse } from "csv-parse";

const [source, target] = process.argv.slice(2);
const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: target, useSharedStrings: true });
const sheet = writer.addWorksheet("小区");
const numbers = new Set(["households", "community_space_area"]);
const dates = new Set(["land_transfer_date", "estate_delivery_date", "community_space_delivery_date"]);
let header;
const parser = createReadStream(source).pipe(parse({ relax_column_count: true }));
for await (const record of parser) {
  if (!header) {
    header = record;
    sheet.addRow(record).commit();
    continue;
  }
  const cells = record.map((value, index) => {
    const column = header[index];
    if (numbers.has(column) && /^\d+(\.\d+)?$/.test(value)) return Number(value);
    if (dates.has(column) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
    return value === "" ? null : value;
  });
  const row = sheet.addRow(cells);
  header.forEach((column, index) => {
    if (dates.has(column)) row.getCell(index + 1).numFmt = "yyyy-mm-dd";
  });
  row.commit();
}
sheet.commit();
await writer.commit();

