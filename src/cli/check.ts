import { dirname, relative, resolve } from "node:path";
import { type Command, Option } from "commander";
import { BaselineRecorder } from "../engine/baseline.js";
import type { ParsedInput } from "../ingest/index.js";
import { type Baseline, baselineSchema, normalizePath } from "../model/baseline.js";
import { label, labelled, labels } from "../model/labels.js";
import { type RuleSetting, ruleSettingSchema, type Severity, severities } from "../model/pack.js";
import type { Report } from "../model/report.js";
import type { Lang } from "../model/text.js";
import { runCheck } from "../pipeline/check.js";
import type { RouterKeep } from "../pipeline/router.js";
import { fromWorkingFolder } from "../pipeline/working-folder.js";
import {
  type FormatName,
  type FormatOptions,
  formatNames,
  formatNeeds,
  isBinaryFormat,
  loadFormatter,
  loadStreamingFormat,
  type StreamingFormatName,
} from "../report/registry.js";
import { ruleIds } from "../rules/registry.js";
import {
  addInputOptions,
  emit,
  type InputOptions,
  langOption,
  nonNegativeInteger,
  positiveInteger,
  readJsonOption,
  toolInfo,
  useColor,
  writeAtomically,
} from "./common.js";
import { cleanUpOnExit, exitCodes, UsageError } from "./exit.js";
import { openRun } from "./opening.js";
import { makeSpoolDirectory, removeRunFolder } from "./outputs.js";
import { say } from "./say.js";
import { inputExitCode } from "./validate.js";

/** A severity; "target" (errors, and any record below a target); or "never". */
export type FailOn = Severity | "target" | "never";

const severityRank: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function checkExitCode(
  inputs: ReadonlyArray<Pick<ParsedInput, "usable" | "rejected">>,
  report: Report,
  failOn: FailOn,
  requiredRules: readonly string[] = [],
): number {
  const inputCode = inputExitCode(inputs);
  if (inputCode !== exitCodes.ok) return inputCode;
  if (unjudgedRules(report, requiredRules).length > 0) return exitCodes.findings;
  if (failOn === "never") return exitCodes.ok;
  // A rule the standard applies to that a file gave no way to check leaves the audit incomplete:
  // not a clean exit at the default --fail-on either. (Turn the rule off, or set it to info, to
  // accept that consciously.)
  if (report.summary.notChecked.some((entry) => entry.severity === "warning")) {
    return exitCodes.findings;
  }
  // Targets never fail a run unless asked: --fail-on target treats them as requirements.
  if (failOn === "target" && (report.summary.belowTarget ?? 0) > 0) return exitCodes.findings;
  const threshold = severityRank[failOn === "target" ? "error" : failOn];
  // The counts are of the findings after the baseline, before --quiet hides any.
  const reached = severities.some(
    (severity) => severityRank[severity] >= threshold && report.summary.findings[severity] > 0,
  );
  return reached ? exitCodes.findings : exitCodes.ok;
}

/** The rules of `required` that some record of their kind was not judged on (unknown or not checked). */
export function unjudgedRules(report: Report, required: readonly string[]): string[] {
  return required.filter((ruleId) => {
    const counts = report.summary.rules[ruleId];
    return counts !== undefined && counts.unknown + counts.notChecked > 0;
  });
}

/** `--require-rules all|ID,…`: every rule that is on, or the ones named. */
export function parseRequiredRules(value: string): string[] | "all" {
  if (value.trim() === "all") return "all";
  const ids = value
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  const unknown = ids.filter((id) => !ruleIds.includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new UsageError(
      labelled("requireRulesValue", { rule: unknown[0] ?? value, known: ruleIds.join(", ") }),
    );
  }
  return ids;
}

/**
 * How a run serves its outputs, from what each format declares (formatNeeds): which stream
 * through spools, whether JUnit takes a case per record, and which findings stay in memory for
 * the formats that list them. Pure, so that it is tested on its own.
 */
export function outputPlan<T extends { format: FormatName }>(
  targets: readonly T[],
  maxFindings: number | undefined,
): { streamed: T[]; junitStreamed: boolean; keep: RouterKeep } {
  const needs = targets.map((target) => formatNeeds[target.format]);
  const perRule = Math.max(0, ...needs.map((need) => need.lists(maxFindings)));
  const whole = [...new Set(needs.flatMap((need) => need.keepsWhole ?? []))];
  return {
    streamed: targets.filter((target) => formatNeeds[target.format].streams),
    junitStreamed: needs.some((need) => need.perRecord === true),
    keep: perRule > 0 ? { perRule, ...(whole.length > 0 ? { whole } : {}) } : { none: true },
  };
}

