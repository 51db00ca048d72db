import type { Report } from "../model/report.js";
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

/**
 * What each format needs of a `check` run, declared once: whether it streams every finding
 * through a spool (`streams`), how many findings of each rule it lists itself and so needs kept
 * in memory (`lists`, given --max-findings), the rules whose every finding it needs kept
 * (`keepsWhole`), and whether it takes a case per record (`perRecord`, JUnit). The check command
 * plans its run from these alone (outputPlan).
 */
export interface FormatNeeds {
  streams: boolean;
  lists: (maxFindings: number | undefined) => number;
  keepsWhole?: readonly string[];
  perRecord?: boolean;
  /** Bytes, not text: never written to a terminal. */
  binary?: boolean;
}

/** How a view of the run (the worklist, a comparison, a validation) is rendered. */
export interface ViewOptions {
  lang: Lang;
  color: boolean;
}

export type ViewRenderer<V> = (view: V, options: ViewOptions) => Promise<FormatOutput>;

/** What `validate` shows: every input and what could not be read, nothing judged. */
export interface Validation {
  inputs: Report["inputs"];
  inputErrors: Report["inputErrors"];
  notices: Report["notices"];
}

/**
 * One entry per format, for every command: what it renders for each (`check`'s report, with its
 * needs, and a streaming form if it has one; `retrofit`'s worklist; `compare`'s comparison;
 * `validate`'s inputs), each loaded only when asked for. A command offers the formats that
 * render its view. Adding a format is its module and an entry here.
 */
interface FormatEntry {
  check?: { needs: FormatNeeds; load: () => Promise<Formatter> };
  streaming?: () => Promise<StreamingFormat>;
  worklist?: () => Promise<ViewRenderer<Worklist>>;
  comparison?: () => Promise<ViewRenderer<Comparison>>;
  validation?: () => Promise<ViewRenderer<Validation>>;
}

const listsNone = () => 0;

const formats = {
  table: {
    check: {
      needs: { streams: false, lists: (max) => max ?? TABLE_FINDINGS_PER_RULE },
      load: async () => (await import("./table.js")).formatTable,
    },
    worklist: async () => {
      const { worklistTable } = await import("./retrofit-table.js");
      return async (worklist, options) => worklistTable(worklist, options);
    },
    comparison: async () => {
      const { comparisonTable } = await import("./compare-table.js");
      return async (comparison, options) => comparisonTable(comparison, options);
    },
    validation: async () => {
      const { validationTable } = await import("./terminal.js");
      return async (validation, options) => validationTable(validation, options);
    },
  },
  json: {
    check: {
      needs: { streams: true, lists: listsNone },
      load: async () => (await import("./json.js")).formatJson,
    },
    streaming: async () => (await import("./json.js")).jsonFormat,
    worklist: async () => {
      const { worklistJson } = await import("./retrofit.js");
      return async (worklist) => worklistJson(worklist);
    },
    comparison: async () => {
      const { comparisonJson } = await import("./compare.js");
      return async (comparison) => comparisonJson(comparison);
    },
    validation: async () => async (validation) => `${JSON.stringify(validation, null, 2)}\n`,
  },
  csv: {
    check: {
      needs: { streams: true, lists: listsNone },
      load: async () => (await import("./csv.js")).formatCsv,
    },
    streaming: async () => (await import("./csv.js")).csvFormat,
    worklist: async () => {
      const { worklistCsv } = await import("./retrofit.js");
      return async (worklist, options) => worklistCsv(worklist, options.lang);
    },
  },
  sarif: {
    check: {
      needs: { streams: true, lists: listsNone },
      load: async () => (await import("./sarif.js")).formatSarif,
    },
    streaming: async () => (await import("./sarif.js")).sarifFormat,
  },
  junit: {
    check: {
      needs: { streams: false, lists: listsNone, perRecord: true },
      load: async () => (await import("./junit.js")).formatJunit,
    },
  },
  github: {
    check: {
      needs: { streams: true, lists: listsNone },
      load: async () => (await import("./github.js")).formatGithub,
    },
    streaming: async () => (await import("./github.js")).githubFormat,
  },
  markdown: {
    check: {
      needs: { streams: false, lists: (max) => max ?? MARKDOWN_FINDINGS },
      load: async () => (await import("./markdown.js")).formatMarkdown,
    },
    worklist: async () => {
      const { worklistMarkdown } = await import("./retrofit.js");
      return async (worklist, options) => worklistMarkdown(worklist, options.lang);
    },
    comparison: async () => {
      const { comparisonMarkdown } = await import("./compare.js");
      return async (comparison, options) => comparisonMarkdown(comparison, options.lang);
    },
  },
  html: {
    check: {
      // The retrofit worklist in the page needs every eligible community.
      needs: {
        streams: false,
        lists: (max) => Math.max(max ?? 0, HTML_FINDINGS),
        keepsWhole: ["old-town-retrofit"],
      },
      load: async () => (await import("./html/index.js")).formatHtml,
    },
    worklist: async () => {
      const { worklistHtml } = await import("./html/index.js");
      return async (worklist, options) => worklistHtml(worklist, options.lang);
    },
    comparison: async () => {
      const { comparisonHtml } = await import("./compare.js");
      return async (comparison, options) => comparisonHtml(comparison, options.lang);
    },
  },
  xlsx: {
    check: {
      needs: { streams: false, lists: (max) => max ?? XLSX_FINDINGS_PER_RULE, binary: true },
      load: async () => (await import("./xlsx.js")).formatXlsx,
    },
    worklist: async () => {
      const { worklistXlsx } = await import("./retrofit-xlsx.js");
      return async (worklist, options) => [await worklistXlsx(worklist, options.lang)];
    },
  },
} satisfies Record<string, FormatEntry>;

type Formats = typeof formats;
/** The formats whose entry renders `view`. */
type Offering<View extends keyof FormatEntry> = {
  [Name in keyof Formats]: Formats[Name] extends Record<View, unknown> ? Name : never;
}[keyof Formats];

function offering<View extends keyof FormatEntry>(view: View): Array<Offering<View>> {
  return (Object.keys(formats) as Array<keyof Formats>).filter(
    (name) => (formats[name] as FormatEntry)[view] !== undefined,
  ) as Array<Offering<View>>;
}

export type FormatName = Offering<"check">;
export const formatNames = offering("check");
export const formatNeeds = Object.fromEntries(
  formatNames.map((name) => [name, formats[name].check.needs]),
) as Record<FormatName, FormatNeeds>;

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return formats[name].check.load();
}

export type StreamingFormatName = Offering<"streaming">;

export function isStreaming(name: FormatName): name is StreamingFormatName {
  return (formats[name] as FormatEntry).streaming !== undefined;
}

export function loadStreamingFormat(name: StreamingFormatName): Promise<StreamingFormat> {
  return formats[name].streaming();
}

export type WorklistFormat = Offering<"worklist">;
export const worklistFormats = offering("worklist");
export const loadWorklistRenderer = (format: WorklistFormat) => formats[format].worklist();

export type ComparisonFormat = Offering<"comparison">;
export const comparisonFormats = offering("comparison");
export const loadComparisonRenderer = (format: ComparisonFormat) => formats[format].comparison();

export type ValidationFormat = Offering<"validation">;
export const validationFormats = offering("validation");
export const loadValidationRenderer = (format: ValidationFormat) => formats[format].validation();

/** Formats whose output is bytes, never written to a terminal, whatever the command. */
export function isBinaryFormat(format: string): boolean {
  const entry = (formats as Record<string, FormatEntry>)[format];
  return entry?.check?.needs.binary === true;
}
