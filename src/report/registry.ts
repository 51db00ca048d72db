import type { Report } from "../model/report.js";
import type { Lang } from "../model/text.js";

/** A format is a function of the finished report (ESLint-formatter style), loaded when used. */
export interface FormatOptions {
  lang: Lang;
  color: boolean;
  maxFindingsPerRule?: number;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

const loaders = {
  table: async () => (await import("./table.js")).formatTable,
  json: async () => (await import("./json.js")).formatJson,
} satisfies Record<string, () => Promise<Formatter>>;

export type FormatName = keyof typeof loaders;
export const formatNames = Object.keys(loaders) as FormatName[];

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return loaders[name]();
}
