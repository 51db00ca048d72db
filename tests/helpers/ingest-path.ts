import {
  defaultIngestOptions,
  type IngestOptions,
  ingestFile,
  type ParsedInput,
} from "../../src/ingest/index.js";
import { planInput } from "../../src/ingest/plan.js";
import { readWorkbook } from "../../src/ingest/workbook.js";

/**
 * For tests: a file on disk, whatever it holds, read whole (the product reads files through the
 * check pipeline only): a workbook as an input per sheet it reads, any
 * other file as one input (CSV, or the coded problem that says why it is not).
 */
export async function ingestPath(
  path: string,
  options: IngestOptions = defaultIngestOptions,
): Promise<ParsedInput[]> {
  const plan = await planInput(path, options);
  if (plan.road === "workbook") {
    return readWorkbook(path, { ...options, spreadsheet: plan.spreadsheet });
  }
  return [await ingestFile(path, options)];
}
