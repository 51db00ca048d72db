import {
  defaultIngestOptions,
  type IngestOptions,
  ingestFile,
  type ParsedInput,
} from "../../src/ingest/index.js";
import { readWorkbook } from "../../src/ingest/workbook.js";
import { looksLikeWorkbook } from "../../src/ingest/workbook-sniff.js";

/**
 * For tests: a file on disk, whatever it holds, read whole (the product reads files through the
 * check pipeline only): a workbook as an input per sheet it reads, any
 * other file as one input (CSV, or the coded problem that says why it is not).
 */
export async function ingestPath(
  path: string,
  options: IngestOptions = defaultIngestOptions,
): Promise<ParsedInput[]> {
  if (await looksLikeWorkbook(path)) return readWorkbook(path, options);
  return [await ingestFile(path, options)];
}
