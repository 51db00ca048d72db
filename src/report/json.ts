import type { Report } from "../model/report.js";
import { jsonPieces } from "./json-pieces.js";

/** The machine-readable report; its shape is `reportSchema` in src/model/report.ts. */
export function formatJson(report: Report): Iterable<string> {
  return jsonPieces(report);
}
