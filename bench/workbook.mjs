#!/usr/bin/env node
// The workbook road against the CSV road on the same rows: a 100,000-row estates sheet checked
// as .xlsx and as CSV, taking turns, medians of --runs; then peak memory of each. Numbers only.
//   node bench/workbook.mjs [--runs N] [--rows N]
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { argument, data, estatesCsv, estatesWorkbook, median, root } from "./common.mjs";

const runs = argument("--runs", 5);
const rows = argument("--rows", 100_000);
const csv = estatesCsv(rows);
const xlsx = estatesWorkbook(rows);

function measure(file) {
  const report = join(data, "report-workbook-bench.json");
  rmSync(report, { force: true });
  const result = spawnSync(
    "/usr/bin/time",
    ["-f", "%e %M", process.execPath, join(root, "bin", "floorspace.js"), "check", file, "--format", "json", "--output", report, "--fail-on", "never", "--as-of", "2026-11-01"],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  const [seconds, kilobytes] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  return { seconds, rssMb: kilobytes / 1024 };
}
const samples = { csv: [], xlsx: [] };
for (let run = 0; run < runs; run++) {
  samples.csv.push(measure(csv));
  samples.xlsx.push(measure(xlsx));
}
const summary = (list) => ({ seconds: median(list.map((s) => s.seconds)), rssMb: median(list.map((s) => s.rssMb)) });
const a = summary(samples.csv);
const b = summary(samples.xlsx);
console.log(
  `${rows.toLocaleString("en")} estates, check to a JSON file, median of ${runs} taking turns: CSV ${a.seconds.toFixed(2)} s / ${a.rssMb.toFixed(0)} MB; workbook ${b.seconds.toFixed(2)} s / ${b.rssMb.toFixed(0)} MB; time ratio ${(b.seconds / a.seconds).toFixed(2)} (target ≤ 1.5), memory +${(b.rssMb - a.rssMb).toFixed(0)} MB (target ≤ +100).`,
);
