import { createRequire } from "node:module";
import type { ErrorCode } from "../model/errors.js";

/**
 * What a workbook's archive says before any cell is read: its sheets in tab order, which are
 * hidden, their merged ranges and hidden rows (exceljs's streaming reader skips those), and
 * whether it is safe to expand at all. Sizes are taken from the zip's central directory and
 * then held to while reading: an archive that expands past its declared sizes is refused.
 */
export interface SheetPlan {
  name: string;
  hidden: boolean;
  /** Hidden so that only a program unhides it (a template's lists): read past without a word. */
  veryHidden: boolean;
  /** The sheet's part in the archive (xl/worksheets/sheet1.xml). */
  entry: string;
  merges: Array<{ ref: string; top: number; left: number; bottom: number; right: number }>;
  hiddenRows: number[];
}

export interface WorkbookPlan {
  path: string;
  sheets: SheetPlan[];
}

export interface WorkbookRefusal {
  code: Extract<ErrorCode, "workbook-unreadable" | "workbook-too-large">;
  data: Record<string, string | number>;
}

/** Entries in a workbook: Excel writes a few dozen; thousands mean something else. */
const MAX_ENTRIES = 10_000;
/** Expansion past which one part is taken for a zip bomb (sheets of real data: 5–20 times). */
const MAX_RATIO = 200;
/** Parts smaller than this are not held to the ratio (a tiny part compresses any way it likes). */
const RATIO_FLOOR = 16 << 20;
/** The whole workbook expanded, as a multiple of --max-file-size. */
const EXPANSION_LIMIT = 4;

interface ZipEntry {
  path: string;
  type: string;
  compressedSize: number;
  uncompressedSize: number;
  stream(): NodeJS.ReadableStream;
}

interface ZipDirectory {
  files: ZipEntry[];
}

// unzipper is CommonJS without types: the one function used is declared here.
const require = createRequire(import.meta.url);
const unzipper = require("unzipper") as { Open: { file(path: string): Promise<ZipDirectory> } };

export async function planWorkbook(
  path: string,
  maxFileSize: number,
): Promise<WorkbookPlan | { refusal: WorkbookRefusal }> {
  let directory: ZipDirectory;
  try {
    directory = await unzipper.Open.file(path);
  } catch (error) {
    return unreadable(`not a readable zip archive (${reason(error)})`);
  }
  const { files } = directory;
  if (files.length > MAX_ENTRIES) {
    return tooLarge(`${files.length} parts in the archive (at most ${MAX_ENTRIES})`);
  }
  const limit = EXPANSION_LIMIT * maxFileSize;
  const total = files.reduce((sum, file) => sum + file.uncompressedSize, 0);
  if (total > limit) {
    return tooLarge(`it expands to ${total} bytes, more than ${limit} (4 × --max-file-size)`);
  }
  for (const file of files) {
    if (
      file.uncompressedSize > RATIO_FLOOR &&
      file.uncompressedSize > MAX_RATIO * Math.max(1, file.compressedSize)
    ) {
      return tooLarge(
        `${file.path} expands ${Math.round(file.uncompressedSize / Math.max(1, file.compressedSize))} times (a zip bomb?)`,
      );
    }
  }
  const byPath = new Map(files.map((file) => [file.path, file]));
  const workbookXml = byPath.get("xl/workbook.xml");
  if (!workbookXml) {
    return unreadable("a zip archive without xl/workbook.xml: not an Excel workbook (.xlsx)");
  }
  try {
    const workbook = await text(workbookXml);
    const rels = byPath.get("xl/_rels/workbook.xml.rels");
    const targets = rels ? relationshipTargets(await text(rels)) : new Map<string, string>();
    const sheets: SheetPlan[] = [];
    for (const tag of workbook.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
      const name = xmlUnescape(attribute(tag, "name") ?? "");
      const id = attribute(tag, "r:id") ?? attribute(tag, "id") ?? "";
      const target = targets.get(id) ?? "";
      const entry = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
      const part = byPath.get(entry);
      const state = attribute(tag, "state");
      const sheet: SheetPlan = {
        name,
        hidden: state === "hidden" || state === "veryHidden",
        veryHidden: state === "veryHidden",
        entry,
        merges: [],
        hiddenRows: [],
      };
      if (part) await scanSheet(part, sheet);
      sheets.push(sheet);
    }
    if (sheets.length === 0) return unreadable("the workbook has no sheets");
    return { path, sheets };
  } catch (error) {
    if (error instanceof ExpansionError) return tooLarge(error.message);
    return unreadable(reason(error));
  }
}

class ExpansionError extends Error {}

/** A part's bytes as they are expanded, never more than it declared. */
async function* chunks(entry: ZipEntry): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of entry.stream() as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > entry.uncompressedSize) {
      throw new ExpansionError(
        `${entry.path} expands past the ${entry.uncompressedSize} bytes it declares`,
      );
    }
    yield chunk;
  }
}

async function text(entry: ZipEntry): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks(entry)) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

/** Merged ranges and hidden rows, read tag by tag as the part expands. */
async function scanSheet(entry: ZipEntry, sheet: SheetPlan): Promise<void> {
  const decoder = new TextDecoder("utf-8");
  let carry = "";
  const take = (piece: string) => {
    for (const tag of piece.match(/<(?:\w+:)?(?:row|mergeCell)\b[^>]*>/g) ?? []) {
      if (/^<(?:\w+:)?row\b/.test(tag)) {
        const hidden = attribute(tag, "hidden");
        const number = Number(attribute(tag, "r"));
        if ((hidden === "1" || hidden === "true") && Number.isInteger(number)) {
          sheet.hiddenRows.push(number);
        }
      } else {
        const ref = attribute(tag, "ref");
        const range = ref ? parseRange(ref) : undefined;
        if (ref && range) sheet.merges.push({ ref, ...range });
      }
    }
  };
  for await (const chunk of chunks(entry)) {
    const piece = carry + decoder.decode(chunk, { stream: true });
    const cut = piece.lastIndexOf("<");
    take(piece.slice(0, cut === -1 ? piece.length : cut));
    carry = cut === -1 ? "" : piece.slice(cut);
    // A tag never runs this long; a part that does is not a sheet.
    if (carry.length > 1 << 20) throw new Error(`${entry.path}: a tag longer than 1 MB`);
  }
  take(carry + decoder.decode());
}

function relationshipTargets(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const tag of xml.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, "Id");
    const target = attribute(tag, "Target");
    if (id && target) targets.set(id, xmlUnescape(target));
  }
  return targets;
}

function attribute(tag: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\:]/g, "\\$&");
  return new RegExp(`\\s${escaped}\\s*=\\s*"([^"]*)"`).exec(tag)?.[1];
}

function xmlUnescape(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}

/** "B3:D5" as 1-based rows and 0-based columns. */
export function parseRange(
  ref: string,
): { top: number; left: number; bottom: number; right: number } | undefined {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const left = columnIndex(match[1]);
  const top = Number(match[2]);
  const right = match[3] ? columnIndex(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unreadable(why: string): { refusal: WorkbookRefusal } {
  return { refusal: { code: "workbook-unreadable", data: { reason: why } } };
}

function tooLarge(why: string): { refusal: WorkbookRefusal } {
  return { refusal: { code: "workbook-too-large", data: { reason: why } } };
}
