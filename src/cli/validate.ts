import { type Command, Option } from "commander";
import type { ParsedInput } from "../ingest/index.js";
import { label } from "../model/labels.js";
import type { Lang } from "../model/text.js";
import { runCheck } from "../pipeline/check.js";
import { ruleIds } from "../rules/registry.js";
import {
  addInputOptions,
  emit,
  type InputOptions,
  langOption,
  toolInfo,
  useColor,
} from "./common.js";
import { exitCodes } from "./exit.js";
import { openRun } from "./opening.js";

export function inputExitCode(
  inputs: ReadonlyArray<Pick<ParsedInput, "usable" | "rejected">>,
): number {
  if (inputs.some((input) => !input.usable)) return exitCodes.usage;
  if (inputs.some((input) => input.rejected > 0)) return exitCodes.findings;
  return exitCodes.ok;
}

const VALIDATE_FORMATS = ["table", "json"] as const;

interface ValidateOptions extends InputOptions {
  format?: (typeof VALIDATE_FORMATS)[number];
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
      new Option(
        "--format <format>",
        "output format (default: what --output's name says; else table)",
      ).choices(VALIDATE_FORMATS),
    )
    .addOption(langOption())
    .option("--output <file>", "write the output to FILE instead of standard output")
    .option(
      "--rules <pack>",
      "rule pack whose `columns` map applies (a built-in id or a JSON file)",
    )
    .action(async (files: string[], options: ValidateOptions) => {
      const opening = await openRun(files, options, {
        outputs: [{ label: "--output", format: options.format, path: options.output }],
        allowed: VALIDATE_FORMATS,
        binary: () => false,
        packs: [options.rules ?? "suzhou-2010"],
      });
      const { lang } = opening;
      const [format = "table"] = opening.formats;
      const [pack] = opening.packs;
      if (!pack) return;
      // The pipeline of `check` with every rule off: the same reading, streamed, with nothing
      // judged and nothing kept but the input errors.
      const { report, inputs } = await runCheck({
        ...(await opening.reading(pack, !options.output && format === "json")),
        pack,
        evaluate: {
          asOf: opening.asOf,
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
      if (format === "json") {
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
