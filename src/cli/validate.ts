import { type Command, Option } from "commander";
import { assertReconciled, summarizeInput } from "../engine/evaluate.js";
import type { ParsedInput } from "../ingest/index.js";
import { describeProblem } from "../model/errors.js";
import type { Lang } from "../model/text.js";
import { label } from "../report/labels.js";
import { loadPack, locatePack } from "../rules/pack.js";
import {
  addInputOptions,
  defaultLang,
  emit,
  type InputOptions,
  langOption,
  readInputs,
  useColor,
  wantedFiles,
} from "./common.js";
import { exitCodes } from "./exit.js";
import { readPaths, refuseClobbering } from "./outputs.js";

export function inputExitCode(
  inputs: ReadonlyArray<Pick<ParsedInput, "usable" | "rejected">>,
): number {
  if (inputs.some((input) => !input.usable)) return exitCodes.usage;
  if (inputs.some((input) => input.rejected > 0)) return exitCodes.findings;
  return exitCodes.ok;
}

interface ValidateOptions extends InputOptions {
  format: "table" | "json";
  lang?: Lang;
  output?: string;
  rules?: string;
}

export function registerValidate(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(program.command("validate"))
    .description("read CSV files and report every input error, without applying rules")
    .argument("[files...]", "estates and centers CSV files (kind detected from the headers)")
    .addOption(
      new Option("--format <format>", "output format").choices(["table", "json"]).default("table"),
    )
    .addOption(langOption())
    .option("--output <file>", "write the output to FILE instead of standard output")
    .option(
      "--rules <pack>",
      "rule pack whose `columns` map applies (a built-in id or a JSON file)",
    )
    .action(async (files: string[], options: ValidateOptions) => {
      const lang = options.lang ?? defaultLang();
      const pack = options.rules ? await loadPack(options.rules) : undefined;
      refuseClobbering(
        options.output ? [{ label: `--output ${options.output}`, path: options.output }] : [],
        readPaths(wantedFiles(files, options), {
          "rule pack": options.rules ? locatePack(options.rules, process.cwd()) : undefined,
          "--columns": options.columns,
        }),
      );
      const inputs = await readInputs(files, options, pack?.columns);
      inputs.forEach(assertReconciled);
      const summaries = inputs.map(summarizeInput);
      const described = inputs
        .flatMap((input) => input.problems)
        .map((item) => describeProblem(item, lang));
      const errors = described.filter((error) => error.level !== "notice");
      const notices = described.filter((error) => error.level === "notice");
      setExitCode(inputExitCode(inputs));
      if (options.format === "json") {
        await emit(
          `${JSON.stringify({ inputs: summaries, inputErrors: errors, notices }, null, 2)}\n`,
          options.output,
        );
      } else {
        // Terminal tables (cli-table3, chalk) are loaded only when a table is printed.
        const { inputErrorsTable, inputsTable } = await import("../report/terminal.js");
        const color = !options.output && useColor(process.stdout);
        const terminal = { lang, color };
        const parts = [inputsTable(summaries, terminal)];
        if (notices.length > 0) parts.push(inputErrorsTable(notices, terminal));
        parts.push(
          errors.length > 0 ? inputErrorsTable(errors, terminal) : label("noErrors", lang),
        );
        await emit(`${parts.join("\n")}\n`, options.output);
      }
    });
}
