import type { Severity } from "../model/pack.js";
import type { Report } from "../model/report.js";
import type { Lang } from "../model/text.js";

/** A format is a function of the finished report (ESLint-formatter style), loaded when used. */
export interface FormatOptions {
  lang: Lang;
  color: boolean;
  /** table: findings shown per rule; markdown: findings shown in all. */
  maxFindingsPerRule?: number;
  /** Which area table human-readable formats show. */
  summary?: "district" | "street";
  /** JUnit marks findings at or above this as failures. */
  failOn?: Severity | "never";
}

/** A whole text, or its pieces in order for outputs too large to hold as one string. */
export type FormatOutput = string | Iterable<string>;

export type Formatter = (report: Report, options: FormatOptions) => FormatOutput;

const loaders = {
  table: async () => (await import("./table.js")).formatTable,
  json: async () => (await import("./json.js")).formatJson,
  csv: async () => (await import("./csv.js")).formatCsv,
  sarif: async () => (await import("./sarif.js")).formatSarif,
  junit: async () => (await import("./junit.js")).formatJunit,
  github: async () => (await import("./github.js")).formatGithub,
  markdown: async () => (await import("./markdown.js")).formatMarkdown,
  html: async () => (await import("./html/index.js")).formatHtml,
} satisfies Record<string, () => Promise<Formatter>>;

export type FormatName = keyof typeof loaders;
export const formatNames = Object.keys(loaders) as FormatName[];

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return loaders[name]();
}
