#!/usr/bin/env node
// The offline page against the command line on the same register: 100,000 estates (CSV, and the
// same rows as a workbook) audited in Chromium's page (dropped, judged, report ready) and by
// `floorspace check` to a JSON file, taking turns, medians of --runs. Also the page's size.
//   node bench/page.mjs [--runs N] [--rows N]
import { spawnSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { argument, data, estatesCsv, estatesWorkbook, median, root } from "./common.mjs";

const runs = argument("--runs", 3);
const rows = argument("--rows", 100_000);
const csv = estatesCsv(rows);
const xlsx = estatesWorkbook(rows);
const pageFile = join(root, "dist", "floorspace.html");

function cli(file) {
  const report = join(data, "report-page-bench.json");
  rmSync(report, { force: true });
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(root, "bin", "floorspace.js"), "check", file, "--format", "json", "--output", report, "--fail-on", "never", "--as-of", "2026-11-01"]);
  if (result.status !== 0) throw new Error(String(result.stderr));
  return (performance.now() - started) / 1000;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
async function page(file) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(pageFile).href);
  await tab.setInputFiles("#registers", [file]);
  await tab.fill("#as-of", "2026-11-01");
  await tab.dispatchEvent("#as-of", "change");
  const started = performance.now();
  await tab.click("#run");
  // The page answers meanwhile: the longest a question waits for the page's thread while the
  // worker reads and judges is measured (showing the finished report is not "meanwhile").
  let slowest = 0;
  for (;;) {
    const asked = performance.now();
    const phase = await tab.evaluate(() => document.body.dataset.phase);
    if (phase === "done" || phase === "failed") break;
    slowest = Math.max(slowest, performance.now() - asked);
    await tab.waitForTimeout(20);
  }
  const seconds = (performance.now() - started) / 1000;
  await context.close();
  return { seconds, slowest };
}

console.log(`dist/floorspace.html: ${(statSync(pageFile).size / 1024 / 1024).toFixed(2)} MB`);
for (const [name, file] of [["CSV", csv], ["workbook", xlsx]]) {
  const times = { cli: [], page: [], slowest: [] };
  for (let run = 0; run < runs; run++) {
    times.cli.push(cli(file));
    const result = await page(file);
    times.page.push(result.seconds);
    times.slowest.push(result.slowest);
  }
  const a = median(times.cli);
  const b = median(times.page);
  console.log(
    `${rows.toLocaleString("en")} estates as ${name}, median of ${runs} taking turns: command line ${a.toFixed(2)} s, page ${b.toFixed(2)} s; ratio ${(b / a).toFixed(2)} (target ≤ 2); while it worked, the page's thread answered within ${Math.max(...times.slowest).toFixed(0)} ms.`,
  );
}
await browser.close();
