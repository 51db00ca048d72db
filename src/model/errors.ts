import * as z from "zod";
import "./zod-config.js";
import { type Lang, type Localized, localize } from "./text.js";

/**
 * The one catalogue of input problems (frictionless-style): a stable code, a title and a
 * message template in both languages. `file` problems make a file unusable, `row` problems
 * reject one record, `notice`s are reported and change nothing.
 */
export type ErrorLevel = "file" | "row" | "notice";

interface CatalogueEntry {
  level: ErrorLevel;
  title: Localized;
  message: Localized;
}

export const errorCatalogue = {
  "file-not-found": {
    level: "file",
    title: { zh: "文件不存在", en: "File not found" },
    message: { zh: "找不到文件 {file}", en: "cannot find the file {file}" },
  },
  "unreadable-file": {
    level: "file",
    title: { zh: "文件无法读取", en: "File cannot be read" },
    message: { zh: "无法读取 {file}:{reason}", en: "cannot read {file}: {reason}" },
  },
  "file-too-large": {
    level: "file",
    title: { zh: "文件过大", en: "File too large" },
    message: {
      zh: "文件有 {size} 字节,超过上限 {limit} 字节(可用 --max-file-size 调整)",
      en: "the file has {size} bytes, more than the limit of {limit} (see --max-file-size)",
    },
  },
  "not-csv": {
    level: "file",
    title: { zh: "不是 CSV 文件", en: "Not a CSV file" },
    message: { zh: "{whatZh}", en: "{whatEn}" },
  },
  "empty-file": {
    level: "file",
    title: { zh: "空文件", en: "Empty file" },
    message: { zh: "文件没有表头行", en: "the file has no header row" },
  },
  "encoding-error": {
    level: "file",
    title: { zh: "编码错误", en: "Encoding error" },
    message: {
      zh: "第 {offset} 字节无法按 {encoding} 解码",
      en: "the byte at offset {offset} does not decode as {encoding}",
    },
  },
  "malformed-csv": {
    level: "file",
    title: { zh: "CSV 格式错误", en: "Malformed CSV" },
    message: { zh: "{reasonZh}", en: "{reasonEn}" },
  },
  "record-too-large": {
    level: "file",
    title: { zh: "记录过大", en: "Record too large" },
    message: {
      zh: "一条记录超过 {limit} 个字符(可用 --max-record-size 调整)",
      en: "a record exceeds {limit} characters (see --max-record-size)",
    },
  },
  "unknown-kind": {
    level: "file",
    title: { zh: "无法识别文件类型", en: "Unknown file kind" },
    message: {
      zh: "表头既不像住宅小区文件也不像社区用房文件。住宅小区需要:{estateHeaders};社区用房需要:{centerHeaders}",
      en: "the headers fit neither kind. Estates need: {estateHeaders}; centers need: {centerHeaders}",
    },
  },
  "missing-column": {
    level: "file",
    title: { zh: "缺少必需列", en: "Missing required column" },
    message: {
      zh: "缺少必需列 {zhName}({column}){hintZh}",
      en: "required column {column} ({zhName}) is missing{hintEn}",
    },
  },
  "duplicate-column": {
    level: "file",
    title: { zh: "重复列", en: "Duplicate column" },
    message: {
      zh: "列 {column} 出现两次:“{firstHeader}”和“{header}”",
      en: "column {column} appears twice: '{firstHeader}' and '{header}'",
    },
  },
  "ragged-row": {
    level: "row",
    title: { zh: "字段数不符", en: "Wrong number of fields" },
    message: {
      zh: "该行有 {actual} 个字段,表头有 {expected} 个",
      en: "the row has {actual} fields, the header has {expected}",
    },
  },
  "missing-value": {
    level: "row",
    title: { zh: "缺少必填值", en: "Missing value" },
    message: {
      zh: "必填列 {named} 为空{placeholderZh}",
      en: "required column {named} is empty{placeholderEn}",
    },
  },
  "shortened-id": {
    level: "row",
    title: { zh: "编号被 Excel 改写", en: "Code shortened by Excel" },
    message: {
      zh: "“{value}”是 Excel 把长编号显示成的科学计数法,原编号已丢失:请把该列设为“文本”格式后重新导出",
      en: "'{value}' is how Excel shows a long code in scientific notation, and the code itself is lost: format the column as text and export again",
    },
  },
  "invalid-number": {
    level: "row",
    title: { zh: "数字无效", en: "Invalid number" },
    message: { zh: "“{value}”不是有效的数字", en: "'{value}' is not a valid {expected}" },
  },
  "invalid-date": {
    level: "row",
    title: { zh: "日期无效", en: "Invalid date" },
    message: {
      zh: "“{value}”不是有效日期(如 2010-01-01 或 2010年1月1日)",
      en: "'{value}' is not a valid date (e.g. 2010-01-01 or 2010年1月1日)",
    },
  },
  "invalid-boolean": {
    level: "row",
    title: { zh: "是否值无效", en: "Invalid yes/no value" },
    message: {
      zh: "“{value}”不是 是/否、Y/N、yes/no、true/false、1/0 之一",
      en: "'{value}' is not one of 是/否, Y/N, yes/no, true/false, 1/0",
    },
  },
  "unknown-value": {
    level: "row",
    title: { zh: "取值无法识别", en: "Unknown value" },
    message: { zh: "“{value}”不是 {allowed} 之一", en: "'{value}' is not one of {allowed}" },
  },
  "out-of-range": {
    level: "row",
    title: { zh: "超出范围", en: "Out of range" },
    message: { zh: "{named}:{reasonZh}", en: "{named}: {reasonEn}" },
  },
  "duplicate-id": {
    level: "row",
    title: { zh: "编号重复", en: "Duplicate id" },
    message: {
      zh: "编号“{value}”已在第 {firstLine} 行出现",
      en: "id '{value}' already appears on line {firstLine}",
    },
  },
  "skipped-row": {
    level: "notice",
    title: { zh: "非记录行", en: "Row skipped" },
    message: {
      zh: "第 {line} 行是{whatZh},不是记录,已跳过",
      en: "line {line} is {whatEn}, not a record: skipped",
    },
  },
  "header-row": {
    level: "notice",
    title: { zh: "表头所在行", en: "Header row" },
    message: {
      zh: "表头在第 {line} 行{howZh};其上 {above} 行(标题、单位等)不是记录",
      en: "the header is on line {line}{howEn}; the {above} row(s) above it (a title, a unit line) are not records",
    },
  },
  "unknown-column": {
    level: "notice",
    title: { zh: "未知列", en: "Unknown column" },
    message: {
      zh: "未识别的列已忽略:{headers}{hintZh}",
      en: "unrecognised columns ignored: {headers}{hintEn}",
    },
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;
export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

export function errorLevel(code: ErrorCode): ErrorLevel {
  return errorCatalogue[code].level;
}

/** An input problem as every output format carries it. */
export const inputErrorSchema = z.object({
  code: z.string(),
  level: z.enum(["file", "row", "notice"]),
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  header: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export type InputError = z.infer<typeof inputErrorSchema>;

/** A problem before it is put into words; the language is chosen when the report is made. */
export interface InputProblem {
  code: ErrorCode;
  file: string;
  line: number | null;
  column: string | null;
  header: string | null;
  value: string | null;
  data: Record<string, string | number>;
}

export function problem(
  code: ErrorCode,
  file: string,
  where: Partial<Omit<InputProblem, "code" | "file">> = {},
): InputProblem {
  return {
    code,
    file,
    line: where.line ?? null,
    column: where.column ?? null,
    header: where.header ?? null,
    value: where.value ?? null,
    data: where.data ?? {},
  };
}

export function describeProblem(item: InputProblem, lang: Lang): InputError {
  const entry: CatalogueEntry = errorCatalogue[item.code];
  return {
    code: item.code,
    level: entry.level,
    file: item.file,
    line: item.line,
    column: item.column,
    header: item.header,
    value: item.value,
    message: localize(entry.message, lang, {
      file: item.file,
      line: item.line,
      // A column by its header in the file (所属区), with the canonical name beside it.
      named:
        item.header && item.column && item.header !== item.column
          ? `${item.header.replace(/\s+/g, " ").trim()} (${item.column})`
          : item.column,
      column: item.column,
      header: item.header,
      value: item.value,
      ...item.data,
    }),
  };
}