export function parseRuleSetting(value: string, previous: Record<string, RuleSetting> = {}) {
  const match = /^([a-z0-9-]+)=(\w+)$/.exec(value.trim());
  const setting = ruleSettingSchema.safeParse(match?.[2]);
  if (!match?.[1] || !setting.success) {
    throw new UsageError(labelled("ruleOptionValue", { value }));
  }
  if (!ruleIds.includes(match[1])) {
    throw new UsageError(
      labelled("ruleOptionUnknown", { rule: match[1], known: ruleIds.join(", ") }),
    );
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
    throw new UsageError(labelled("reportOptionValue", { formats: formatNames.join(", "), value }));
  }
  return [...previous, { format, path: match[2] }];
}

async function readBaseline(path: string): Promise<Baseline> {
  const parsed = baselineSchema.safeParse(
    await readJsonOption("--baseline", path, labels.notBaseline, labels.baselineFile),
  );
  if (!parsed.success) {
    throw new UsageError(
      labelled("optionFileProblem", { flag: "--baseline", path, problem: labels.notBaseline }),
    );
  }
  const baseline = parsed.data;
  // Files as this run names them (see fromWorkingFolder): version 2 names them from the
  // baseline's own folder, version 1 from the folder the run that wrote it was started in.
  const folder = baseline.schemaVersion === 2 ? dirname(resolve(path)) : process.cwd();
  return {
    ...baseline,
    entries: baseline.entries.map((entry) => ({
      ...entry,
      file: fromWorkingFolder(resolve(folder, entry.file)),
    })),
  };
}

/** A baseline to write: each file named from the baseline's own folder. */
function relativeToBaseline(baseline: Baseline, path: string): Baseline {
  const folder = dirname(resolve(path));
  return {
    ...baseline,
    entries: baseline.entries.map((entry) => ({
      ...entry,
      file: normalizePath(relative(folder, resolve(entry.file))),
    })),
  };
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
  requireRules?: string[] | "all";
}

