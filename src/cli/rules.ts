import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Command, Option } from "commander";
import { effectiveSetting, ruleTitle } from "../engine/evaluate.js";
import type { ParsedInput } from "../ingest/index.js";
import { columnsByKind } from "../model/columns.js";
import { formatDecimal } from "../model/decimal.js";
import { type LabelKey, label, labelled, ruleSeverityText } from "../model/labels.js";
import { citedClause, type ResolvedPack, taskLabel } from "../model/pack.js";
import type { Lang } from "../model/text.js";
import { evaluate } from "../pipeline/evaluate.js";
import { loadPack, seedsDir } from "../pipeline/packs.js";
import { safeLines, safeText } from "../report/escape.js";
import { packParameters } from "../rules/pack.js";
import { findRule, ruleIds, rules } from "../rules/registry.js";
import type { Parameters, Rule } from "../rules/types.js";
import { defaultLang, langOption, toolInfo, useColor } from "./common.js";
import { exitCodes, UsageError } from "./exit.js";

/** `rules` lists the rules with their legal basis; `explain` works through one of them. */
function ruleRow(rule: Rule, pack: ResolvedPack, lang: Lang) {
  const task = pack.rules[rule.id]?.task ?? rule.task;
  const basis = pack.tasks[String(task)];
  return {
    id: rule.id,
    severity: effectiveSetting(rule, pack, { asOf: "", lang, tool: toolInfo() }),
    kinds: [...rule.kinds],
    title: ruleTitle(rule, pack)[lang],
    task,
    relatedTasks: [...(rule.relatedTasks ?? [])],
    lead: basis?.lead ?? "",
    cooperating: basis?.cooperating ?? "",
  };
}

export function registerRules(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("rules")
    .description("list every rule with its severity, record kind, policy task and departments")
    .option("--rules <pack>", "rule pack: a built-in id or a JSON file", "suzhou-2010")
    .addOption(
      new Option("--format <format>", "output format").choices(["table", "json"]).default("table"),
    )
    .addOption(langOption())
    .action(async (options: { rules: string; format: string; lang?: Lang }) => {
      const lang = options.lang ?? defaultLang();
      const pack = await loadPack(options.rules);
      const rows = rules.map((rule) => ruleRow(rule, pack, lang));
      if (options.format === "json") {
        process.stdout.write(
          `${JSON.stringify({ ruleset: { id: pack.id, title: pack.title[lang] }, rules: rows }, null, 2)}\n`,
        );
      } else {
        const { makeTable, painter } = await import("../report/terminal.js");
        const table = makeTable(
          [
            label("rule", lang),
            label("severity", lang),
            label("kind", lang),
            label("task", lang),
            label("lead", lang),
            label("cooperating", lang),
          ],
          painter({ lang, color: useColor(process.stdout) }),
        );
        for (const row of rows) {
          table.push([
            `${row.id}\n${row.title}`,
            label(row.severity, lang),
            row.kinds
              .map((kind) => label(kind === "estate" ? "estates" : "centers", lang))
              .join(", "),
            [row.task, ...row.relatedTasks].join(", "),
            safeText(row.lead),
            safeText(row.cooperating),
          ]);
        }
        process.stdout.write(`${safeLines(table.toString())}\n`);
      }
      setExitCode(exitCodes.ok);
    });
}

function describeParameter(name: keyof Parameters, parameters: Parameters, lang: Lang): string {
  if (name === "estateRates") {
    const steps = parameters.estateRates.map((step, index) => {
      const next = parameters.estateRates[index + 1];
      const rate = label("ratePerHousehold", lang, { rate: formatDecimal(step.rate) });
      const from = step.from
        ? label("rateFrom", lang, { date: step.from })
        : label("rateBefore", lang);
      const until = next?.from && !step.from ? ` ${next.from}` : "";
      return `${rate} ${from}${until}`;
    });
    return `estateRates: ${steps.join("; ")}`;
  }
  if (name === "activityShare") return `${name}: ${formatDecimal(parameters[name] * 100)} %`;
  if (name === "communityRateScope" || name === "cityMinimumScope" || name === "pilotOnly") {
    return `${name}: ${parameters[name]}`;
  }
  const value = formatDecimal(parameters[name]);
  return `${name}: ${name === "communityRate" ? label("ratePerHousehold", lang, { rate: value }) : `${value} m²`}`;
}

function exampleInput(rule: Rule): ParsedInput {
  const example = rule.example;
  const columns = columnsByKind[example.kind].map((column) => column.canonical);
  const base = {
    file: "example",
    encoding: "utf8",
    delimiter: ",",
    usable: true,
    columns,
    headerLine: 1,
    unknownHeaders: [],
    rowsRead: 1,
    rejected: 0,
    skipped: 0,
    problems: [],
  };
  return example.kind === "estate"
    ? {
        ...base,
        kind: "estate",
        records: [{ line: 2, record: example.record }],
        leftOut: { byCommunity: new Map(), unattributed: 0 },
      }
    : { ...base, kind: "center", records: [{ line: 2, record: example.record }] };
}

