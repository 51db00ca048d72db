import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { InputError } from "../model/errors.js";
import { delimiterName, label } from "../model/labels.js";
import type { InputSummary } from "../model/report.js";
import type { Lang } from "../model/text.js";
import { safeText } from "./escape.js";
import { codesAfter, LISTED_ROWS, moreLine } from "./limits.js";
import { placeText } from "./locations.js";
import { displayWidth } from "./width.js";

/** Pieces shared by every human-readable terminal output (check, validate, rules). */
export interface TerminalOptions {
  lang: Lang;
  color: boolean;
}

export function painter(options: TerminalOptions): ChalkInstance {
  return new Chalk({ level: options.color ? 1 : 0 });
}

export { displayWidth, safeText };

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

export function makeTable(head: string[], chalk: ChalkInstance): Table.Table {
  return new Table({
    head: head.map((cell) => chalk.bold(cell)),
    style: { head: [], border: [] },
    wordWrap: true,
  });
}

export function inputsTable(inputs: readonly InputSummary[], options: TerminalOptions): string {
  const chalk = painter(options);
  const { lang } = options;
  const table = makeTable(
    ["file", "kind", "encoding", "delimiter", "read", "valid", "rejected", "skipped"].map((key) =>
      label(key as "file", lang),
    ),
    chalk,
  );
  for (const input of inputs) {
    table.push([
      safeText(input.sheet === undefined ? input.file : `${input.file} [${input.sheet}]`),
      input.kind ? label(input.kind, lang) : "-",
      input.encoding ?? "-",
      delimiterName(input.delimiter),
      String(input.records),
      String(input.valid),
      input.rejected > 0 ? chalk.red(String(input.rejected)) : "0",
      String(input.skipped),
    ]);
  }
  return table.toString();
}

export function errorLocation(error: InputError): string {
  return placeText(error);
}

export function inputErrorsTable(errors: readonly InputError[], options: TerminalOptions): string {
  const chalk = painter(options);
  const { lang } = options;
  const table = makeTable(
    [label("location", lang), label("code", lang), label("message", lang), label("value", lang)],
    chalk,
  );
  for (const error of errors.slice(0, LISTED_ROWS)) {
    table.push([
      safeText(errorLocation(error)),
      error.level === "notice" ? chalk.cyan(error.code) : chalk.red(error.code),
      safeText(error.message),
      error.value === null ? "" : safeText(error.value),
    ]);
  }
  const hidden = errors.length - LISTED_ROWS;
  return hidden > 0
    ? `${table.toString()}\n${moreLine(hidden, codesAfter(errors, LISTED_ROWS), lang)}`
    : table.toString();
}

/** `validate`'s view in a terminal: the inputs, the notices, and every input error or none. */
export function validationTable(
  validation: {
    inputs: readonly InputSummary[];
    inputErrors: readonly InputError[];
    notices: readonly InputError[];
  },
  options: TerminalOptions,
): string {
  const parts = [inputsTable(validation.inputs, options)];
  if (validation.notices.length > 0) parts.push(inputErrorsTable(validation.notices, options));
  parts.push(
    validation.inputErrors.length > 0
      ? inputErrorsTable(validation.inputErrors, options)
      : label("noErrors", options.lang),
  );
  return `${parts.join("\n")}\n`;
}
