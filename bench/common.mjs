// What the benchmark scripts share: where the package and the data are, their --name N
// arguments, the generated registers (made on first use), and the median of a set of runs.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(fileURLToPath(import.meta.url), "..", "..");
export const bench = join(root, "bench");
export const data = join(bench, "data");

export function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

/** The generated estates register of `rows` rows as CSV, made if missing. */
export function estatesCsv(rows) {
  const csv = join(data, `estates-${rows}.csv`);
  if (!existsSync(csv)) execFileSync(process.execPath, [join(bench, "generate.mjs"), String(rows), "10", data]);
  return csv;
}

/** The same rows as a workbook, made if missing. */
export function estatesWorkbook(rows) {
  const xlsx = join(data, `estates-${rows}.xlsx`);
  if (!existsSync(xlsx)) execFileSync(process.execPath, [join(bench, "make-workbook.mjs"), estatesCsv(rows), xlsx]);
  return xlsx;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
