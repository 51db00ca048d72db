import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Command, Option } from "commander";
import { effectiveSetting, ruleTitle } from "../engine/evaluate.js";
import type { ParsedInput } from "../ingest/index.js";
import { columnsByKind } from "../model/columns.js";
import { formatDecimal } from "../model/decimal.js";
import { type LabelKey, label, ruleSeverityText } from "../model/labels.js";
import { citedClause, type ResolvedPack, taskLabel } from "../model/pack.js";
import { type Lang, type Localized, localize, type PlaceholderData } from "../model/text.js";
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
      const rate = `${formatDecimal(step.rate)} m²/${lang === "zh" ? "户" : "household"}`;
      const from = step.from
        ? lang === "zh"
          ? `${step.from} 起`
          : `from ${step.from}`
        : lang === "zh"
          ? "最早"
          : "before";
      const until = next?.from && !step.from ? ` ${next.from}` : "";
      return `${rate} ${from}${until}`;
    });
    return `estateRates: ${steps.join("; ")}`;
  }
  if (name === "activityShare") return `${name}: ${formatDecimal(parameters[name] * 100)} %`;
  if (name === "communityRateScope" || name === "cityMinimumScope" || name === "pilotOnly") {
    return `${name}: ${parameters[name]}`;
  }
  const unit = name === "communityRate" ? (lang === "zh" ? " m²/户" : " m²/household") : " m²";
  return `${name}: ${formatDecimal(parameters[name])}${unit}`;
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
    throw new UsageError({
      zh: `没有规则“${ruleId}”(已有:${ruleIds.join(", ")})`,
      en: `no rule '${ruleId}' (known: ${ruleIds.join(", ")})`,
    });
  }
  const pack = await loadPack(packReference);
  const row = ruleRow(rule, pack, lang);
  const task = pack.tasks[String(row.task)];
  const say = (key: keyof typeof explainWords, data: PlaceholderData = {}) =>
    localize(explainWords[key], lang, data);
  const title = ruleTitle(rule, pack);
  const lines = [`${rule.id} — ${title.zh} / ${title.en}`, ""];
  lines.push(
    say("severity", {
      severity: ruleSeverityText(
        {
          severity: row.severity,
          standing: pack.rules[rule.id]?.standing === "target" ? "target" : undefined,
        },
        lang,
      ),
      kinds: rule.kinds
        .map((kind) => label(kind === "estate" ? "estates" : "centers", lang))
        .join(say("listSeparator")),
    }),
    say("basis", {
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
      ? say("clauseOfDocument", { citing: safeText(citing) })
      : say("clauseOfTask", { citing: safeText(citing), task: taskLabel(row.task, lang) }),
    `  ${safeText(citedClause(task, lang))}`,
  );
  if (document?.source) lines.push(say("readIn", { source: safeText(document.source) }));
  if (seed && !verified) lines.push(say("notVerbatim"));
  for (const related of rule.relatedTasks ?? []) {
    const relatedTask = pack.tasks[String(related)];
    if (relatedTask) {
      lines.push(`  ${taskLabel(related, lang)}: ${safeText(citedClause(relatedTask, lang))}`);
    }
  }
  lines.push("", say("reading"), `  ${rule.interpretation[lang]}`);
  const parameters = packParameters(pack);
  if (rule.uses.length > 0) {
    lines.push("", say("parameters", { pack: pack.id }));
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
    say("example"),
    `  ${describeRecord(rule.example.record)}`,
    `  → ${label(outcomeLabels[outcome], lang)}${finding ? `: ${finding.message}` : ""}`,
  );
  return `${lines.join("\n")}\n`;
}

/** What `explain` says around a rule, in both languages. */
const explainWords = {
  severity: {
    zh: "级别: {severity}    适用: {kinds}",
    en: "Severity: {severity}    Applies to: {kinds}",
  },
  listSeparator: { zh: "、", en: ", " },
  basis: {
    zh: "依据: {tasks} · 牵头单位: {lead} · 配合单位: {cooperating}",
    en: "Basis: {tasks} · lead: {lead} · co-operating: {cooperating}",
  },
  clauseOfDocument: { zh: "条文({citing}):", en: "Clause ({citing}):" },
  clauseOfTask: { zh: "条文({citing},{task}):", en: "Clause ({citing}, {task}):" },
  readIn: { zh: "  (据 {source})", en: "  (as read in {source})" },
  notVerbatim: {
    zh: "  (注意:条文未在原文中逐字找到)",
    en: "  (note: this clause was not found verbatim in the seed text)",
  },
  reading: { zh: "本工具的理解:", en: "How floorspace reads it:" },
  parameters: { zh: "参数({pack}):", en: "Parameters ({pack}):" },
  example: { zh: "示例:", en: "Worked example:" },
} satisfies Record<string, Localized>;

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
