import { type Command, Option } from "commander";
import { evaluate } from "../engine/evaluate.js";
import type { Lang } from "../model/text.js";
import { loadPack, locatePack } from "../rules/pack.js";
import {
  addInputOptions,
  defaultLang,
  emit,
  type InputOptions,
  langOption,
  parseAsOf,
  readInputs,
  toolInfo,
  useColor,
  wantedFiles,
} from "./common.js";
import { UsageError } from "./exit.js";
import { readPaths, refuseClobbering } from "./outputs.js";
import { inputExitCode } from "./validate.js";

interface RetrofitOptions extends InputOptions {
  rules?: string;
  asOf?: string;
  format: "table" | "csv" | "json" | "markdown" | "html";
  output?: string;
  lang?: Lang;
}

export function registerRetrofit(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(program.command("retrofit"))
    .description(
      "list the old-town communities eligible for 以奖代补 retrofit and the m² each lacks",
    )
    .argument("[files...]", "the centers file, and the estates file to count households from")
    .option("--rules <pack>", "rule pack: a built-in id or a JSON file", "suzhou-2010")
    .option("--as-of <date>", "as-of date recorded in the worklist (default today)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["table", "csv", "json", "markdown", "html"])
        .default("table"),
    )
    .option("--output <file>", "write the worklist to FILE (atomically) instead of standard output")
    .addOption(langOption())
    .action(async (files: string[], options: RetrofitOptions) => {
      const lang = options.lang ?? defaultLang();
      const pack = await loadPack(options.rules);
      refuseClobbering(
        options.output ? [{ label: `--output ${options.output}`, path: options.output }] : [],
        readPaths(wantedFiles(files, options), {
          "rule pack": locatePack(options.rules ?? "suzhou-2010", process.cwd()),
          "--columns": options.columns,
        }),
      );
      const inputs = await readInputs(files, options, pack.columns);
      // The worklist is of communities: without a centers file it could only be empty, and an
      // empty list reads as "nothing to retrofit".
      if (
        inputs.every((input) => input.kind !== "center") &&
        inputs.every((input) => input.usable)
      ) {
        throw new UsageError(
          "retrofit lists communities: give the centers file (社区用房); an estates file only adds the households of its communities",
        );
      }
      // Only the retrofit rule is needed, at its pack severity; the others would only cost time.
      const ruleSettings = Object.fromEntries(
        Object.keys(pack.rules)
          .filter((id) => id !== "old-town-retrofit")
          .map((id) => [id, "off" as const]),
      );
      const report = evaluate({ inputs }, pack, {
        asOf: parseAsOf(options.asOf),
        lang,
        tool: toolInfo(),
        ruleSettings,
      });
      const { buildWorklist, worklistCsv, worklistJson, worklistMarkdown, worklistTable } =
        await import("../report/retrofit.js");
      const worklist = buildWorklist(report);
      const color = !options.output && useColor(process.stdout);
      const text =
        options.format === "json"
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
