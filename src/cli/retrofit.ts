import { type Command, Option } from "commander";
import type { Lang } from "../model/text.js";
import { runCheck } from "../pipeline/check.js";
import { loadPack, locatePack } from "../pipeline/packs.js";
import {
  addInputOptions,
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
import { formatOf, readPaths, refuseBinaryToTerminal, refuseClobbering } from "./outputs.js";
import { readingSettings } from "./pipeline.js";
import { wantsProgress } from "./progress.js";
import { inputExitCode } from "./validate.js";

const FORMATS = ["table", "csv", "json", "markdown", "html", "xlsx"] as const;

interface RetrofitOptions extends InputOptions {
  rules?: string;
  asOf?: string;
  format: "table" | "csv" | "json" | "markdown" | "html" | "xlsx";
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
      ).choices(FORMATS),
    )
    .option("--output <file>", "write the worklist to FILE (atomically) instead of standard output")
    .addOption(langOption())
    .action(async (files: string[], options: RetrofitOptions) => {
      const lang = options.lang ?? defaultLang();
      options.format = formatOf(options.format, options.output, FORMATS);
      refuseBinaryToTerminal(options.format, options.format === "xlsx", options.output);
      const pack = await loadPack(options.rules);
      refuseClobbering(
        options.output ? [{ label: `--output ${options.output}`, path: options.output }] : [],
        readPaths(wantedFiles(files, options), {
          "rule pack": locatePack(options.rules ?? "suzhou-2010", process.cwd()),
          "--columns": options.columns,
        }),
      );
      // Only the retrofit rule is needed, at its pack severity; the others would only cost time.
      const ruleSettings = Object.fromEntries(
        Object.keys(pack.rules)
          .filter((id) => id !== "old-town-retrofit")
          .map((id) => [id, "off" as const]),
      );
      // The pipeline of `check`: estates streamed for their households, every finding of the
      // one rule kept (one per community at most).
      const jsonToStdout = !options.output && options.format === "json";
      const { report, inputs } = await runCheck({
        ...readingSettings(
          wantedFiles(files, options),
          options,
          await loadColumnMap(options.columns, pack.columns),
          wantsProgress(process.stderr, process.env, jsonToStdout),
        ),
        pack,
        evaluate: { asOf: parseAsOf(options.asOf), lang, tool: toolInfo(), ruleSettings },
        router: { recordBaseline: false, errorsOnly: false, streaming: [], keep: { all: true } },
      });
      // The worklist is of communities: without a centers file it could only be empty, and an
      // empty list reads as "nothing to retrofit".
      if (
        report.inputs.every((input) => input.kind !== "centers") &&
        report.inputs.every((input) => input.usable)
      ) {
        throw new UsageError({
          zh: "retrofit 列出的是社区:请给出社区用房登记表;住宅小区登记表只用于补充其社区的户数",
          en: "retrofit lists communities: give the centers file (社区用房); an estates file only adds the households of its communities",
        });
      }
      const { buildWorklist, worklistCsv, worklistJson, worklistMarkdown, worklistTable } =
        await import("../report/retrofit.js");
      const worklist = buildWorklist(report);
      const color = !options.output && useColor(process.stdout);
      const text =
        options.format === "xlsx"
          ? [await (await import("../report/retrofit-xlsx.js")).worklistXlsx(worklist, lang)]
          : options.format === "json"
            ? worklistJson(worklist)
            : options.format === "csv"
              ? worklistCsv(worklist, lang)
              : options.format === "markdown"
                ? worklistMarkdown(worklist, lang)
                : options.format === "html"
                  ? (await import("../report/html/index.js")).worklistHtml(worklist, lang)
                  : worklistTable(worklist, { lang, color });
      setExitCode(inputExitCode(inputs));
      await emit(text, options.output);
    });
}
