import type { Severity } from "../model/pack.js";
import type { Finding, Report, ReportHead } from "../model/report.js";
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
