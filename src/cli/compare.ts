import { type Command, Option } from "commander";
import { effectiveSetting } from "../engine/evaluate.js";
import type { Lang } from "../model/text.js";
import { runCheck } from "../pipeline/check.js";
import { loadPack, locatePack } from "../pipeline/packs.js";
import { rules } from "../rules/registry.js";
import {
  addInputOptions,
  collect,
  defaultLang,
  emit,
  type InputOptions,
  langOption,
  loadColumnMap,
  parseAsOf,
  toolInfo,
  useColor,
  wantedFiles,
} from "./common.js";
import { UsageError } from "./exit.js";
import { formatOf, readPaths, refuseClobbering } from "./outputs.js";
import { readingSettings } from "./pipeline.js";
import { wantsProgress } from "./progress.js";
import { inputExitCode } from "./validate.js";

const FORMATS = ["table", "json", "markdown", "html"] as const;

interface CompareOptions extends InputOptions {
  rules?: string[];
  asOf?: string;
  format: "table" | "json" | "markdown" | "html";
  output?: string;
  lang?: Lang;
}

export function registerCompare(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(program.command("compare"))
    .description(
      "judge the communities against several rule packs side by side: per district, how many meet each standard and the m² those short need",
    )
    .argument("[files...]", "the centers file, and the estates file to count households from")
    .option("--rules <pack>", "a rule pack to compare (repeat: two or more)", collect)
    .option("--as-of <date>", "as-of date of the comparison (default today)")
    .addOption(
      new Option(
        "--format <format>",
        "output format (default: what --output's name says; else table)",
      ).choices(FORMATS),
    )
    .option(
      "--output <file>",
      "write the comparison to FILE (atomically) instead of standard output",
    )
    .addOption(langOption())
    .action(async (files: string[], options: CompareOptions) => {
      const lang = options.lang ?? defaultLang();
      options.format = formatOf(options.format, options.output, FORMATS);
      const packIds = options.rules ?? ["suzhou-2010", "national-2022", "jiangsu-2022"];
      if (packIds.length < 2) {
        throw new UsageError({
          zh: "compare:请给出两个或更多规则包,如 --rules A --rules B",
          en: "compare: give two or more rule packs, --rules A --rules B",
        });
      }
      const packs = await Promise.all(packIds.map((id) => loadPack(id)));
      const wanted = wantedFiles(files, options);
      refuseClobbering(
        options.output ? [{ label: `--output ${options.output}`, path: options.output }] : [],
        readPaths(wanted, {
          ...Object.fromEntries(
            packIds.map((id, index) => [`rule pack ${index + 1}`, locatePack(id, process.cwd())]),
          ),
          "--columns": options.columns,
        }),
      );
      const asOf = parseAsOf(options.asOf);
      const reports = [];
      let inputs: ReadonlyArray<{ usable: boolean; rejected: number }> = [];
      for (const pack of packs) {
        // A pack's standards for communities are its center rules at error, and its targets:
        // only those run (estates only add households), and only the communities' outcomes
        // are kept.
        const notStandards = rules
          .filter((rule) => {
            const setting = effectiveSetting(rule, pack, { asOf, lang, tool: toolInfo() });
            const target = pack.rules[rule.id]?.standing === "target" && setting !== "off";
            return !rule.kinds.includes("center") || (setting !== "error" && !target);
          })
          .map((rule) => [rule.id, "off" as const]);
        const outcome = await runCheck({
          ...readingSettings(
            wanted,
            options,
            await loadColumnMap(options.columns, pack.columns),
            wantsProgress(
              process.stderr,
              process.env,
              !options.output && options.format === "json",
            ),
          ),
          pack,
          evaluate: {
            asOf,
            lang,
            tool: toolInfo(),
            keepEvaluations: "centers",
            ruleSettings: Object.fromEntries(notStandards),
          },
          router: { recordBaseline: false, errorsOnly: false, streaming: [], keep: { all: true } },
        });
        // Only what the comparison needs is kept of each run.
        const { packResult } = await import("../report/compare.js");
        reports.push(packResult(outcome.report, lang));
        inputs = outcome.inputs;
      }
      if (
        reports.every((result) => result.head.inputs.every((input) => input.kind !== "centers"))
      ) {
        throw new UsageError({
          zh: "compare 评估的是社区:请给出社区用房登记表;住宅小区登记表只用于补充其社区的户数",
          en: "compare judges communities: give the centers file (社区用房); an estates file only adds the households of its communities",
        });
      }
      const {
        buildComparison,
        comparisonHtml,
        comparisonJson,
        comparisonMarkdown,
        comparisonTable,
      } = await import("../report/compare.js");
      const comparison = buildComparison(reports);
      const text =
        options.format === "json"
          ? comparisonJson(comparison)
          : options.format === "markdown"
            ? comparisonMarkdown(comparison, lang)
            : options.format === "html"
              ? comparisonHtml(comparison, lang)
              : comparisonTable(comparison, {
                  lang,
                  color: !options.output && useColor(process.stdout),
                });
      setExitCode(inputExitCode(inputs));
      await emit(text, options.output);
    });
}
