import { type Command, Option } from "commander";
import type { ParsedInput } from "../ingest/index.js";
import type { Lang } from "../model/text.js";
import { runCheck } from "../pipeline/check.js";
import { loadPack, locatePack } from "../pipeline/packs.js";
import { label } from "../report/labels.js";
import { ruleIds } from "../rules/registry.js";
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
import { exitCodes } from "./exit.js";
import { readPaths, refuseClobbering } from "./outputs.js";
import { readingSettings } from "./pipeline.js";
import { wantsProgress } from "./progress.js";

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
    .description("read the registers and report every input error, without applying rules")
    .argument(
      "[files...]",
      "estates and centers files: CSV or workbooks (kind detected from the headers)",
    )
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
      const wanted = wantedFiles(files, options);
      refuseClobbering(
        options.output ? [{ label: `--output ${options.output}`, path: options.output }] : [],
        readPaths(wanted, {
          "rule pack": options.rules ? locatePack(options.rules, process.cwd()) : undefined,
          "--columns": options.columns,
        }),
      );
      // The pipeline of `check` with every rule off: the same reading, streamed, with nothing
      // judged and nothing kept but the input errors.
      const pack = await loadPack(options.rules);
      const jsonToStdout = !options.output && options.format === "json";
      const { report, inputs } = await runCheck({
        ...readingSettings(
          wanted,
          options,
          await loadColumnMap(options.columns, pack.columns),
          wantsProgress(process.stderr, process.env, jsonToStdout),
        ),
        pack,
        evaluate: {
          asOf: parseAsOf(undefined),
          lang,
          tool: toolInfo(),
          ruleSettings: Object.fromEntries(ruleIds.map((id) => [id, "off" as const])),
        },
        router: { recordBaseline: false, errorsOnly: false, streaming: [], keep: { none: true } },
      });
      const summaries = report.inputs;
      const errors = report.inputErrors;
      const notices = report.notices;
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
