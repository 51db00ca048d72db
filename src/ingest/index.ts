import { readFile, stat } from "node:fs/promises";
import { columnsByKind, type RecordKind, recordKinds } from "../model/columns.js";
import { type InputProblem, phrase, problem, problemPhrases } from "../model/errors.js";
import type { InputBase, ParsedInput } from "../model/input.js";
import type { Center, Estate, Located } from "../model/records.js";
import { joinLocalized, type Localized } from "../model/text.js";
import { decode, decodeLeniently, type EncodingChoice, TextTooLargeError } from "./decode.js";
import type { HeaderChoice, HeaderQuality } from "./header-row.js";
import {
  type ColumnBinding,
  type ColumnMap,
  detectKind,
  matchColumn,
  matchHeaders,
  normalizeHeader,
  suggestHeaders,
} from "./headers.js";
import { recordBuilder, type UndecodableCells } from "./records.js";
import {
  type Delimiter,
  type Row,
  type ScanResult,
  scanTable,
  type TableOptions,
} from "./table.js";

export type {
  CenterInput,
  EstateInput,
  ParsedInput,
  UnknownInput,
} from "../model/input.js";
export { type EncodingChoice, encodings } from "./decode.js";

export interface IngestOptions {
  encoding: EncodingChoice;
  /** Force the kind instead of guessing it from the headers. */
  kind?: RecordKind;
  /** Longest record, in characters. */
  maxRecordSize: number;
  /** Largest file, in bytes: a whole file is decoded at once, and must fit in one string. */
  maxFileSize: number;
  /** The user's own header names (see ColumnMap). */
  columnMap?: ColumnMap;
  /** --header-row: the header's line, instead of finding it. */
  headerLine?: number;
  /** --fill-down: columns (as headers or canonical names) whose blank cells take the value above. */
  fillDown?: readonly string[];
  /** --sheet (repeatable): workbook sheets, by name or position (1 = the first tab). */
  sheet?: readonly string[];
  /** --later-files-replace: a record id repeated in a later input replaces the earlier row. */
  laterFilesReplace?: boolean;
  onProgress?: TableOptions["onProgress"];
}

/** How files are read, whatever reads them (the whole-file road, the streaming plan, a command). */
export type ReadingOptions = Omit<IngestOptions, "kind" | "onProgress">;

export const defaultIngestOptions: IngestOptions = {
  encoding: "auto",
  maxRecordSize: 1_048_576,
  maxFileSize: 256 * 1024 * 1024,
};

/** Files people send instead of CSV: an Excel workbook, an archive, other binary data. */
export function sniffBinary(bytes: Uint8Array): { what: Localized } | null {
  const starts = (...magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    return {
      what: phrase("notCsvWorkbook"),
    };
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    return {
      what: phrase("notCsvOldWorkbook"),
    };
  }
  if (starts(0x1f, 0x8b)) {
    return {
      what: phrase("notCsvGzip"),
    };
  }
  const utf16 = starts(0xff, 0xfe) || starts(0xfe, 0xff);
  if (!utf16 && bytes.subarray(0, 8192).includes(0)) {
    return {
      what: phrase("notCsvBinary"),
    };
  }
  return null;
}

export function unusable(
  file: string,
  problems: InputProblem[],
  known: Partial<InputBase> & { kind?: RecordKind | null } = {},
): ParsedInput {
  return {
    file,
    encoding: null,
    delimiter: null,
    columns: [],
    headerLine: 1,
    unknownHeaders: [],
    rowsRead: 0,
    rejected: 0,
    skipped: 0,
    kind: null,
    leftOut: { byCommunity: new Map(), unattributed: 0 },
    ...known,
    usable: false,
    records: [],
    problems,
  } as ParsedInput;
}

function headerList(kind: RecordKind): string {
  return columnsByKind[kind]
    .filter((column) => column.required)
    .map((column) => `${column.canonical}/${column.zh[0]}`)
    .join(", ");
}

