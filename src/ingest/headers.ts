import { type ColumnSpec, columnsByKind, type RecordKind, recordKinds } from "../model/columns.js";

/**
 * Header matching. Offices write the same column many ways: "社区用房面积(㎡)", "Area (m2)",
 * full-width letters, stray spaces. Matching folds those differences away, but never a
 * bracket that is part of the name, such as 所属区(市).
 */
const unitSuffix = /\s*\(\s*(?:m2|m\^2|平方米|平米|户|sqm|sq\.?\s*m)\s*\)$/;

export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .trim()
    .toLowerCase()
    .replace(/[[【]/g, "(")
    .replace(/[\]】]/g, ")")
    .replace(unitSuffix, "")
    .replace(/[\s-]+/g, "_");
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

export function matchColumn(kind: RecordKind, header: string): ColumnSpec | undefined {
  return lookup[kind].get(normalizeHeader(header));
}

export function detectKind(headers: readonly string[]): RecordKind | null {
  const score = (kind: RecordKind) =>
    headers.filter((header) =>
      signatureColumns[kind].includes(matchColumn(kind, header)?.canonical ?? ""),
    ).length;
  const estate = score("estate");
  const center = score("center");
  if (estate === center) return null;
  return estate > center ? "estate" : "center";
}

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

export function matchHeaders(kind: RecordKind, headers: readonly string[]): HeaderMatch {
  const found = new Map<string, ColumnBinding>();
  const result: HeaderMatch = { bindings: [], missing: [], duplicates: [], unknown: [] };
  headers.forEach((header, index) => {
    const column = matchColumn(kind, header);
    if (!column) {
      if (header.trim() !== "") result.unknown.push(header);
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
