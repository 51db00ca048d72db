import type { InputProblem } from "./errors.js";
import type { Center, Estate, Located } from "./records.js";

/**
 * The rows of an estates file left out of its records (rejected), by the community they name:
 * what the household sums of a community cannot count.
 */
export interface LeftOutRows {
  byCommunity: ReadonlyMap<string, number>;
  unattributed: number;
}

/**
 * One input file, read as far as it can be. `usable` is false when the file as a whole
 * cannot be trusted (encoding, structure, headers); then no record of it is evaluated.
 * Otherwise every data row is either a record or rejected: rowsRead = records + rejected.
 */
export interface InputBase {
  file: string;
  /** The sheet of a workbook the records come from (their lines are its row numbers). */
  sheet?: string;
  encoding: string | null;
  delimiter: string | null;
  usable: boolean;
  /** Canonical names of the columns the file has. */
  columns: string[];
  /** The line of the header row. */
  headerLine: number;
  /** Headers that name no known column. */
  unknownHeaders: string[];
  rowsRead: number;
  rejected: number;
  /** Rows that are not records (a totals row, a signature line): rowsRead = records + rejected + skipped. */
  skipped: number;
  problems: InputProblem[];
  /** Ids of its rejected rows, with their lines (centers: see RecordsResult.refused). */
  refused?: Array<[string, number]>;
}
export type EstateInput = InputBase & {
  kind: "estate";
  records: Located<Estate>[];
  /** Rejected rows, by the community they name, for the household sums (see LeftOutRows). */
  leftOut: LeftOutRows;
};
export type CenterInput = InputBase & { kind: "center"; records: Located<Center>[] };
export type UnknownInput = InputBase & { kind: null; records: [] };
export type ParsedInput = EstateInput | CenterInput | UnknownInput;
