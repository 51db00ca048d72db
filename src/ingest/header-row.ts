/**
 * Which row is the header. District forms put a title (苏州市吴中区住宅小区社区用房情况统计表) and a
 * unit line (单位：平方米、户) above it, and sometimes split it over two rows, group names over
 * field names (社区用房 merged over 面积 / 期次 / 交付日期). The header is the first of the first
 * rows that names the columns of a kind, alone or combined with the row above it; the rows above
 * it are not records.
 */
export interface HeaderRow {
  line: number;
  fields: string[];
}

/** How well a row names the columns of a kind: usable as the header, and how many it names. */
export type HeaderQuality = ((fields: readonly string[]) => { usable: boolean; score: number }) & {
  /** Whether one header names a known column (for combining a group row with a field row). */
  knows?: (header: string) => boolean;
};

export interface HeaderChoice {
  header: HeaderRow;
  /** Rows above the header (a title, a unit line, a group row): not records. */
  above: HeaderRow[];
  /** The header is two rows combined; its line is the lower one. */
  combined: boolean;
  /** Why: "first row", "found", "combined", "given" (--header-row), or "best guess". */
  how: "first" | "found" | "combined" | "given" | "guess";
}

/** Rows a header is looked for in: a title, a unit line and a group row leave plenty of room. */
export const HEADER_SEARCH_ROWS = 20;

/**
 * A group row over a field row, as one row: a column with no field is named by its group row's
 * cell; a field under a group by group and field together when that names a known column
 * (社区用房 + 交付日期 = 社区用房交付日期, not the homes' 交付日期), else by the field alone. A group spans the blank cells to its right
 * (a merged cell leaves only the first one filled).
 */
export function combineRows(
  upper: HeaderRow,
  lower: HeaderRow,
  knows: (header: string) => boolean = () => false,
): HeaderRow {
  const width = Math.max(upper.fields.length, lower.fields.length);
  const fields: string[] = [];
  let group = "";
  for (let index = 0; index < width; index++) {
    const top = (upper.fields[index] ?? "").trim();
    const bottom = (lower.fields[index] ?? "").trim();
    if (top !== "") group = top;
    if (bottom === "") fields.push(top);
    else if (group !== "" && knows(`${group}${bottom}`)) {
      fields.push(`${group}${bottom}`);
    } else fields.push(bottom);
  }
  return { line: lower.line, fields };
}

/**
 * Decides the header among the rows seen so far, or returns undefined to see another. With
 * `final`, no more rows come: it always decides (the best-scoring row, for an error that names it).
 */
export function chooseHeader(
  rows: readonly HeaderRow[],
  quality: HeaderQuality,
  final: boolean,
  headerLine?: number,
): HeaderChoice | undefined {
  if (headerLine !== undefined) {
    const index = rows.findIndex((row) => row.line >= headerLine);
    if (index === -1) {
      return final && rows.length > 0
        ? {
            header: rows[rows.length - 1] as HeaderRow,
            above: rows.slice(0, -1),
            combined: false,
            how: "given",
          }
        : undefined;
    }
    return {
      header: rows[index] as HeaderRow,
      above: rows.slice(0, index),
      combined: false,
      how: "given",
    };
  }
  const last = rows.length - 1;
  const row = rows[last];
  if (row === undefined) return undefined;
  if (quality(row.fields).usable) {
    return {
      header: row,
      above: rows.slice(0, last),
      combined: false,
      how: last === 0 ? "first" : "found",
    };
  }
  const upper = rows[last - 1];
  if (upper) {
    const combined = combineRows(upper, row, quality.knows);
    if (quality(combined.fields).usable) {
      return { header: combined, above: rows.slice(0, last - 1), combined: true, how: "combined" };
    }
  }
  if (!final && rows.length < HEADER_SEARCH_ROWS) return undefined;
  // No row names a kind's columns: the one that names most, so the error can say what is missing.
  let best = 0;
  for (let index = 1; index < rows.length; index++) {
    if (
      quality((rows[index] as HeaderRow).fields).score >
      quality((rows[best] as HeaderRow).fields).score
    ) {
      best = index;
    }
  }
  return {
    header: rows[best] as HeaderRow,
    above: rows.slice(0, best),
    combined: false,
    how: best === 0 ? "first" : "guess",
  };
}
