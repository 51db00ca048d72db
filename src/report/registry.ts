import type { Lang } from "../model/text.js";
import type { Comparison } from "./compare.js";
import type { FormatOutput, Formatter, StreamingFormat } from "./format.js";
import {
  HTML_FINDINGS,
  MARKDOWN_FINDINGS,
  TABLE_FINDINGS_PER_RULE,
  XLSX_FINDINGS_PER_RULE,
} from "./limits.js";
import type { Worklist } from "./retrofit.js";

/**
 * The formats of every command, each loaded when asked for. What a format is (its options, its
 * output, a streaming format's pieces) is in format.ts, which a format imports; this file is
 * the list, which only the commands import.
 */
export * from "./format.js";

const loaders = {
  table: async () => (await import("./table.js")).formatTable,
  json: async () => (await import("./json.js")).formatJson,
  csv: async () => (await import("./csv.js")).formatCsv,
  sarif: async () => (await import("./sarif.js")).formatSarif,
  junit: async () => (await import("./junit.js")).formatJunit,
  github: async () => (await import("./github.js")).formatGithub,
  markdown: async () => (await import("./markdown.js")).formatMarkdown,
  html: async () => (await import("./html/index.js")).formatHtml,
  xlsx: async () => (await import("./xlsx.js")).formatXlsx,
} satisfies Record<string, () => Promise<Formatter>>;

export type FormatName = keyof typeof loaders;
export const formatNames = Object.keys(loaders) as FormatName[];

/**
 * What each format needs of a run, declared once: whether it streams every finding through a
 * spool (`streams`), how many findings of each rule it lists itself and so needs kept in memory
 * (`lists`, given --max-findings), the rules whose every finding it needs kept (`keepsWhole`), and
 * whether it takes a case per record (`perRecord`, JUnit). Adding a format is a module, a loader
 * above and a line here; the check command plans its run from these alone (outputPlan).
 */
export interface FormatNeeds {
  streams: boolean;
  lists: (maxFindings: number | undefined) => number;
  keepsWhole?: readonly string[];
  perRecord?: boolean;
  /** Bytes, not text: never written to a terminal. */
  binary?: boolean;
}

const listsNone = () => 0;

export const formatNeeds: Record<FormatName, FormatNeeds> = {
  table: { streams: false, lists: (max) => max ?? TABLE_FINDINGS_PER_RULE },
  json: { streams: true, lists: listsNone },
  csv: { streams: true, lists: listsNone },
  sarif: { streams: true, lists: listsNone },
  junit: { streams: false, lists: listsNone, perRecord: true },
  github: { streams: true, lists: listsNone },
  markdown: { streams: false, lists: (max) => max ?? MARKDOWN_FINDINGS },
  // The retrofit worklist in the page needs every eligible community.
  html: {
    streams: false,
    lists: (max) => Math.max(max ?? 0, HTML_FINDINGS),
    keepsWhole: ["old-town-retrofit"],
  },
  xlsx: { streams: false, lists: (max) => max ?? XLSX_FINDINGS_PER_RULE, binary: true },
};

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return loaders[name]();
}

const streamingLoaders = {
  json: async () => (await import("./json.js")).jsonFormat,
  csv: async () => (await import("./csv.js")).csvFormat,
  sarif: async () => (await import("./sarif.js")).sarifFormat,
  github: async () => (await import("./github.js")).githubFormat,
} satisfies Partial<Record<FormatName, () => Promise<StreamingFormat>>>;

export type StreamingFormatName = keyof typeof streamingLoaders;

export function isStreaming(name: FormatName): name is StreamingFormatName {
  return name in streamingLoaders;
}

export function loadStreamingFormat(name: StreamingFormatName): Promise<StreamingFormat> {
  return streamingLoaders[name]();
}

/** How a view of the report (the worklist, a comparison) is rendered: language, and colour. */
export interface ViewOptions {
  lang: Lang;
  color: boolean;
}

export type ViewRenderer<V> = (view: V, options: ViewOptions) => Promise<FormatOutput>;

/**
 * The formats of `retrofit`'s worklist, each loaded when asked for: adding one is a renderer
 * and a line here; the command offers what this lists, and `binary` says which never go to a
 * terminal.
 */
const worklistLoaders = {
  table: async () => {
    const { worklistTable } = await import("./retrofit-table.js");
    return async (worklist, options) => worklistTable(worklist, options);
  },
  csv: async () => {
    const { worklistCsv } = await import("./retrofit.js");
    return async (worklist, options) => worklistCsv(worklist, options.lang);
  },
  json: async () => {
    const { worklistJson } = await import("./retrofit.js");
    return async (worklist) => worklistJson(worklist);
  },
  markdown: async () => {
    const { worklistMarkdown } = await import("./retrofit.js");
    return async (worklist, options) => worklistMarkdown(worklist, options.lang);
  },
  html: async () => {
    const { worklistHtml } = await import("./html/index.js");
    return async (worklist, options) => worklistHtml(worklist, options.lang);
  },
  xlsx: async () => {
    const { worklistXlsx } = await import("./retrofit-xlsx.js");
    return async (worklist, options) => [await worklistXlsx(worklist, options.lang)];
  },
} satisfies Record<string, () => Promise<ViewRenderer<Worklist>>>;

export type WorklistFormat = keyof typeof worklistLoaders;
export const worklistFormats = Object.keys(worklistLoaders) as WorklistFormat[];
export const loadWorklistRenderer = (format: WorklistFormat) => worklistLoaders[format]();

/** The formats of `compare`'s comparison, as the worklist's. */
const comparisonLoaders = {
  table: async () => {
    const { comparisonTable } = await import("./compare-table.js");
    return async (comparison, options) => comparisonTable(comparison, options);
  },
  json: async () => {
    const { comparisonJson } = await import("./compare.js");
    return async (comparison) => comparisonJson(comparison);
  },
  markdown: async () => {
    const { comparisonMarkdown } = await import("./compare.js");
    return async (comparison, options) => comparisonMarkdown(comparison, options.lang);
  },
  html: async () => {
    const { comparisonHtml } = await import("./compare.js");
    return async (comparison, options) => comparisonHtml(comparison, options.lang);
  },
} satisfies Record<string, () => Promise<ViewRenderer<Comparison>>>;

export type ComparisonFormat = keyof typeof comparisonLoaders;
export const comparisonFormats = Object.keys(comparisonLoaders) as ComparisonFormat[];
export const loadComparisonRenderer = (format: ComparisonFormat) => comparisonLoaders[format]();

/** Formats whose output is bytes, never written to a terminal, whatever the command. */
export function isBinaryFormat(format: string): boolean {
  return (formatNeeds as Record<string, FormatNeeds | undefined>)[format]?.binary === true;
}
