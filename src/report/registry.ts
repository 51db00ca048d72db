import type { Severity } from "../model/pack.js";
import type { Finding, Report, ReportHead } from "../model/report.js";
import type { Lang } from "../model/text.js";
import type { Comparison } from "./compare.js";
import {
  HTML_FINDINGS,
  MARKDOWN_FINDINGS,
  TABLE_FINDINGS_PER_RULE,
  XLSX_FINDINGS_PER_RULE,
} from "./limits.js";
import type { Worklist } from "./retrofit.js";

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
  /** table: findings not handed to the format at all, by rule (a large run keeps only the first). */
  hiddenFindings?: Readonly<Record<string, number>>;
}

/**
 * A whole text, or its pieces in order for outputs too large to hold as one string. A piece of
 * bytes may be a buffer that is filled again once the next piece is taken: write it, or copy it,
 * before asking for the next.
 */
export type FormatOutput = string | Iterable<string | Uint8Array>;

/** A text format: the output at once. */
export type TextFormatter = (report: Report, options: FormatOptions) => FormatOutput;

/** Any format; one made of bytes that take time to pack (a workbook) returns a promise of them. */
export type Formatter = (
  report: Report,
  options: FormatOptions,
) => FormatOutput | Promise<FormatOutput>;

export type { ReportHead };

/**
 * A format that can be written while the records are still being read: each finding's text is
 * made where the finding is made (on any thread) and set aside; the document is put around
 * those texts once the counts are known. Its formatter is `document` over `findingText`, so the
 * streamed output and the whole-report output are the same bytes.
 */
export interface StreamingFormat {
  /** What goes between the texts of two findings. */
  separator: string;
  findingText(finding: Finding, head: ReportHead, options: FormatOptions): string;
  /** `blocks` are the findings' texts in order, each block already joined by `separator`. */
  document(report: Report, blocks: Iterable<TextBlock>, options: FormatOptions): FormatOutput;
}

/** Findings' texts joined by the format's separator: one string, or a spool's bytes in pieces. */
export type TextBlock = string | Iterable<Uint8Array>;

/** The blocks' contents with the separator between blocks, as one stream of pieces. */
export function* joinBlocks(
  blocks: Iterable<TextBlock>,
  separator: string,
): Generator<string | Uint8Array> {
  let first = true;
  for (const block of blocks) {
    if (!first && separator) yield separator;
    first = false;
    if (typeof block === "string") yield block;
    else yield* block;
  }
}

/** The whole-report formatter of a streaming format. */
export function wholeReport(format: StreamingFormat): TextFormatter {
  return (report, options) =>
    format.document(
      report,
      report.findings.length === 0
        ? []
        : [
            report.findings
              .map((finding) => format.findingText(finding, report, options))
              .join(format.separator),
          ],
      options,
    );
}

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
    const { worklistTable } = await import("./retrofit.js");
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
    const { comparisonTable } = await import("./compare.js");
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
