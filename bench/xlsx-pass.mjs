// A bare read of a workbook's first sheet by exceljs's streaming reader (what floorspace read with until 2026-12):
// every row's values touched, nothing judged. The baseline of the workbook benchmark.
import ExcelJS from "exceljs";

const reader = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], {
  sharedStrings: "cache",
  styles: "cache",
  hyperlinks: "ignore",
  worksheets: "emit",
});
let rows = 0;
let cells = 0;
for await (const sheet of reader) {
  for await (const row of sheet) {
    rows++;
    cells += row.values.length;
  }
}
console.log(JSON.stringify({ rows, cells }));
