#!/usr/bin/env node
// Writes the pages of docs/ that are made from the code: docs/rules/<id>.md from each rule's meta
// (title, task, departments, reading, messages) with its `explain` output as a worked example,
// and docs/errors.md from the error catalogue. `npm run docs` runs it; a test fails when a page
// differs from what this script would write.
//   node scripts/docs.mjs           write the pages
//   node scripts/docs.mjs --check   exit 1 if any page is stale
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "..", "..");
const { rules } = await import(join(root, "dist", "rules", "registry.js"));
const { loadPack } = await import(join(root, "dist", "pipeline", "packs.js"));
const { errorCatalogue } = await import(join(root, "dist", "model", "errors.js"));
const { citedClause, taskLabel } = await import(join(root, "dist", "model", "pack.js"));

const cell = (text) => String(text).replaceAll("|", "\\|").replaceAll("\n", " ");

/** Every generated page, by its path from the repository root. */
export async function pages() {
  const pack = await loadPack("suzhou-2010");
  const result = {};
  const index = [
    "# Rules of the suzhou-2010 pack",
    "",
    "| rule | task | severity | kinds |",
    "|---|---|---|---|",
  ];
  for (const rule of rules) {
    const task = pack.rules[rule.id]?.task ?? rule.task;
    const basis = pack.tasks[String(task)];
    const severity = pack.rules[rule.id]?.severity ?? rule.defaultSeverity;
    index.push(
      `| [${rule.id}](${rule.id}.md) — ${rule.title.zh} | ${task} | ${severity} | ${rule.kinds.join(", ")} |`,
    );
    const lines = [
      `# ${rule.id}`,
      "",
      `${rule.title.zh} · ${rule.title.en}`,
      "",
      basis?.basisKind === "data-consistency" || basis?.basisKind === "not-in-policy"
        ? `- Basis: ${taskLabel(task, "en")} (no clause of the policy sets it); lead: ${basis?.lead ?? "-"}; co-operating: ${basis?.cooperating || "-"}`
        : `- Task ${[task, ...(rule.relatedTasks ?? [])].join(", ")} of the policy's task table; lead: ${basis?.lead ?? "-"}; co-operating: ${basis?.cooperating ?? "-"}`,
      `- Clause: ${citedClause(basis, "en")}`,
      `- Applies to: ${rule.kinds.join(", ")}; default severity: ${rule.defaultSeverity}${rule.uses.length > 0 ? `; parameters: ${rule.uses.join(", ")}` : ""}`,
      ...(rule.quietWhenMissing
        ? [
            `- A file without ${rule.quietWhenMissing.join(", ")} is usual: the rule is reported not checked as info`,
          ]
        : []),
      "",
      "## How floorspace reads it",
      "",
      rule.interpretation.en,
      "",
      rule.interpretation.zh,
      "",
      "## Messages",
      "",
      "| id | English | 中文 |",
      "|---|---|---|",
      ...Object.entries(rule.messages).map(
        ([id, message]) => `| ${id} | ${cell(message.en)} | ${cell(message.zh)} |`,
      ),
      "",
      "## Worked example",
      "",
      "```console",
      `$ floorspace explain ${rule.id} --lang en`,
      "```",
      "",
    ];
    result[`docs/rules/${rule.id}.md`] = lines.join("\n");
  }
  // The other built-in packs: the rules each turns on, and what it cites.
  const { readdirSync } = await import("node:fs");
  const packIds = readdirSync(join(root, "rules"))
    .filter((name) => name.endsWith(".json") && name !== "suzhou-2010.json")
    .map((name) => name.replace(/\.json$/, ""))
    .sort();
  for (const id of packIds) {
    const other = await loadPack(id);
    index.push(
      "",
      `# Rules of the ${id} pack`,
      "",
      `${other.title.zh} · ${other.title.en}`,
      "",
      "| rule | severity | cites | lead |",
      "|---|---|---|---|",
    );
    for (const rule of rules) {
      const severity = other.rules[rule.id]?.severity ?? rule.defaultSeverity;
      if (severity === "off") continue;
      const task = other.rules[rule.id]?.task ?? rule.task;
      const basis = other.tasks[String(task)];
      const title = other.rules[rule.id]?.title ?? rule.title;
      const cites = basis?.document
        ? `${basis.document.title} (${basis.document.issuer}, ${basis.document.date}): ${citedClause(basis, "en")}`
        : `task ${task}: ${citedClause(basis, "en")}`;
      const standing =
        other.rules[rule.id]?.standing === "target" ? " (a target, not a requirement)" : "";
      index.push(
        `| [${rule.id}](${rule.id}.md) — ${cell(title.zh)} | ${severity}${standing} | ${cell(cites)} | ${cell(basis?.lead ?? "-")} |`,
      );
    }
  }
  result["docs/rules/README.md"] = `${index.join("\n")}\n`;
  const errors = [
    "# Input errors and notices",
    "",
    "Generated from the error catalogue (`src/model/errors.ts`) by `npm run docs`. Every problem",
    "carries `file`, `line`, `column` (canonical name), `header` (as written), `value` and a message",
    "in Chinese or English; `file` problems make the file unusable (exit 2), `row` problems reject",
    "the row (exit 1), notices change nothing.",
    "",
    "A workbook's problems also carry `sheet`, and `cell` (`F12`) when they are about one.",
    "",
    "| code | level | title | when, and what to do | message (en) | message (zh) |",
    "|---|---|---|---|---|---|",
    ...Object.entries(errorCatalogue).map(
      ([code, entry]) =>
        `| ${code} | ${entry.level} | ${cell(entry.title.en)} | ${cell(entry.description)} | ${cell(entry.message.en)} | ${cell(entry.message.zh)} |`,
    ),
    "",
  ];
  result["docs/errors.md"] = errors.join("\n");
  return result;
}

/** A page as it stands, with the output of its examples left out (the example runner fills them). */
export function withoutOutputs(markdown) {
  return markdown.replace(/```console\n(\$ .+\n)[\s\S]*?```/g, "```console\n$1```");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  let stale = 0;
  mkdirSync(join(root, "docs", "rules"), { recursive: true });
  for (const [path, text] of Object.entries(await pages())) {
    const file = join(root, path);
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {}
    if (withoutOutputs(current) === text) continue;
    stale++;
    if (check) console.error(`stale: ${path}`);
    else writeFileSync(file, text);
  }
  if (check) process.exit(stale > 0 ? 1 : 0);
  console.log(`${stale} page(s) written`);
}
