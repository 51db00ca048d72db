import * as z from "zod";
import "./zod-config.js";

/**
 * A baseline is the set of findings a project has accepted: rule id, input file and record id.
 * No line numbers, so rows added or removed above a record do not make its finding "new".
 */
export const baselineEntrySchema = z.object({
  ruleId: z.string(),
  file: z.string(),
  recordId: z.string(),
});
export type BaselineEntry = z.infer<typeof baselineEntrySchema>;

/**
 * 2: entries' files are written relative to the baseline file's own folder, so the baseline
 * matches from any working folder. 1: relative to the folder the run was started from.
 */
export const baselineSchema = z.object({
  schemaVersion: z.union([z.literal(1), z.literal(2)]),
  tool: z.literal("floorspace"),
  entries: z.array(baselineEntrySchema),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** Paths are compared as written from the project root: forward slashes, no leading "./". */
export function normalizePath(file: string): string {
  return file.replaceAll("\\", "/").replace(/^(\.\/)+/, "");
}

export function entryKey(entry: BaselineEntry): string {
  return JSON.stringify([entry.ruleId, normalizePath(entry.file), entry.recordId]);
}