export function registerCheck(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(program.command("check"))
    .description("audit estates and centers against the rule pack and report every finding")
    .argument(
      "[files...]",
      "estates and centers files: CSV or workbooks (kind detected from the headers)",
    )
    .option("--rules <pack>", "rule pack: a built-in id or a JSON file", "suzhou-2010")
    .option("--as-of <date>", "judge delivery dates as of this day (default today)")
    .addOption(
      new Option(
        "--format <format>",
        "output format (default: what --output's name says, report.xlsx a workbook; else table)",
      ).choices(formatNames),
    )
    .option("--output <file>", "write the report to FILE (atomically) instead of standard output")
    .option("--report <format=path>", "also write FORMAT to PATH (repeatable)", parseReportTarget)
    .addOption(
      new Option(
        "--fail-on <level>",
        "lowest severity that makes the exit code 1; target: errors, and any record below a pack's target",
      )
        .choices([...severities, "target", "never"])
        .default("error"),
    )
    .option("--max-warnings <n>", "exit 1 when there are more than N warnings", (value) =>
      nonNegativeInteger(value, "--max-warnings"),
    )
    .option("--quiet", "report errors only (the exit code still counts everything)")
    .option(
      "--require-rules <rules>",
      "exit 1 unless these rules (all, or ID,ID…) judged every record of their kind",
      parseRequiredRules,
    )
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
        "findings shown per rule (table; default 1000) or in all (markdown)",
      ).argParser((value) => positiveInteger(value, "--max-findings")),
    )
    .addOption(langOption())
    .action(async (files: string[], options: CheckOptions) => {
      const opening = await openRun(files, options, {
        outputs: [
          { label: "--output", format: options.format, path: options.output },
          ...(options.report ?? []).map((target) => ({
            label: `--report ${target.format}=`,
            format: target.format,
            path: target.path,
          })),
        ],
        allowed: formatNames,
        binary: isBinaryFormat,
        packs: [options.rules ?? "suzhou-2010"],
        alsoWrites: options.writeBaseline
          ? [{ label: `--write-baseline ${options.writeBaseline}`, path: options.writeBaseline }]
          : [],
        alsoReads: { "--baseline": options.baseline },
      });
      const { lang, asOf } = opening;
      const [pack] = opening.packs;
      if (!pack) return;
      options.format = opening.formats[0] ?? "table";
      const targets = [
        { format: options.format, path: options.output, primary: true },
        ...(options.report ?? []).map((target) => ({ ...target, primary: false })),
      ];
      // Formats mark failures by severity; below-target findings make the exit code, not a case.
      const severityFailOn = options.failOn === "target" ? "error" : options.failOn;
      const formatOptions: FormatOptions = {
        lang,
        color: false,
        failOn: severityFailOn,
        ...(options.summary ? { summary: options.summary } : {}),
        ...(options.maxFindings ? { maxFindingsPerRule: options.maxFindings } : {}),
      };
      const baseline = options.baseline ? await readBaseline(options.baseline) : undefined;
      // Formats that list findings to a person keep the first of each rule in memory (the rest
      // are counted); the others stream every finding through spools.
      const { streamed, junitStreamed, keep } = outputPlan(targets, options.maxFindings);
      const jsonToStdout = !options.output && ["json", "sarif"].includes(options.format);

      const spoolDirectory =
        streamed.length > 0 || junitStreamed ? makeSpoolDirectory() : undefined;
      const removeSpools = () => {
        if (spoolDirectory) removeRunFolder(spoolDirectory);
      };
      const release = cleanUpOnExit(removeSpools);
      const debug = process.argv.includes("--debug");
      // Seconds since the process started, for --debug's timeline.
      const clock = () => `${(performance.now() / 1000).toFixed(2)} s`;
      const began = clock();
      try {
        const outcome = await runCheck({
          ...(await opening.reading(pack, jsonToStdout)),
          pack,
          evaluate: {
            asOf,
            lang,
            tool: toolInfo(),
            ...(options.rule ? { ruleSettings: options.rule } : {}),
          },
          router: {
            recordBaseline: Boolean(options.writeBaseline),
            errorsOnly: Boolean(options.quiet),
            streaming: streamed.map((target) => ({
              name: target.format as StreamingFormatName,
              options: formatOptions,
            })),
            keep,
          },
          ...(spoolDirectory ? { spoolDirectory } : {}),
          ...(junitStreamed ? { junit: { failOn: severityFailOn } } : {}),
          ...(baseline && options.baseline
            ? { baseline: { file: options.baseline, baseline } }
            : {}),
        });
        const { report } = outcome;
        const judged = clock();
        if (debug) {
          const seconds = (value: number) => `${value.toFixed(2)} s`;
          for (const { file, road, parts, timing } of outcome.roads) {
            const how = road === "streamed" ? ` in ${parts} part(s)` : "";
            const took = timing
              ? ` in ${seconds(timing.seconds)} (parts: ${timing.partSeconds.map(seconds).join(", ")})`
              : "";
            say(`${file} read ${road}${how}${took}`);
          }
        }
        if (options.writeBaseline) {
          const recorder = new BaselineRecorder();
          for (const entry of outcome.baselineEntries) recorder.add(entry);
          const written = relativeToBaseline(recorder.baseline(), options.writeBaseline);
          await writeAtomically(options.writeBaseline, `${JSON.stringify(written, null, 2)}\n`);
          say(
            label("baselineWritten", lang, {
              path: options.writeBaseline,
              count: written.entries.length,
            }),
          );
        }
        const required =
          options.requireRules === "all"
            ? report.rules.filter((rule) => rule.severity !== "off").map((rule) => rule.id)
            : (options.requireRules ?? []);
        let exitCode = checkExitCode(outcome.inputs, report, options.failOn, required);
        for (const ruleId of unjudgedRules(report, required)) {
          const counts = report.summary.rules[ruleId];
          const unknown = counts?.unknown ?? 0;
          const notChecked = counts?.notChecked ?? 0;
          say(
            label("requiredNotJudged", lang, {
              rule: ruleId,
              count: unknown + notChecked,
              unknown,
              notChecked,
            }),
          );
        }
        if (
          exitCode === exitCodes.ok &&
          options.maxWarnings !== undefined &&
          report.summary.findings.warning > options.maxWarnings
        ) {
          exitCode = exitCodes.findings;
        }
        // Known before the reports are written: a pipe closed while they are keeps it.
        setExitCode(exitCode);
        // Extra reports first, the main one last, as a user reading the terminal expects.
        for (const target of [...targets.slice(1), targets[0]]) {
          if (!target) continue;
          const color = target.primary && !target.path && useColor(process.stdout);
          const options = { ...formatOptions, color, hiddenFindings: outcome.notKept };
          const streamIndex = streamed.indexOf(target);
          const content =
            streamIndex >= 0
              ? (await loadStreamingFormat(target.format as StreamingFormatName)).document(
                  report,
                  outcome.blocks(streamIndex, true),
                  options,
                )
              : junitStreamed && target.format === "junit"
                ? (await import("../report/junit.js")).junitDocument(report, outcome.junitSuites())
                : await (await loadFormatter(target.format))(report, options);
          if (target.primary) await emit(content, target.path);
          else if (target.path) await writeAtomically(target.path, content);
        }
        if (debug) {
          say(
            `since the process started: check began at ${began}, every file judged at ${judged}, reports written at ${clock()}`,
          );
        }
        setExitCode(exitCode);
      } finally {
        release();
        removeSpools();
      }
    });
}
