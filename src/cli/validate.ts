import { type Command, Option } from "commander";
import type { ParsedInput } from "../ingest/index.js";
import type { Lang } from "../model/text.js";
import { runCheck } from "../pipeline/check.js";
import {
  loadValidationRenderer,
  type ValidationFormat,
  validationFormats,
} from "../report/registry.js";
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

interface ValidateOptions extends InputOptions {
  format?: ValidationFormat;
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
      ).choices(validationFormats),
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
        allowed: validationFormats,
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
      setExitCode(inputExitCode(inputs));
      const render = await loadValidationRenderer(format);
      const color = !options.output && useColor(process.stdout);
      const validation = {
        inputs: report.inputs,
        inputErrors: report.inputErrors,
        notices: report.notices,
      };
      await emit(await render(validation, { lang, color }), options.output);
    });
}
