#!/usr/bin/env node
// npm run bench:adversarial: the shapes an adversarial pass found slow or fatal in the
// human-readable formats (issue 15), timed per format. Numbers only; nothing here asserts.
//   node bench/adversarial.mjs [--rows N]
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "..", "..");
const data = join(root, "bench", "data");
mkdirSync(data, { recursive: true });
const index = process.argv.indexOf("--rows");
const rows = index === -1 ? 500_000 : Number(process.argv[index + 1]);
const header =
  "estate_id,name,district,subdistrict,households,community_space_area,phases,estate_delivery_date,community_space_delivery_date,filing_no";

function write(name, line) {
  const path = join(data, name);
  const lines = [header];
  for (let row = 0; row < rows; row++) lines.push(line(row));
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const shapes = {
  "every row rejected": write("adversarial-rejected.csv", (row) => `E${row},n${row},姑苏区,,x,4,1,,,F`),
  "a district per 25 rows": write(
    "adversarial-districts.csv",
    (row) => `E${row},n${row},区${Math.floor(row / 25)},,100,4,1,,,F`,
  ),
  "a street per row": write(
    "adversarial-streets.csv",
    (row) => `E${row},n${row},区${row % 20},街${row},100,4,1,,,F`,
  ),
};

const formats = [
  ["table", []],
  ["table", ["--summary", "street"]],
  ["markdown", []],
  ["html", []],
  ["json", []],
];
console.log(`| shape (${rows.toLocaleString("en")} rows) | format | seconds | peak RSS MB |`);
console.log("|---|---|---:|---:|");
for (const [shape, file] of Object.entries(shapes)) {
  for (const [format, extra] of formats) {
    const result = spawnSync(
      "/usr/bin/time",
      [
        "-f",
        "%e %M",
        process.execPath,
        join(root, "bin", "floorspace.js"),
        "check",
        file,
        "--format",
        format,
        ...extra,
        "--output",
        join(data, `adversarial.${format}`),
      ],
      { encoding: "utf8" },
    );
    const [seconds, kilobytes] = (result.stderr.trim().split("\n").pop() ?? "").split(" ");
    const name = [format, ...extra].join(" ");
    console.log(`| ${shape} | ${name} | ${seconds} | ${Math.round(Number(kilobytes) / 1024)} |`);
  }
}
