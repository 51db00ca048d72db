import { label } from "../model/labels.js";
import { standardsText, type Worklist, worklistHeaders } from "./retrofit.js";
import {
  inputErrorsTable,
  makeTable,
  painter,
  safeText,
  type TerminalOptions,
} from "./terminal.js";

/** The worklist at a terminal (cli-table3 and chalk, loaded only for it). */
export function worklistTable(worklist: Worklist, options: TerminalOptions): string {
  const { lang } = options;
  const chalk = painter(options);
  const items = makeTable(worklistHeaders(lang), chalk);
  for (const item of worklist.items) {
    items.push([
      safeText(item.communityId),
      safeText(item.name),
      safeText(item.district),
      safeText(item.subdistrict ?? "-"),
      item.households === null ? "-" : String(item.households),
      String(item.currentArea),
      standardsText(item, lang),
      item.shortfall.toFixed(2),
    ]);
  }
  const districts = makeTable(
    [label("district", lang), label("communities", lang), label("shortfall", lang)],
    chalk,
  );
  for (const total of worklist.totals.districts)
    districts.push([
      safeText(total.district),
      String(total.communities),
      total.shortfall.toFixed(2),
    ]);
  const streets = makeTable(
    [
      label("district", lang),
      label("streetShort", lang),
      label("communities", lang),
      label("shortfall", lang),
    ],
    chalk,
  );
  for (const total of worklist.totals.streets) {
    streets.push([
      safeText(total.district),
      safeText(total.subdistrict || "-"),
      String(total.communities),
      total.shortfall.toFixed(2),
    ]);
  }
  const sections = [
    chalk.bold(label("worklistTitle", lang)),
    items.toString(),
    chalk.bold(label("totalsByDistrict", lang)),
    districts.toString(),
    chalk.bold(label("totalsByStreet", lang)),
    streets.toString(),
  ];
  if (worklist.undecided.length > 0) {
    sections.push(chalk.bold(label("cannotBeDecided", lang)));
    for (const item of worklist.undecided)
      sections.push(
        `  ${safeText(`${item.communityId} ${item.name} (${item.district}): ${item.missing}`)}`,
      );
  }
  if (worklist.inputErrors.length > 0)
    sections.push(
      chalk.bold(label("inputErrors", lang)),
      inputErrorsTable(worklist.inputErrors, options),
    );
  sections.push(
    label("worklistTotal", lang, {
      communities: worklist.totals.communities,
      shortfall: worklist.totals.shortfall.toFixed(2),
    }),
  );
  return `${sections.join("\n")}\n`;
}