export function ingestBytes(
  bytes: Uint8Array,
  file: string,
  options: IngestOptions = defaultIngestOptions,
): ParsedInput {
  const binary = sniffBinary(bytes);
  if (binary) return unusable(file, [problem("not-csv", file, { line: 1, data: { ...binary } })]);
  let decoded: ReturnType<typeof decode>;
  try {
    decoded = decode(bytes, options.encoding);
  } catch (error) {
    if (!(error instanceof TextTooLargeError)) throw error;
    return unusable(file, [
      problem("file-too-large", file, { data: { size: bytes.length, limit: options.maxFileSize } }),
    ]);
  }
  let text: string;
  let undecodable: Undecodable | undefined;
  if (decoded.ok) text = decoded.text;
  else {
    // Read on with the bytes it refuses marked: only the rows whose cells hold them are lost,
    // unless the header does (then the file is unusable, as before).
    const refused = problem("encoding-error", file, {
      line: decoded.line,
      data: { offset: decoded.offset, encoding: decoded.encoding },
    });
    const lenient = decodeLeniently(bytes, decoded.encoding);
    if (lenient === null) return unusable(file, [refused]);
    text = lenient;
    undecodable = {
      encoding: decoded.encoding,
      refused,
      notice: { ...refused, code: "undecodable-bytes" },
    };
  }
  return ingestScanned(
    file,
    { encoding: decoded.encoding },
    options,
    (onHeader) =>
      scanTable(
        text,
        {
          maxRecordSize: options.maxRecordSize,
          headerQuality: headerQuality(file, options),
          ...(options.headerLine !== undefined ? { headerLine: options.headerLine } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        },
        onHeader,
      ),
    undecodable,
  );
}

/** Bytes an encoding refused, read past (see ingestBytes). */
export interface Undecodable extends UndecodableCells {
  /** The file-level error to give if the header itself holds them. */
  refused: InputProblem;
  /** Said once when rows were read past them (a text file's undecodable-bytes). */
  notice?: InputProblem;
}

/**
 * Rows, however they were read (text by scanTable, a sheet's cells by scanRows), to records:
 * the header analysed, every row a record, a rejected row or a skipped one.
 */
export function ingestScanned(
  file: string,
  known: { encoding: string | null; sheet?: string },
  options: IngestOptions,
  scan: (onHeader: (header: Row, delimiter: Delimiter) => (row: Row) => void) => ScanResult,
  undecodable?: Undecodable,
): ParsedInput {
  const reader = scannedReader(file, known, options, undecodable);
  return reader.finish(scan(reader.onHeader));
}

/**
 * ingestScanned in two halves, for rows that come one at a time: `onHeader` is handed to the
 * table's header search (it makes the record builder for the header it is given, and says what
 * it made of it), `finish` makes the input of the table's outcome. With `onRecord`, each valid
 * record is handed on as it is made and the input holds none (a sheet read as it inflates).
 */
export function scannedReader(
  file: string,
  known: { encoding: string | null; sheet?: string },
  options: IngestOptions,
  undecodable?: Undecodable,
  onRecord?: (line: number, record: Estate | Center) => void,
  onAnalysed?: (header: HeaderAnalysis) => void,
): {
  onHeader: (header: Row, delimiter: Delimiter) => (row: Row) => void;
  finish: (table: ScanResult) => ParsedInput;
} {
  let header: HeaderAnalysis | undefined;
  let builder: ReturnType<typeof recordBuilder> | undefined;
  let spoiltHeader = false;
  const onHeader = (headerRow: Row, delimiter: Delimiter) => {
    header = analyseHeader(headerRow, delimiter, file, options.kind, options.columnMap);
    onAnalysed?.(header);
    if (undecodable && headerRow.fields.some((field) => field.includes("\uFFFD"))) {
      spoiltHeader = true;
      return () => {};
    }
    if (!header.usable) return () => {};
    const rowBuilder = recordBuilder(
      header.kind,
      file,
      headerRow.fields.length,
      header.bindings,
      onRecord,
      0,
      fillDownColumns(header.bindings, options.fillDown ?? []),
      undecodable,
    );
    builder = rowBuilder;
    return rowBuilder.add;
  };
  const finish = (table: ScanResult): ParsedInput => {
    if (undecodable && (spoiltHeader || !table.ok)) return unusable(file, [undecodable.refused]);
    if (!table.ok) {
      if (table.kind === "empty")
        return unusable(file, [problem("empty-file", file, { line: 1 })], known);
      if (table.kind === "too-large") {
        return unusable(
          file,
          [problem("record-too-large", file, { line: table.line, data: { limit: table.limit } })],
          known,
        );
      }
      return unusable(
        file,
        [
          problem("malformed-csv", file, {
            line: table.line,
            data: { reason: table.reason },
          }),
        ],
        known,
      );
    }

    // A sheet has cells, not a delimiter.
    const withDelimiter = {
      ...known,
      delimiter: known.sheet === undefined ? table.delimiter : null,
      rowsRead: table.rowCount,
    };
    if (!header?.usable || !builder) {
      // A file whose columns cannot be trusted has every row rejected, so the count still adds up.
      return {
        ...unusable(file, header && !header.usable ? header.problems : [], {
          ...withDelimiter,
          columns: header?.columns ?? [],
          kind: header?.kind ?? null,
        }),
        rejected: table.rowCount,
      } as ParsedInput;
    }
    builder.flush();
    const converted = builder.result;
    const base = {
      file,
      ...withDelimiter,
      usable: true,
      columns: header.columns,
      headerLine: header.headerLine,
      unknownHeaders: header.unknownHeaders,
      rejected: converted.rejected,
      skipped: converted.skipped,
      problems: [
        ...(undecodable?.notice ? [undecodable.notice] : []),
        ...headerRowNotices(table.choice, file),
        ...header.notices,
        ...converted.problems,
      ],
    };
    return header.kind === "estate"
      ? {
          ...base,
          kind: "estate",
          records: converted.records as Located<Estate>[],
          leftOut: converted.leftOut,
        }
      : {
          ...base,
          kind: "center",
          records: converted.records as Located<Center>[],
          refused: converted.refused,
        };
  };
  return { onHeader, finish };
}

/** The canonical columns --fill-down names, by header as written or canonical name. */
export function fillDownColumns(
  bindings: readonly ColumnBinding[],
  names: readonly string[],
): Set<string> {
  const wanted = new Set(names.map(normalizeHeader));
  return new Set(
    bindings
      .filter(
        (binding) =>
          wanted.has(normalizeHeader(binding.header)) ||
          wanted.has(normalizeHeader(binding.column.canonical)),
      )
      .map((binding) => binding.column.canonical),
  );
}

/** How well a row would do as the header of this file (see header-row.ts). */
export function headerQuality(
  file: string,
  options: Pick<IngestOptions, "kind" | "columnMap">,
): HeaderQuality {
  const quality: HeaderQuality = (fields) => {
    const analysis = analyseHeader(
      { line: 0, fields: [...fields] },
      ",",
      file,
      options.kind,
      options.columnMap,
    );
    return { usable: analysis.usable, score: analysis.columns.length };
  };
  quality.knows = (header) =>
    (options.kind ? [options.kind] : recordKinds).some(
      (kind) => matchColumn(kind, header, options.columnMap) !== undefined,
    );
  return quality;
}

/** A notice when the header is not simply the first row: where it was found, and why. */
export function headerRowNotices(choice: HeaderChoice, file: string): InputProblem[] {
  if (choice.above.length === 0 && !choice.combined) return [];
  const how = {
    first: "",
    found: "",
    guess: phrase("headerGuessed"),
    given: phrase("headerGiven"),
    combined: phrase("headerCombined", {
      above: choice.header.line - 1,
      line: choice.header.line,
    }),
  }[choice.how];
  return [
    problem("header-row", file, {
      line: choice.header.line,
      data: { above: choice.above.length, how },
    }),
  ];
}

/** "; '交房时间' may be 交付日期 / estate_delivery_date (map it with --columns)", in both languages. */
function didYouMean(suggestions: Array<{ header: string; column: string }>): {
  hint: Localized | "";
} {
  if (suggestions.length === 0) return { hint: "" };
  const named = (column: string) =>
    `${allColumns.find((spec) => spec.canonical === column)?.zh[0] ?? column} / ${column}`;
  const each = suggestions.map((item) =>
    phrase("headerSuggestion", { header: item.header, column: named(item.column) }),
  );
  return {
    hint: phrase("headerSuggestions", {
      suggestions: joinLocalized(each, problemPhrases.suggestionSeparator),
    }),
  };
}

const allColumns = recordKinds.flatMap((kind) => columnsByKind[kind]);

export type HeaderAnalysis =
  | { usable: false; kind: RecordKind | null; columns: string[]; problems: InputProblem[] }
  | {
      usable: true;
      kind: RecordKind;
      columns: string[];
      bindings: ColumnBinding[];
      notices: InputProblem[];
      headerLine: number;
      unknownHeaders: string[];
    };

/** What the header row says: the file's kind, where each column is, and what is wrong. */
export function analyseHeader(
  headerRow: Row,
  delimiter: string,
  file: string,
  forcedKind: RecordKind | undefined,
  columnMap: ColumnMap = {},
): HeaderAnalysis {
  const headers = headerRow.fields;
  const kind = forcedKind ?? detectKind(headers, columnMap);
  if (!kind) {
    return {
      usable: false,
      kind: null,
      columns: [],
      problems: [
        problem("unknown-kind", file, {
          line: headerRow.line,
          value: headers.join(delimiter),
          data: { estateHeaders: headerList("estate"), centerHeaders: headerList("center") },
        }),
      ],
    };
  }
  const match = matchHeaders(kind, headers, columnMap);
  const headerProblems: InputProblem[] = [
    ...match.missing.map((column) =>
      problem("missing-column", file, {
        line: headerRow.line,
        column: column.canonical,
        data: {
          zhName: column.zh[0] ?? column.canonical,
          ...didYouMean(suggestHeaders(kind, match.unknown, [column.canonical])),
        },
      }),
    ),
    ...match.duplicates.map((duplicate) =>
      problem("duplicate-column", file, {
        line: headerRow.line,
        column: duplicate.column.canonical,
        header: duplicate.header,
        data: { firstHeader: duplicate.firstHeader },
      }),
    ),
  ];
  const notices: InputProblem[] =
    match.unknown.length > 0
      ? [
          problem("unknown-column", file, {
            line: headerRow.line,
            data: {
              headers: match.unknown.join(", "),
              ...didYouMean(
                suggestHeaders(
                  kind,
                  match.unknown,
                  columnsByKind[kind]
                    .map((column) => column.canonical)
                    .filter(
                      (canonical) =>
                        !match.bindings.some((binding) => binding.column.canonical === canonical),
                    ),
                ),
              ),
            },
          }),
        ]
      : [];
  const columns = match.bindings.map((binding) => binding.column.canonical);
  if (headerProblems.length > 0) {
    return { usable: false, kind, columns, problems: [...headerProblems, ...notices] };
  }
  return {
    usable: true,
    kind,
    columns,
    bindings: match.bindings,
    notices,
    headerLine: headerRow.line,
    unknownHeaders: match.unknown,
  };
}
/** Reads a file from disk; every way that can fail is a coded problem, not an exception. */
export async function ingestFile(
  path: string,
  options: IngestOptions = defaultIngestOptions,
): Promise<ParsedInput> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isFile() && info.size > options.maxFileSize) {
      return unusable(path, [
        problem("file-too-large", path, { data: { size: info.size, limit: options.maxFileSize } }),
      ]);
    }
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return unusable(path, [problem("file-not-found", path)]);
    const reason =
      code === "EISDIR"
        ? "is a directory"
        : code === "EACCES"
          ? "permission denied"
          : (code ?? String(error));
    return unusable(path, [problem("unreadable-file", path, { data: { reason } })]);
  }
  return ingestBytes(bytes, path, options);
}
