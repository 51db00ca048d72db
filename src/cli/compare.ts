import { type Command, Option } from "commander";
import { effectiveSetting } from "../engine/evaluate.js";
import { labels } from "../model/labels.js";
import type { Lang } from "../model/text.js";
import { runCheck } from "../pipeline/check.js";
import {
  type ComparisonFormat,
  comparisonFormats,
  isBinaryFormat,
  loadComparisonRenderer,
} from "../report/registry.js";
import { rules } from "../rules/registry.js";
import {
  addInputOptions,
  collect,
  emit,
  type InputOptions,
  langOption,
  toolInfo,
  useColor,
} from "./common.js";
import { UsageError } from "./exit.js";
import { openRun, refuseWithoutCenters } from "./opening.js";
import { inputExitCode } from "./validate.js";

interface CompareOptions extends InputOptions {
  rules?: string[];
  asOf?: string;
  format?: ComparisonFormat;
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
      ).choices(comparisonFormats),
    )
    .option(
      "--output <file>",
      "write the comparison to FILE (atomically) instead of standard output",
    )
    .addOption(langOption())
    .action(async (files: string[], options: CompareOptions) => {
      const packIds = options.rules ?? ["suzhou-2010", "national-2022", "jiangsu-2022"];
      if (packIds.length < 2) {
        throw new UsageError(labels.compareNeedsPacks);
      }
      const opening = await openRun(files, options, {
        outputs: [{ label: "--output", format: options.format, path: options.output }],
        allowed: comparisonFormats,
        binary: isBinaryFormat,
        packs: packIds,
      });
      const { lang, asOf, packs } = opening;
      const [format = "table"] = opening.formats;
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
          ...(await opening.reading(pack, !options.output && format === "json")),
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
      refuseWithoutCenters(
        reports.flatMap((result) => result.head.inputs),
        labels.compareJudgesCommunities,
      );
      const { buildComparison } = await import("../report/compare.js");
      const render = await loadComparisonRenderer(format);
      const text = await render(buildComparison(reports), {
        lang,
        color: !options.output && useColor(process.stdout),
      });
      setExitCode(inputExitCode(inputs));
      await emit(text, options.output);
    });
}
