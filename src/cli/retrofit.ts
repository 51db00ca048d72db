import { type Command, Option } from "commander";
import { labels } from "../model/labels.js";
import type { Lang } from "../model/text.js";
import { runCheck } from "../pipeline/check.js";
import {
  isBinaryFormat,
  loadWorklistRenderer,
  type WorklistFormat,
  worklistFormats,
} from "../report/registry.js";
import {
  addInputOptions,
  emit,
  type InputOptions,
  langOption,
  toolInfo,
  useColor,
} from "./common.js";
import { openRun, refuseWithoutCenters } from "./opening.js";
import { inputExitCode } from "./validate.js";

interface RetrofitOptions extends InputOptions {
  rules?: string;
  asOf?: string;
  format?: WorklistFormat;
  output?: string;
  lang?: Lang;
}

export function registerRetrofit(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(program.command("retrofit"))
    .description(
      "list the old-town communities that are candidates for 以奖代补 retrofit (the pack's reading, pending the city's measures) and the m² each lacks",
    )
    .argument("[files...]", "the centers file, and the estates file to count households from")
    .option("--rules <pack>", "rule pack: a built-in id or a JSON file", "suzhou-2010")
    .option("--as-of <date>", "as-of date recorded in the worklist (default today)")
    .addOption(
      new Option(
        "--format <format>",
        "output format (default: what --output's name says; else table)",
      ).choices(worklistFormats),
    )
    .option("--output <file>", "write the worklist to FILE (atomically) instead of standard output")
    .addOption(langOption())
    .action(async (files: string[], options: RetrofitOptions) => {
      const opening = await openRun(files, options, {
        outputs: [{ label: "--output", format: options.format, path: options.output }],
        allowed: worklistFormats,
        binary: isBinaryFormat,
        packs: [options.rules ?? "suzhou-2010"],
      });
      const { lang } = opening;
      const [format = "table"] = opening.formats;
      const [pack] = opening.packs;
      if (!pack) return;
      // Only the retrofit rule is needed, at its pack severity; the others would only cost time.
      const ruleSettings = Object.fromEntries(
        Object.keys(pack.rules)
          .filter((id) => id !== "old-town-retrofit")
          .map((id) => [id, "off" as const]),
      );
      // The pipeline of `check`: estates streamed for their households, every finding of the
      // one rule kept (one per community at most).
      const { report, inputs } = await runCheck({
        ...(await opening.reading(pack, !options.output && format === "json")),
        pack,
        evaluate: { asOf: opening.asOf, lang, tool: toolInfo(), ruleSettings },
        router: { recordBaseline: false, errorsOnly: false, streaming: [], keep: { all: true } },
      });
      refuseWithoutCenters(report.inputs, labels.retrofitListsCommunities);
      const { buildWorklist } = await import("../report/retrofit.js");
      const render = await loadWorklistRenderer(format);
      const text = await render(buildWorklist(report), {
        lang,
        color: !options.output && useColor(process.stdout),
      });
      setExitCode(inputExitCode(inputs));
      await emit(text, options.output);
    });
}
