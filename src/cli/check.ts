import { type Command, Option } from "commander";
import { evaluate } from "../engine/evaluate.js";
import type { ParsedInput } from "../ingest/index.js";
import { type RuleSetting, ruleSettingSchema, type Severity, severities } from "../model/pack.js";
import type { Report } from "../model/report.js";
import type { Lang } from "../model/text.js";
import { type FormatName, formatNames, loadFormatter } from "../report/registry.js";
import { loadPack } from "../rules/pack.js";
import { ruleIds } from "../rules/registry.js";
import {
  collect,
  defaultLang,
  emit,
  encodingOption,
  type InputOptions,
  langOption,
  maxRecordSizeOption,
  parseAsOf,
  positiveInteger,
  readInputs,
  toolInfo,
  useColor,
} from "./common.js";
import { exitCodes, UsageError } from "./exit.js";
import { inputExitCode } from "./validate.js";

export type FailOn = Severity | "never";

const severityRank: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function checkExitCode(
  inputs: readonly ParsedInput[],
  report: Report,
  failOn: FailOn,
): number {
  const inputCode = inputExitCode(inputs);
  if (inputCode !== exitCodes.ok) return inputCode;
  if (failOn === "never") return exitCodes.ok;
  const threshold = severityRank[failOn];
  const reached = report.findings.some((finding) => severityRank[finding.severity] >= threshold);
  return reached ? exitCodes.findings : exitCodes.ok;
}

export function parseRuleSetting(value: string, previous: Record<string, RuleSetting> = {}) {
  const match = /^([a-z0-9-]+)=(\w+)$/.exec(value.trim());
  const setting = ruleSettingSchema.safeParse(match?.[2]);
  if (!match?.[1] || !setting.success) {
    throw new UsageError(`--rule: expected ID=off|info|warning|error, got '${value}'`);
  }
  if (!ruleIds.includes(match[1])) {
    throw new UsageError(`--rule: no rule '${match[1]}' (known: ${ruleIds.join(", ")})`);
  }
  return { ...previous, [match[1]]: setting.data };
}

interface CheckOptions extends InputOptions {
  rules?: string;
  asOf?: string;
  format: FormatName;
  output?: string;
  failOn: FailOn;
  lang?: Lang;
  rule?: Record<string, RuleSetting>;
  maxFindings?: number;
}

export function registerCheck(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("check")
    .description("audit estates and centers against the rule pack and report every finding")
    .argument("[files...]", "estates and centers CSV files (kind detected from the headers)")
    .option("--estates <file>", "read FILE as an estates file", collect)
    .option("--centers <file>", "read FILE as a centers file", collect)
    .option("--rules <pack>", "rule pack: a built-in id or a JSON file", "suzhou-2010")
    .option("--as-of <date>", "judge delivery dates as of this day (default today)")
    .addOption(
      new Option("--format <format>", "output format").choices(formatNames).default("table"),
    )
    .option("--output <file>", "write the report to FILE (atomically) instead of standard output")
    .addOption(
      new Option("--fail-on <level>", "lowest severity that makes the exit code 1")
        .choices([...severities, "never"])
        .default("error"),
    )
    .option(
      "--rule <id=setting>",
      "override one rule: ID=off|info|warning|error (repeatable)",
      parseRuleSetting,
    )
    .addOption(
      new Option("--max-findings <n>", "findings shown per rule in the table format").argParser(
        (value) => positiveInteger(value, "--max-findings"),
      ),
    )
    .addOption(langOption())
    .addOption(encodingOption())
    .addOption(maxRecordSizeOption())
    .action(async (files: string[], options: CheckOptions) => {
      const lang = options.lang ?? defaultLang();
      const asOf = parseAsOf(options.asOf);
      const pack = await loadPack(options.rules);
      const formatter = await loadFormatter(options.format);
      const inputs = await readInputs(files, options);
      const report = evaluate({ inputs }, pack, {
        asOf,
        lang,
        tool: toolInfo(),
        ...(options.rule ? { ruleSettings: options.rule } : {}),
      });
      const color = !options.output && useColor(process.stdout);
      await emit(
        formatter(report, {
          lang,
          color,
          ...(options.maxFindings ? { maxFindingsPerRule: options.maxFindings } : {}),
        }),
        options.output,
      );
      setExitCode(checkExitCode(inputs, report, options.failOn));
    });
}
