#!/usr/bin/env node
// What each rule costs a row: the 1,000,000-estate check with every rule off (reading, records,
// tallies, the report), then with one rule on at a time, on one thread so that the difference
// is the rule's own work. Median of --runs each, taking turns. Numbers only, nothing asserted.
//   node bench/per-rule.mjs [--runs N] [--rows N]
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { argument, data, estatesCsv, median, root } from "./common.mjs";

const runs = argument("--runs", 3);
const rows = argument("--rows", 1_000_000);
const csv = estatesCsv(rows);
const { ruleIds, rules } = await import(join(root, "dist", "rules", "registry.js"));
const estateRules = rules.filter((rule) => rule.kinds.includes("estate")).map((rule) => rule.id);
const report = join(data, "report-per-rule.json");

function seconds(on) {
  rmSync(report, { force: true });
  const settings = ruleIds.flatMap((id) => ["--rule", `${id}=${id === on ? "error" : "off"}`]);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(root, "bin", "floorspace.js"), "check", csv, "--format", "json", "--output", report, "--fail-on", "never", "--as-of", "2026-11-01", ...settings],
    { encoding: "utf8", env: { ...process.env, FLOORSPACE_THREADS: "1" } },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return (performance.now() - started) / 1000;
}

const samples = new Map([["(none)", []], ...estateRules.map((id) => [id, []])]);
for (let run = 0; run < runs; run++) {
  for (const id of samples.keys()) samples.get(id).push(seconds(id === "(none)" ? undefined : id));
}
const base = median(samples.get("(none)"));
console.log(`${rows.toLocaleString("en")} estates, one thread, median of ${runs}; every rule off: ${base.toFixed(2)} s`);
console.log("| rule | seconds | over every rule off | per row |");
console.log("| --- | ---: | ---: | ---: |");
for (const id of estateRules) {
  const time = median(samples.get(id));
  const extra = Math.max(0, time - base);
  console.log(`| \`${id}\` | ${time.toFixed(2)} | ${extra.toFixed(2)} s | ${((extra / rows) * 1e9).toFixed(0)} ns |`);
}
