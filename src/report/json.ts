import type { Report } from "../model/report.js";

/**
 * The machine-readable report; its shape is `reportSchema` in src/model/report.ts. Written in
 * pieces, byte for byte what JSON.stringify(report, null, 2) would give, so that a report of a
 * million findings never has to be one string (V8 refuses strings past about 512 MB).
 */
const CHUNK = 1 << 16;

function indent(json: string, spaces: string): string {
  return json.replace(/\n/g, `\n${spaces}`);
}

export function* formatJson(report: Report): Generator<string> {
  let buffer = "{";
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  for (const [index, [key, value]] of entries.entries()) {
    buffer += `${index === 0 ? "" : ","}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && value.length > 0) {
      buffer += "[";
      for (const [position, item] of value.entries()) {
        buffer += `${position === 0 ? "" : ","}\n    ${indent(JSON.stringify(item, null, 2), "    ")}`;
        if (buffer.length >= CHUNK) {
          yield buffer;
          buffer = "";
        }
      }
      buffer += "\n  ]";
    } else {
      buffer += indent(JSON.stringify(value, null, 2), "  ");
    }
  }
  yield `${buffer}\n}\n`;
}
