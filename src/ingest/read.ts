import { defaultIngestOptions, type IngestOptions, ingestFile, type ParsedInput } from "./index.js";
import { readWorkbook } from "./workbook.js";
import { looksLikeWorkbook } from "./workbook-sniff.js";

/**
 * A file on disk, whatever it holds, read whole: a workbook as an input per sheet it reads, any
 * other file as one input (CSV, or the coded problem that says why it is not).
 */
export async function ingestPath(
  path: string,
  options: IngestOptions = defaultIngestOptions,
): Promise<ParsedInput[]> {
  if (await looksLikeWorkbook(path)) return readWorkbook(path, options);
  return [await ingestFile(path, options)];
}