function describeRecord(record: object): string {
  return Object.entries(record)
    .map(([key, value]) =>
      typeof value === "number" && /area/.test(key)
        ? `${key}=${formatDecimal(value)}`
        : `${key}=${String(value)}`,
    )
    .join(", ");
}

export async function explainText(
  ruleId: string,
  packReference: string,
  lang: Lang,
): Promise<string> {
  const rule = findRule(ruleId);
  if (!rule) {
    throw new UsageError(labelled("noSuchRule", { rule: ruleId, known: ruleIds.join(", ") }));
  }
  const pack = await loadPack(packReference);
  const row = ruleRow(rule, pack, lang);
  const task = pack.tasks[String(row.task)];
  const title = ruleTitle(rule, pack);
  const lines = [`${rule.id} — ${title.zh} / ${title.en}`, ""];
  lines.push(
    label("explainSeverity", lang, {
      severity: ruleSeverityText(
        {
          severity: row.severity,
          standing: pack.rules[rule.id]?.standing === "target" ? "target" : undefined,
        },
        lang,
      ),
      kinds: rule.kinds
        .map((kind) => label(kind === "estate" ? "estates" : "centers", lang))
        .join(label("explainListSeparator", lang)),
    }),
    label("explainBasis", lang, {
      tasks: [row.task, ...row.relatedTasks].map((task) => taskLabel(task, lang)).join(", "),
      lead: safeText(row.lead),
      cooperating: safeText(row.cooperating),
    }),
    "",
  );
  const document = task?.document;
  const ownBasis = task?.basisKind === "data-consistency" || task?.basisKind === "not-in-policy";
  const seed = document || ownBasis ? undefined : pack.source?.seed;
  let verified = false;
  if (seed && task) {
    const text = await readFile(join(seedsDir, seed), "utf8").catch(() => "");
    verified = text.includes(task.clause);
  }
  const citing = document
    ? `${document.title}, ${document.issuer}, ${document.date}`
    : seed
      ? `seeds/${seed}`
      : pack.id;
  lines.push(
    document
      ? label("explainClauseOfDocument", lang, { citing: safeText(citing) })
      : label("explainClauseOfTask", lang, {
          citing: safeText(citing),
          task: taskLabel(row.task, lang),
        }),
    `  ${safeText(citedClause(task, lang))}`,
  );
  if (document?.source)
    lines.push(label("explainReadIn", lang, { source: safeText(document.source) }));
  if (seed && !verified) lines.push(label("explainNotVerbatim", lang));
  for (const related of rule.relatedTasks ?? []) {
    const relatedTask = pack.tasks[String(related)];
    if (relatedTask) {
      lines.push(`  ${taskLabel(related, lang)}: ${safeText(citedClause(relatedTask, lang))}`);
    }
  }
  lines.push("", label("explainReading", lang), `  ${rule.interpretation[lang]}`);
  const parameters = packParameters(pack);
  if (rule.uses.length > 0) {
    lines.push("", label("explainParameters", lang, { pack: pack.id }));
    for (const name of rule.uses) lines.push(`  ${describeParameter(name, parameters, lang)}`);
  }
  const report = await evaluate({ inputs: [exampleInput(rule)] }, pack, {
    asOf: "2026-01-01",
    lang,
    tool: toolInfo(),
    ruleSettings: Object.fromEntries(ruleIds.map((id) => [id, id === rule.id ? "error" : "off"])),
  });
  const finding = report.findings[0];
  const outcome = finding
    ? finding.outcome
    : report.summary.rules[rule.id]?.pass
      ? "pass"
      : "not-applicable";
  lines.push(
    "",
    label("explainExample", lang),
    `  ${describeRecord(rule.example.record)}`,
    `  → ${label(outcomeLabels[outcome], lang)}${finding ? `: ${finding.message}` : ""}`,
  );
  return `${lines.join("\n")}\n`;
}

/** An outcome as a reader reads it, never its code. */
const outcomeLabels = {
  pass: "pass",
  fail: "fail",
  unknown: "unknown",
  eligible: "eligible",
  "not-applicable": "notApplicable",
  "not-checked": "notChecked",
} as const satisfies Record<string, LabelKey>;

export function registerExplain(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("explain")
    .description(
      "quote a rule's clause and show how it is read, its parameters and a worked example",
    )
    .argument("<rule>", `one of: ${ruleIds.join(", ")}`)
    .option("--rules <pack>", "rule pack: a built-in id or a JSON file", "suzhou-2010")
    .addOption(langOption())
    .action(async (ruleId: string, options: { rules: string; lang?: Lang }) => {
      process.stdout.write(
        safeLines(await explainText(ruleId, options.rules, options.lang ?? defaultLang())),
      );
      setExitCode(exitCodes.ok);
    });
}
