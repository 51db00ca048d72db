import type ExcelJS from "exceljs";
import {
  type ColumnSpec,
  columnHeader,
  columnsByKind,
  enumSpelling,
  type RecordKind,
  recordKinds,
} from "../model/columns.js";
import { label, type PlainLabelKey } from "../model/labels.js";
import type { ResolvedPack } from "../model/pack.js";
import { columnLetters } from "../model/sheet-address.js";
import type { Lang } from "../model/text.js";
import type { Rule } from "../rules/types.js";
import { excel, headerStyle, sheetText, workbookBytes } from "./workbook-style.js";

/**
 * A fill-in workbook for district offices that refuses the usual mistakes as they are typed: a
 * sheet per register with the headers floorspace reads (the canonical name in each header's
 * note), districts from a list taken from the rule pack, dates as date cells, areas ≥ 0,
 * households whole and > 0, yes/no from a list, ids as text so Excel cannot shorten them; and an
 * instructions sheet (what each column means, its unit, the rules it feeds, an example row).
 * A filled template goes back through `check` as it is.
 */
export const TEMPLATE_ROWS = 2000;

const sheetNames = {
  estate: "estatesSheet",
  center: "centersSheet",
} as const satisfies Record<RecordKind, PlainLabelKey>;

const typeWords = {
  id: "typeId",
  text: "typeText",
  integer: "typeInteger",
  area: "typeArea",
  date: "typeDate",
  boolean: "typeBoolean",
  enum: "typeEnum",
} as const satisfies Record<ColumnSpec["type"], PlainLabelKey>;

function header(column: ColumnSpec, lang: Lang): string {
  return columnHeader(column, lang);
}

/** The rules whose reading names the column. */
function rulesReading(rules: readonly Rule[], column: ColumnSpec, kind: RecordKind): string[] {
  return rules
    .filter(
      (rule) => rule.kinds.includes(kind) && rule.interpretation.en.includes(column.canonical),
    )
    .map((rule) => rule.id);
}

function districtNames(pack: ResolvedPack): string[] {
  const { districts } = pack;
  const names = [...districts.cityProper, ...districts.notCityProper]
    .filter((entry) => !("note" in entry && entry.note))
    .map((entry) => entry.name);
  return [...new Set(names)];
}

