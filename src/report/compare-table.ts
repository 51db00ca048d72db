import { label } from "../model/labels.js";
import { type Comparison, headers, rows, standingWords } from "./compare.js";
import {
  inputErrorsTable,
  makeTable,
  painter,
  safeText,
  type TerminalOptions,
} from "./terminal.js";

/** The comparison at a terminal (cli-table3 and chalk, loaded only for it). */
export function comparisonTable(comparison: Comparison, options: TerminalOptions): string {
  const chalk = painter(options);
  const table = makeTable(headers(comparison, options.lang), chalk);
  for (const row of rows(comparison, options.lang)) table.push(row.map(safeText));
  const titles = comparison.packs.map(
    (pack) => `${pack.id}: ${safeText(pack.title)} (${standingWords(pack, options.lang)})`,
  );
  const errors =
    comparison.inputErrors.length > 0
      ? `${chalk.bold(label("inputErrors", options.lang))}\n${inputErrorsTable(comparison.inputErrors, options)}\n`
      : "";
  return `${[...titles, `${label("asOf", options.lang)} ${comparison.asOf}`].join("\n")}\n${table.toString()}\n${errors}`;
}
