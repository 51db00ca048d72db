import { type ColumnSpec, columnsByKind, type RecordKind, recordKinds } from "../model/columns.js";
import { label } from "../model/labels.js";
import type { Lang } from "../model/text.js";

/**
 * Header matching. Offices write the same column many ways: "社区用房面积(㎡)", "Area (m2)",
 * full-width letters, stray spaces, a header broken over two lines with Alt+Enter. Matching
 * folds those differences away (white space, underscores and hyphens go altogether), but never
 * a bracket that is part of the name, such as 所属区(市).
 */
const unitSuffix = /\((?:单位[:：]?)?(?:m2|m\^2|平方米|平米|户|个|期|sqm|sq\.?m|元|万元|年月日)\)$/;

export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_-]+/g, "")
    .replace(/[[【〔]/g, "(")
    .replace(/[\]】〕]/g, ")")
    .replace(unitSuffix, "");
}

const lookup: Record<RecordKind, Map<string, ColumnSpec>> = {
  estate: new Map(),
  center: new Map(),
};
for (const kind of recordKinds) {
  for (const column of columnsByKind[kind]) {
    for (const name of [column.canonical, ...column.zh]) {
      lookup[kind].set(normalizeHeader(name), column);
    }
  }
}

/** Columns that only one kind has; their presence tells the kinds apart. */
const signatureColumns: Record<RecordKind, readonly string[]> = {
  estate: ["estate_id", "community_space_area", "land_transfer_date", "phases"],
  center: ["community_type", "office_area", "zone", "public_service_area"],
};

/**
 * A user's own names for columns (`--columns FILE`, a pack's `columns`): a header as written in
 * their forms, to the canonical name of the column it holds.
 */
export type ColumnMap = Readonly<Record<string, string>>;

export function matchColumn(
  kind: RecordKind,
  header: string,
  columnMap: ColumnMap = {},
): ColumnSpec | undefined {
  const key = normalizeHeader(header);
  for (const [name, canonical] of Object.entries(columnMap)) {
    if (normalizeHeader(name) !== key) continue;
    const mapped = columnsByKind[kind].find((column) => column.canonical === canonical);
    if (mapped) return mapped;
  }
  return lookup[kind].get(key);
}

/** Every canonical column name of either kind, for checking a column map. */
export const canonicalNames: ReadonlySet<string> = new Set(
  recordKinds.flatMap((kind) => columnsByKind[kind].map((column) => column.canonical)),
);

/** What is wrong with a column map: each entry naming no column of either kind. */
/**
 * A column map file's JSON as `--columns` takes it (the map itself, or an object holding it as
 * `columns`): the map, or undefined when it is not an object of header to column name.
 */
export function columnMapOf(json: unknown): ColumnMap | undefined {
  const map =
    json !== null && typeof json === "object" && "columns" in json
      ? (json as { columns: unknown }).columns
      : json;
  if (
    map === null ||
    typeof map !== "object" ||
    Array.isArray(map) ||
    Object.values(map).some((value) => typeof value !== "string")
  ) {
    return undefined;
  }
  return map as ColumnMap;
}

export function columnMapProblems(columnMap: ColumnMap, lang: Lang = "en"): string[] {
  const wrong = Object.entries(columnMap).filter(([, canonical]) => !canonicalNames.has(canonical));
  if (wrong.length === 0) return [];
  // A map of thousands of wrong entries still makes one readable line.
  const shown = wrong.slice(0, 5).map(([header, canonical]) =>
    label("noSuchColumn", lang, {
      header: JSON.stringify(clip(header)),
      column: clip(canonical),
    }),
  );
  const more = wrong.length > 5 ? [label("andMore", lang, { count: wrong.length - 5 })] : [];
  const known = [...canonicalNames].join(", ");
  return [...shown, ...more, label("knownColumns", lang, { known })];
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function detectKind(
  headers: readonly string[],
  columnMap: ColumnMap = {},
): RecordKind | null {
  const score = (kind: RecordKind) =>
    headers.filter((header) =>
      signatureColumns[kind].includes(matchColumn(kind, header, columnMap)?.canonical ?? ""),
    ).length;
  const estate = score("estate");
  const center = score("center");
  if (estate === center) return null;
  return estate > center ? "estate" : "center";
}

/** Columns every form has that hold no data of a record: read past without a notice. */
const formColumns = new Set(["序号", "序", "no", "no.", "备注", "说明", "#"].map(normalizeHeader));

export interface ColumnBinding {
  column: ColumnSpec;
  index: number;
  header: string;
}

export interface HeaderMatch {
  bindings: ColumnBinding[];
  missing: ColumnSpec[];
  duplicates: Array<{ column: ColumnSpec; firstHeader: string; header: string }>;
  unknown: string[];
}

export function matchHeaders(
  kind: RecordKind,
  headers: readonly string[],
  columnMap: ColumnMap = {},
): HeaderMatch {
  const found = new Map<string, ColumnBinding>();
  const result: HeaderMatch = { bindings: [], missing: [], duplicates: [], unknown: [] };
  headers.forEach((header, index) => {
    const column = matchColumn(kind, header, columnMap);
    if (!column) {
      if (header.trim() !== "" && !formColumns.has(normalizeHeader(header))) {
        result.unknown.push(header);
      }
      return;
    }
    const first = found.get(column.canonical);
    if (first) {
      result.duplicates.push({ column, firstHeader: first.header, header });
      return;
    }
    const binding = { column, index, header };
    found.set(column.canonical, binding);
    result.bindings.push(binding);
  });
  result.missing = columnsByKind[kind].filter(
    (column) => column.required && !found.has(column.canonical),
  );
  return result;
}

/** Characters of a normalised header, with words that mean the same made the same. */
function characters(header: string): Set<string> {
  return new Set(
    normalizeHeader(header)
      .replace(/时间/g, "日期")
      .replace(/\(.*\)$/, ""),
  );
}

function likeness(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const character of a) if (b.has(character)) shared++;
  return (2 * shared) / (a.size + b.size || 1);
}

/**
 * Which of a file's unrecognised headers look like the columns a rule lacked: for each header,
 * the wanted column whose names share most of its characters, when they share at least half.
 */
export function suggestHeaders(
  kind: RecordKind,
  unknownHeaders: readonly string[],
  wanted: readonly string[],
): Array<{ header: string; column: string }> {
  const columns = columnsByKind[kind].filter((column) => wanted.includes(column.canonical));
  const suggestions: Array<{ header: string; column: string }> = [];
  for (const header of unknownHeaders) {
    const mine = characters(header);
    let best: { column: string; score: number } | undefined;
    for (const column of columns) {
      for (const name of [column.canonical, ...column.zh]) {
        const score = likeness(mine, characters(name));
        if (score >= 0.5 && (!best || score > best.score))
          best = { column: column.canonical, score };
      }
    }
    if (best) suggestions.push({ header, column: best.column });
  }
  return suggestions;
}
