/**
 * An input's summary as a report shows it, and the check that its rows add up.
 */
import type { RecordKind } from "../model/columns.js";
import type { ParsedInput } from "../model/input.js";
import type { InputSummary } from "../model/report.js";
import { InternalError } from "./options.js";

export const kindLabel: Record<RecordKind, "estates" | "centers"> = {
  estate: "estates",
  center: "centers",
};

export function summarizeInput(input: ParsedInput): InputSummary {
  return inputSummary({ ...input, valid: input.records.length });
}

/** The one way an input's summary is made, whoever read it (whole, or streamed in parts). */
export function inputSummary(input: {
  file: string;
  sheet?: string;
  kind: RecordKind | null;
  encoding: string | null;
  delimiter: string | null;
  rowsRead: number;
  valid: number;
  rejected: number;
  skipped: number;
  usable: boolean;
}): InputSummary {
  return {
    file: input.file,
    ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
    kind: input.kind ? kindLabel[input.kind] : null,
    encoding: input.encoding,
    delimiter: input.delimiter,
    records: input.rowsRead,
    valid: input.valid,
    rejected: input.rejected,
    skipped: input.skipped,
    usable: input.usable,
  };
}

/** read = evaluated + rejected + skipped, for every file; anything else is a bug, never a silent pass. */
export function assertReconciled(input: ParsedInput, valid = input.records.length): void {
  if (input.rowsRead !== valid + input.rejected + input.skipped) {
    throw new InternalError(
      `${input.file}: ${input.rowsRead} rows read but ${valid} valid + ${input.rejected} rejected + ${input.skipped} skipped`,
    );
  }
}
