import type { LeftOutRows } from "../engine/evaluate.js";
import type { ParsedInput } from "../ingest/index.js";
import { idKey } from "../ingest/values.js";
import type { RecordKind } from "../model/columns.js";
import { type InputProblem, phrase, problem } from "../model/errors.js";
import type { Localized } from "../model/text.js";

/**
 * A record is one record across every input of its kind (issue 25): the same estate id in a
 * register and its supplement, or in two sheets of one workbook, is counted once. Each file
 * already refuses an id it repeats itself (duplicate-id); this is the same rule between files
 * and sheets. By default the first occurrence counts and a later one is rejected, naming the
 * first; with --later-files-replace the last counts and each earlier row is skipped, naming the
 * row that replaces it.
 */
export interface InputIds {
  /** The input's position among the run's inputs (command order, a workbook's sheets in turn). */
  index: number;
  kind: RecordKind;
  file: string;
  sheet?: string;
  /** Its valid records' ids and lines, in reading order. */
  ids: ReadonlyArray<{ id: string; line: number }>;
}

export interface Repeat {
  id: string;
  /** Where the occurrence that counts is. */
  other: { file: string; sheet?: string; line: number };
  /** Replaced by a later row (--later-files-replace) rather than refused as a repeat. */
  replaced: boolean;
}

/** For each input with rows that must not count, those rows by line. */
export function repeatedIds(
  inputs: readonly InputIds[],
  laterReplaces: boolean,
): Map<number, Map<number, Repeat>> {
  const repeats = new Map<number, Map<number, Repeat>>();
  const ordered = laterReplaces ? [...inputs].reverse() : inputs;
  const counted = new Map<string, { input: InputIds; line: number }>();
  for (const input of ordered) {
    for (const { id, line } of input.ids) {
      const key = `${input.kind}\u0000${idKey(id)}`;
      const first = counted.get(key);
      if (!first) {
        counted.set(key, { input, line });
        continue;
      }
      // A file's own repeats are its own builder's to refuse.
      if (first.input.index === input.index) continue;
      let rows = repeats.get(input.index);
      if (!rows) {
        rows = new Map();
        repeats.set(input.index, rows);
      }
      rows.set(line, {
        id,
        other: {
          file: first.input.file,
          ...(first.input.sheet !== undefined ? { sheet: first.input.sheet } : {}),
          line: first.line,
        },
        replaced: laterReplaces,
      });
    }
  }
  return repeats;
}

/**
 * An input read whole without the rows that must not count: each refused (a row problem, so
 * counted as rejected) or replaced (a notice, counted as skipped). Refused estate rows are left
 * out of the household sums as any rejected row is.
 */
export function withoutRepeats(input: ParsedInput, rows: ReadonlyMap<number, Repeat>): ParsedInput {
  if (!input.usable || !input.kind || rows.size === 0) return input;
  const problems: InputProblem[] = [];
  let rejected = 0;
  let skipped = 0;
  const byCommunity = input.kind === "estate" ? new Map(input.leftOut.byCommunity) : undefined;
  const keep = (line: number, record: { community_id?: string | undefined }) => {
    const repeat = rows.get(line);
    if (!repeat) return true;
    const where = placeOf(repeat.other);
    problems.push(
      problem(repeat.replaced ? "replaced-record" : "duplicate-id-elsewhere", input.file, {
        ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
        line,
        column: input.kind === "estate" ? "estate_id" : "community_id",
        value: repeat.id,
        data: { other: where },
      }),
    );
    if (repeat.replaced) skipped++;
    else {
      rejected++;
      const community = record.community_id;
      if (byCommunity && community !== undefined) {
        byCommunity.set(community, (byCommunity.get(community) ?? 0) + 1);
      }
    }
    return false;
  };
  // Filtered first: keep() counts what it takes out.
  const records = (
    input.records as Array<{ line: number; record: { community_id?: string } }>
  ).filter(({ line, record }) => keep(line, record));
  const base = {
    ...input,
    rejected: input.rejected + rejected,
    skipped: input.skipped + skipped,
    problems: [...input.problems, ...problems],
    records,
  };
  if (input.kind === "estate") {
    return {
      ...base,
      kind: "estate",
      leftOut: {
        byCommunity: byCommunity ?? input.leftOut.byCommunity,
        unattributed: input.leftOut.unattributed,
      } satisfies LeftOutRows,
    } as ParsedInput;
  }
  return { ...base, kind: "center" } as ParsedInput;
}

function placeOf(other: Repeat["other"]): Localized {
  const place = other.sheet !== undefined ? `${other.file} [${other.sheet}]` : other.file;
  return phrase("placeLine", { place, line: other.line });
}
