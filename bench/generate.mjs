#!/usr/bin/env node
// Deterministic test data for the benchmark: node bench/generate.mjs ESTATES CENTERS OUT_DIR [SEED]
// Estates carry ISO land dates and plain areas, so that every tool can read them; a share of rows
// sit exactly on the per-household boundary (area = rate × households), names are Chinese, and
// some are quoted with commas, doubled quotes and line breaks inside.
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../scripts/seeded-random.mjs";

const [estateCount = 100_000, centerCount = 10_000, outDir = "bench/data", seedText = "20261126"] = process.argv.slice(2);
const random = seededRandom(Number(seedText));
const pick = (list) => list[Math.floor(random() * list.length)];
const districts = ["姑苏区", "吴中区", "相城区", "虎丘区", "苏州工业园区", "吴江区", "常熟市", "张家港市", "昆山市", "太仓市"];
const streets = ["平江街道", "长桥街道", "元和街道", "狮山街道", "湖西社工委", "松陵街道", "虞山街道", "杨舍镇", "玉山镇", "城厢镇"];
const words = ["花园", "新村", "雅苑", "名都", "水岸", "华府", "人家", "公寓", "御园", "星海"];
const prefixes = ["金鸡湖", "石湖", "独墅湖", "阳澄湖", "太湖", "平江", "虎丘", "枫桥", "木渎", "周庄"];

function name(index) {
  const base = `${pick(prefixes)}${pick(words)}${index % 97}期`;
  const roll = random();
  if (roll < 0.01) return `"${base},二区"`;
  if (roll < 0.015) return `"${base}""东区"""`;
  if (roll < 0.018) return `"${base}\n(含商业)"`;
  return base;
}

function writeRows(path, header, count, row) {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(path);
    stream.on("error", reject);
    stream.on("finish", resolve);
    let index = 0;
    const pump = () => {
      let ok = true;
      while (index < count && ok) {
        const lines = [];
        for (let batch = 0; batch < 1000 && index < count; batch++, index++) lines.push(row(index));
        ok = stream.write(`${lines.join("\n")}\n`);
      }
      if (index < count) stream.once("drain", pump);
      else stream.end();
    };
    stream.write(`${header}\n`);
    pump();
  });
}

mkdirSync(outDir, { recursive: true });
const estatesPath = join(outDir, `estates-${estateCount}.csv`);
const centersPath = join(outDir, `centers-${centerCount}.csv`);
await writeRows(
  estatesPath,
  "estate_id,name,district,subdistrict,community_id,households,land_transfer_date,community_space_area,phases,community_space_phase,filing_no",
  Number(estateCount),
  (index) => {
    const households = 100 + Math.floor(random() * 3900);
    const year = 2000 + Math.floor(random() * 26);
    const date = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
    const rate = date >= "2010-01-01" ? 4 : 2;
    // Tenths of m²: on the boundary exactly for about a third of rows, else a little above or below.
    const boundaryTenths = rate * households;
    const roll = random();
    const tenths = roll < 0.33 ? boundaryTenths : roll < 0.66 ? boundaryTenths - 1 - Math.floor(random() * 300) : boundaryTenths + 1 + Math.floor(random() * 300);
    const area = `${Math.floor(Math.max(tenths, 0) / 10)}.${Math.max(tenths, 0) % 10}`;
    const phases = random() < 0.2 ? 2 + Math.floor(random() * 3) : 1;
    const spacePhase = phases > 1 ? (random() < 0.8 ? 1 : 2) : "";
    return `E${index},${name(index)},${pick(districts)},${pick(streets)},C${index % Number(centerCount)},${households},${date},${area},${phases},${spacePhase},${random() < 0.9 ? `备${index}` : ""}`;
  },
);
await writeRows(
  centersPath,
  "community_id,name,district,subdistrict,community_type,zone,households,office_area,filing_no",
  Number(centerCount),
  (index) => {
    const rural = random() < 0.3;
    const zone = rural ? pick(["town-planning-area", "development-zone", "other"]) : "";
    return `C${index},${pick(prefixes)}社区${index},${pick(districts)},${pick(streets)},${rural ? "rural" : "urban"},${zone},${random() < 0.7 ? 500 + Math.floor(random() * 8000) : ""},${300 + Math.floor(random() * 1500)}.${Math.floor(random() * 10)},${random() < 0.9 ? `民备${index}` : ""}`;
  },
);
console.log(`${estatesPath}\n${centersPath}`);
