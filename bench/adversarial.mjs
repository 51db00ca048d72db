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

// Workbooks in and out (issue 23): shapes that once took the machine, timed the same way.
// A zip written here by hand (stored parts, no CRC: floorspace's reader does not need one).
function storedZip(parts) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const body = Buffer.from(text, "utf8");
    const fileName = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(body.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(body.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, body);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
const sheetBook = (sheetXml) =>
  storedZip([
    ["xl/workbook.xml", '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'],
    ["xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
    ["xl/worksheets/sheet1.xml", sheetXml],
  ]);
const cells = (row, values) =>
  `<row r="${row}">${values.map((value, column) => `<c r="${columnName(column)}${row}" t="inlineStr"><is><t>${value}</t></is></c>`).join("")}</row>`;
function columnName(index) {
  let name = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}
const estateRow = ["E1", "n", "姑苏区", "", "100", "40", "1", "", "", "F"];
const workbookShapes = {
  "merge A2:XFD1048576 over 3 rows": sheetBook(
    `<worksheet><sheetData>${cells(1, header.split(","))}${[2, 3, 4].map((row) => cells(row, estateRow)).join("")}</sheetData><mergeCells><mergeCell ref="A2:XFD1048576"/></mergeCells></worksheet>`,
  ),
  "3 rows × 16,384 columns": sheetBook(
    `<worksheet><sheetData>${[1, 2, 3].map((row) => cells(row, Array.from({ length: 16384 }, (_, column) => `v${column}`))).join("")}</sheetData></worksheet>`,
  ),
};
console.log("\n| workbook in | seconds | peak RSS MB | exit |\n|---|---:|---:|---:|");
for (const [shape, bytes] of Object.entries(workbookShapes)) {
  const path = join(data, "adversarial.xlsx");
  writeFileSync(path, bytes);
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, join(root, "bin", "floorspace.js"), "check", path, "--format", "json", "--output", join(data, "adversarial.json")], { encoding: "utf8" });
  const [seconds, kilobytes] = (result.stderr.trim().split("\n").pop() ?? "").split(" ");
  console.log(`| ${shape} | ${seconds} | ${Math.round(Number(kilobytes) / 1024)} | ${result.status} |`);
}
const centersHeader = "community_id,name,district,subdistrict,community_type,zone,households,office_area,public_service_area,city_proper,old_town,filing_no";
console.log("\n| workbook out: retrofit --format xlsx, 8,000 old-town communities | seconds | peak RSS MB |\n|---|---:|---:|");
for (const [shape, district] of [["one district", () => "姑苏区"], ["each its own district", (row) => `区${row}`]]) {
  const path = join(data, "adversarial-centers.csv");
  const lines = [centersHeader];
  for (let row = 0; row < 8000; row++) lines.push(`C${row},社区${row},${district(row)},街道,urban,,2100,300,,是,是,F${row}`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, join(root, "bin", "floorspace.js"), "retrofit", path, "--as-of", "2026-11-01", "--format", "xlsx", "--output", join(data, "adversarial-retrofit.xlsx")], { encoding: "utf8" });
  const [seconds, kilobytes] = (result.stderr.trim().split("\n").pop() ?? "").split(" ");
  console.log(`| ${shape} | ${seconds} | ${Math.round(Number(kilobytes) / 1024)} |`);
}