export async function templateWorkbook(
  pack: ResolvedPack,
  rules: readonly Rule[],
  lang: Lang,
): Promise<Uint8Array> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  const instructions = workbook.addWorksheet(label("instructionsSheet", lang));
  const sheets = new Map<RecordKind, ExcelJS.Worksheet>();
  for (const kind of recordKinds) {
    sheets.set(
      kind,
      workbook.addWorksheet(label(sheetNames[kind], lang), {
        views: [{ state: "frozen", ySplit: 1 }],
      }),
    );
  }
  // Lists the validations draw from, on a sheet of their own (a list typed into the rule is
  // limited to 255 characters).
  const lists = workbook.addWorksheet(label("listsSheet", lang), { state: "veryHidden" });
  const listColumns: string[][] = [];
  const listRange = (values: readonly string[]) => {
    listColumns.push([...values]);
    const letter = columnLetters(listColumns.length - 1);
    return `'${label("listsSheet", lang)}'!$${letter}$1:$${letter}$${Math.max(1, values.length)}`;
  };
  const districtList = listRange(districtNames(pack));
  const yesNoList = listRange([label("yes", lang), label("no", lang)]);

  for (const kind of recordKinds) {
    const sheet = sheets.get(kind) as ExcelJS.Worksheet;
    const columns = columnsByKind[kind];
    sheet.columns = columns.map((spec) => ({
      header: header(spec, lang),
      width: Math.max(12, header(spec, lang).length * 2 + 4),
    }));
    const headerRow = sheet.getRow(1);
    columns.forEach((spec, index) => {
      const cell = headerRow.getCell(index + 1);
      // A required column is marked by colour and note, never in its text: the header must
      // stay a name floorspace reads.
      cell.style = spec.required
        ? { ...headerStyle, font: { ...headerStyle.font, color: { argb: "FFC00000" } } }
        : headerStyle;
      cell.note = `${spec.required ? `${label("requiredNote", lang)}。` : ""}${spec.canonical}: ${spec.description[lang]}`;
    });
    columns.forEach((spec, index) => {
      const letter = columnLetters(index);
      const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
      const validation = validationFor(spec, lang, districtList, yesNoList, listRange);
      if (validation) {
        (
          sheet as unknown as {
            dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
          }
        ).dataValidations.add(range, validation);
      }
      const format =
        spec.type === "id" || spec.type === "text"
          ? "@"
          : spec.type === "date"
            ? "yyyy-mm-dd"
            : spec.type === "area"
              ? "0.00"
              : undefined;
      if (format) sheet.getColumn(index + 1).numFmt = format;
    });
  }

  listColumns.forEach((values, index) => {
    values.forEach((value, row) => {
      lists.getCell(row + 1, index + 1).value = sheetText(value);
    });
  });

  instructions.columns = [
    { width: 22 },
    { width: 26 },
    { width: 8 },
    { width: 22 },
    { width: 40 },
    { width: 36 },
    { width: 22 },
  ];
  instructions.addRow([label("templateIntro", lang)]);
  instructions.mergeCells(1, 1, 1, 7);
  instructions.getRow(1).alignment = { wrapText: true, vertical: "top" };
  instructions.getRow(1).height = 48;
  for (const kind of recordKinds) {
    instructions.addRow([]);
    const title = instructions.addRow([label(sheetNames[kind], lang)]);
    title.font = { bold: true, size: 12 };
    const head = instructions.addRow([
      label("columnHeader", lang),
      label("canonicalName", lang),
      label("requiredColumn", lang),
      label("typeAndUnit", lang),
      label("meaning", lang),
      label("feedsRules", lang),
      label("example", lang),
    ]);
    head.eachCell((cell) => {
      cell.style = headerStyle;
    });
    const example = rules.find((rule) => rule.example.kind === kind)?.example.record as
      | Record<string, unknown>
      | undefined;
    for (const spec of columnsByKind[kind]) {
      const value = example?.[spec.canonical];
      instructions.addRow([
        header(spec, lang),
        spec.canonical,
        spec.required ? label("yes", lang) : "",
        label(typeWords[spec.type], lang),
        spec.description[lang],
        rulesReading(rules, spec, kind).join(", "),
        value === undefined ? "" : exampleText(spec, value, lang),
      ]);
    }
  }
  return workbookBytes(workbook);
}

/** An example value as the template's own validation takes it (its lists, in its language). */
function exampleText(spec: ColumnSpec, value: unknown, lang: Lang): string {
  // Areas are kept in millionths of a square metre.
  if (spec.type === "area" && typeof value === "number") return String(value / 1_000_000);
  if (typeof value === "boolean") {
    return label(value ? "yes" : "no", lang);
  }
  if (spec.type === "enum") {
    const entry = spec.enumValues?.find((candidate) => candidate.value === value);
    return entry ? enumSpelling(entry, lang) : String(value);
  }
  return String(value);
}

function validationFor(
  spec: ColumnSpec,
  lang: Lang,
  districtList: string,
  yesNoList: string,
  listRange: (values: readonly string[]) => string,
): ExcelJS.DataValidation | undefined {
  const error = (words: PlainLabelKey) => ({
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: header(spec, lang),
    error: label(words, lang),
    allowBlank: true,
  });
  if (spec.canonical === "district") {
    return {
      type: "list",
      formulae: [districtList],
      ...error("chooseDistrict"),
    };
  }
  switch (spec.type) {
    case "date":
      return {
        type: "date",
        operator: "between",
        formulae: [new Date(Date.UTC(1950, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
        ...error("enterDate"),
      };
    case "area":
      return {
        type: "decimal",
        operator: "greaterThanOrEqual",
        formulae: [0],
        ...error("enterArea"),
      };
    case "integer":
      return {
        type: "whole",
        operator: spec.canonical === "households" ? "greaterThan" : "greaterThanOrEqual",
        formulae: [spec.canonical === "households" ? 0 : 1],
        ...error("enterWhole"),
      };
    case "boolean":
      return {
        type: "list",
        formulae: [yesNoList],
        ...error("chooseYesNo"),
      };
    case "enum": {
      const values = (spec.enumValues ?? []).map((value) => enumSpelling(value, lang));
      return {
        type: "list",
        formulae: [listRange(values)],
        ...error("chooseFromList"),
      };
    }
    default:
      return undefined;
  }
}
