import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { applyBaseline, baselineOf, errorsOnly } from "../engine/baseline.js";
import { evaluate } from "../engine/evaluate.js";
import type { ParsedInput } from "../ingest/index.js";
import { type Baseline, baselineSchema } from "../model/baseline.js";
import { type RuleSetting, ruleSettingSchema, type Severity, severities } from "../model/pack.js";
import type { Report } from "../model/report.js";
import type { Lang } from "../model/text.js";
import { type FormatName, formatNames, loadFormatter } from "../report/registry.js";
import { loadPack } from "../rules/pack.js";
import { ruleIds } from "../rules/registry.js";
import {
  addInputOptions,
  defaultLang,
  emit,
  type InputOptions,
  langOption,
  nonNegativeInteger,
  parseAsOf,
  positiveInteger,
  readInputs,
  toolInfo,
  useColor,
  writeAtomically,
} from "./common.js";
import { exitCodes, UsageError } from "./exit.js";
import { wantsProgress } from "./progress.js";
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

export function parseReportTarget(
  value: string,
  previous: Array<{ format: FormatName; path: string }> = [],
) {
  const match = /^([a-z]+)=(.+)$/.exec(value);
  const format = match?.[1] as FormatName | undefined;
  if (!match?.[2] || !format || !formatNames.includes(format)) {
    throw new UsageError(
      `--report: expected FORMAT=PATH with FORMAT one of ${formatNames.join(", ")}, got '${value}'`,
    );
  }
  return [...previous, { format, path: match[2] }];
}

async function readBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(
      `--baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? "cannot read"}`,
    );
  }
  try {
    return baselineSchema.parse(JSON.parse(text));
  } catch {
    throw new UsageError(
      `--baseline ${path}: not a floorspace baseline (write one with --write-baseline)`,
    );
  }
}

interface CheckOptions extends InputOptions {
  rules?: string;
  asOf?: string;
  format: FormatName;
  output?: string;
  report?: Array<{ format: FormatName; path: string }>;
  failOn: FailOn;
  lang?: Lang;
  rule?: Record<string, RuleSetting>;
  maxFindings?: number;
  summary?: "district" | "street";
  baseline?: string;
  writeBaseline?: string;
  maxWarnings?: number;
  quiet?: boolean;
}

export function registerCheck(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(program.command("check"))
    .description("audit estates and centers against the rule pack and report every finding")
    .argument("[files...]", "estates and centers CSV files (kind detected from the headers)")
    .option("--rules <pack>", "rule pack: a built-in id or a JSON file", "suzhou-2010")
    .option("--as-of <date>", "judge delivery dates as of this day (default today)")
    .addOption(
      new Option("--format <format>", "output format").choices(formatNames).default("table"),
    )
    .option("--output <file>", "write the report to FILE (atomically) instead of standard output")
    .option("--report <format=path>", "also write FORMAT to PATH (repeatable)", parseReportTarget)
    .addOption(
      new Option("--fail-on <level>", "lowest severity that makes the exit code 1")
        .choices([...severities, "never"])
        .default("error"),
    )
    .option("--max-warnings <n>", "exit 1 when there are more than N warnings", (value) =>
      nonNegativeInteger(value, "--max-warnings"),
    )
    .option("--quiet", "report errors only (the exit code still counts everything)")
    .option(
      "--rule <id=setting>",
      "override one rule: ID=off|info|warning|error (repeatable)",
      parseRuleSetting,
    )
    .addOption(
      new Option("--summary <level>", "area table in table and markdown output").choices([
        "district",
        "street",
      ]),
    )
    .option(
      "--baseline <file>",
      "report only findings not in this baseline; exit codes follow them",
    )
    .option("--write-baseline <file>", "record the current findings as the accepted baseline")
    .addOption(
      new Option(
        "--max-findings <n>",
        "findings shown per rule (table) or in all (markdown)",
      ).argParser((value) => positiveInteger(value, "--max-findings")),
    )
    .addOption(langOption())
    .action(async (files: string[], options: CheckOptions) => {
      const lang = options.lang ?? defaultLang();
      const asOf = parseAsOf(options.asOf);
      const pack = await loadPack(options.rules);
      const targets = options.report ?? [];
      const formatter = await loadFormatter(options.format);
      const extra = await Promise.all(
        targets.map(async (target) => ({
          ...target,
          formatter: await loadFormatter(target.format),
        })),
      );
      const baseline = options.baseline ? await readBaseline(options.baseline) : undefined;
      const jsonToStdout = !options.output && ["json", "sarif"].includes(options.format);
      const inputs = await readInputs(files, {
        ...options,
        progress: wantsProgress(process.stderr, process.env, jsonToStdout),
      });
      const needsEvaluations = [options.format, ...targets.map((target) => target.format)].includes(
        "junit",
      );
      let report = evaluate({ inputs }, pack, {
        asOf,
        lang,
        tool: toolInfo(),
        keepEvaluations: needsEvaluations,
        ...(options.rule ? { ruleSettings: options.rule } : {}),
      });
      if (options.writeBaseline) {
        await writeAtomically(
          options.writeBaseline,
          `${JSON.stringify(baselineOf(report), null, 2)}\n`,
        );
      }
      if (baseline && options.baseline) report = applyBaseline(report, baseline, options.baseline);

      let exitCode = checkExitCode(inputs, report, options.failOn);
      if (
        exitCode === exitCodes.ok &&
        options.maxWarnings !== undefined &&
        report.summary.findings.warning > options.maxWarnings
      ) {
        exitCode = exitCodes.findings;
      }
      const shown = options.quiet ? errorsOnly(report) : report;
      const formatOptions = {
        lang,
        failOn: options.failOn,
        ...(options.summary ? { summary: options.summary } : {}),
        ...(options.maxFindings ? { maxFindingsPerRule: options.maxFindings } : {}),
      };
      for (const target of extra) {
        await writeAtomically(
          target.path,
          target.formatter(shown, { ...formatOptions, color: false }),
        );
      }
      const color = !options.output && useColor(process.stdout);
      await emit(formatter(shown, { ...formatOptions, color }), options.output);
      setExitCode(exitCode);
    });
}
