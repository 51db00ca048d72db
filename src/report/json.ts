import type { Report } from "../model/report.js";

/** The machine-readable report; its shape is `reportSchema` in src/model/report.ts. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
