import { readFile } from "node:fs/promises";
import type { ErrorCode } from "../model/errors.js";
import { type Archive, ArchiveLimitError, ArchiveReadError } from "./archive.js";
import { partText, scanPart } from "./archive-xml.js";
import type { EncodingChoice } from "./decode.js";
import { SharedStrings } from "./shared-strings.js";
import { BUILT_IN_DATES, isDateFormat, type SheetCells } from "./sheet-cells.js";
import { readHtmlTables } from "./sheet-html.js";
import { readOdsSheets } from "./sheet-ods.js";
import { readXlsSheets } from "./sheet-xls.js";
import type { SpreadsheetKind } from "./workbook-sniff.js";
import {
  attribute,
  decodeOfficeEscapes,
  decodeText,
  MORE_TEXT,
  NOT_MINE,
  XmlScanner,
} from "./xml-scan.js";
import { openArchive } from "./zip-archive.js";
import { openArchiveBytes } from "./zip-bytes.js";

/**
 * What a workbook's archive says before any cell is read: its sheets in tab order (which are
 * hidden, which part holds each), its shared strings, which cell styles are dates, and the date
 * system. Every part it needs is read whole or the workbook is refused naming the part.
 */
export interface SheetPlan {
  name: string;
  hidden: boolean;
  /** Hidden so that only a program unhides it (a template's lists): read past without a word. */
  veryHidden: boolean;
  /** The sheet's part in the archive (xl/worksheets/sheet1.xml). */
  entry: string;
  /** Rows that are an Excel table's total row (a table with totalsRowCount), not records. */
  totalRows?: number[];
}

export interface WorkbookPlan {
  path: string;
  sheets: SheetPlan[];
  /** The shared string table, or undefined when the workbook has none. */
  strings: SharedStrings | undefined;
  /** By style index (a cell's `s`): whether its number format shows a date. */
  dateStyles: boolean[];
  date1904: boolean;
  /** The archive the sheets are read from (none for a workbook read whole, such as .xls). */
  archive?: Archive;
  /** Sheets already read while planning (an OpenDocument file holds every table in one part). */
  read?: Map<string, SheetCells>;
}

export interface WorkbookRefusal {
  code: Extract<ErrorCode, "workbook-unreadable" | "workbook-too-large">;
  data: { reason: string };
}

/** The whole workbook expanded, as a multiple of --max-file-size. */
const EXPANSION_LIMIT = 4;
/** …and as a multiple of the archive's own size, with a floor for small files. */
const EXPANSION_PER_BYTE = 100;
const EXPANSION_FLOOR = 64 << 20;

/** How far a workbook of this size may expand, all its parts together. */
export function expansionBudget(fileSize: number, maxFileSize: number): number {
  return Math.min(
    EXPANSION_LIMIT * maxFileSize,
    Math.max(EXPANSION_FLOOR, EXPANSION_PER_BYTE * fileSize),
  );
}

export async function planWorkbook(
  path: string,
  fileSize: number,
  maxFileSize: number,
  kind: SpreadsheetKind = "zip",
  encoding: EncodingChoice = "auto",
  /** The file's bytes, when they are in memory already (the page): nothing is read from disk. */
  bytes?: Uint8Array,
  /**
   * Whether to read the shared strings: not when another thread reads the sheet's cells (see
   * pipeline/sheet-worker.ts), which reads them itself.
   */
  withStrings = true,
): Promise<WorkbookPlan | { refusal: WorkbookRefusal }> {
  if (kind === "compound" || kind === "html") {
    return planWholeFile(path, fileSize, maxFileSize, kind, encoding, bytes);
  }
  const budget = expansionBudget(fileSize, maxFileSize);
  let archive: Archive;
  try {
    archive = bytes ? await openArchiveBytes(bytes, budget) : await openArchive(path, budget);
  } catch (error) {
    return refusal(error, "not a readable zip archive");
  }
  try {
    const plan = await readStructure(path, archive, withStrings);
    if ("refusal" in plan) archive.close();
    return plan;
  } catch (error) {
    archive.close();
    return refusal(error);
  }
}

async function readStructure(
  path: string,
  archive: Archive,
  withStrings = true,
): Promise<WorkbookPlan | { refusal: WorkbookRefusal }> {
  const { parts } = archive;
  const rootRels = parts.has("_rels/.rels")
    ? relationships(await partText(archive, "_rels/.rels"), "")
    : [];
  const workbookEntry =
    rootRels.find((rel) => rel.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  if (!parts.has(workbookEntry)) {
    if (parts.has("content.xml") && parts.has("mimetype")) return openDocument(path, archive);
    return unreadable(`a zip archive without ${workbookEntry}: not an Excel workbook (.xlsx)`);
  }
  const folder = workbookEntry.slice(0, workbookEntry.lastIndexOf("/") + 1);
  const relsEntry = `${folder}_rels/${workbookEntry.slice(folder.length)}.rels`;
  const workbookRels = parts.has(relsEntry)
    ? relationships(await partText(archive, relsEntry), folder)
    : [];
  const byId = new Map(workbookRels.map((rel) => [rel.id, rel]));

  const sheets: SheetPlan[] = [];
  let date1904 = false;
  await scanPart(archive, workbookEntry, {
    open(name, attributes) {
      if (name === "workbookPr") {
        const value = attribute(attributes, "date1904");
        date1904 = value === "1" || value === "true";
      } else if (name === "sheet") {
        const id = attribute(attributes, "id") ?? "";
        const state = attribute(attributes, "state");
        sheets.push({
          name: attribute(attributes, "name") ?? "",
          hidden: state === "hidden" || state === "veryHidden",
          veryHidden: state === "veryHidden",
          entry: byId.get(id)?.target ?? "",
        });
      }
    },
    close() {},
    text() {},
  });
  if (sheets.length === 0) return unreadable("the workbook has no sheets");
  const seen = new Map<string, string>();
  for (const sheet of sheets) {
    if (!sheet.entry || !parts.has(sheet.entry)) {
      return unreadable(
        `sheet '${sheet.name}' names a part the archive does not hold (${sheet.entry || "no part"})`,
      );
    }
    const other = seen.get(sheet.entry);
    if (other !== undefined) {
      return unreadable(`sheets '${other}' and '${sheet.name}' name the same part ${sheet.entry}`);
    }
    seen.set(sheet.entry, sheet.name);
    const totals = await tableTotalRows(archive, sheet.entry);
    if (totals.length > 0) sheet.totalRows = totals;
  }
  const target = (type: string, fallback: string) =>
    workbookRels.find((rel) => rel.type.endsWith(type))?.target ??
    (parts.has(fallback) ? fallback : undefined);
  const stringsEntry = target("/sharedStrings", `${folder}sharedStrings.xml`);
  const stylesEntry = target("/styles", `${folder}styles.xml`);
  if (stringsEntry !== undefined && !parts.has(stringsEntry)) {
    return unreadable(
      `the workbook names a shared string part the archive does not hold (${stringsEntry})`,
    );
  }
  const strings =
    stringsEntry && withStrings ? await sharedStrings(archive, stringsEntry) : undefined;
  const dateStyles =
    stylesEntry && parts.has(stylesEntry) ? await styles(archive, stylesEntry) : [];
  return { path, sheets, strings, dateStyles, date1904, archive };
}

/** An OpenDocument file: a spreadsheet is read whole here; any other kind is named. */
async function openDocument(
  path: string,
  archive: Archive,
): Promise<WorkbookPlan | { refusal: WorkbookRefusal }> {
  const mimetype = (await partText(archive, "mimetype")).trim();
  if (mimetype !== "application/vnd.oasis.opendocument.spreadsheet") {
    return unreadable(
      `this is an OpenDocument file of another kind (${mimetype.slice(0, 80)}), not a spreadsheet`,
    );
  }
  const tables = await readOdsSheets(archive);
  if (tables.length === 0) return unreadable("the spreadsheet has no tables");
  return {
    path,
    sheets: tables.map(({ cells, hidden }) => ({
      name: cells.name,
      hidden,
      veryHidden: false,
      entry: "content.xml",
    })),
    strings: undefined,
    dateStyles: [],
    date1904: false,
    archive,
    read: new Map(tables.map(({ cells }) => [cells.name, cells])),
  };
}

/**
 * An Excel 97–2003 workbook (at most 65,536 rows a sheet) or a web page of tables: read whole,
 * every sheet at once.
 */
async function planWholeFile(
  path: string,
  fileSize: number,
  maxFileSize: number,
  kind: "compound" | "html",
  encoding: EncodingChoice,
  given?: Uint8Array,
): Promise<WorkbookPlan | { refusal: WorkbookRefusal }> {
  if (fileSize > maxFileSize) {
    return tooLarge(`the file is ${fileSize} bytes, more than --max-file-size (${maxFileSize})`);
  }
  try {
    const bytes = given ?? (await readFile(path));
    const sheets =
      kind === "compound"
        ? readXlsSheets(bytes)
        : readHtmlTables(bytes, encoding).map((cells) => ({
            cells,
            hidden: false,
            veryHidden: false,
          }));
    if (sheets.length === 0) {
      return unreadable(
        kind === "compound" ? "the workbook has no worksheets" : "a web page with no table in it",
      );
    }
    return {
      path,
      sheets: sheets.map(({ cells, hidden, veryHidden }) => ({
        name: cells.name,
        hidden,
        veryHidden,
        entry: kind === "compound" ? "Workbook" : "table",
      })),
      strings: undefined,
      dateStyles: [],
      date1904: false,
      read: new Map(sheets.map(({ cells }) => [cells.name, cells])),
    };
  } catch (error) {
    return refusal(error);
  }
}

/**
 * The total rows of the Excel tables on a sheet (Insert > Table, with its total row shown): the
 * last totalsRowCount rows of each table's range.
 */
async function tableTotalRows(archive: Archive, sheetEntry: string): Promise<number[]> {
  const folder = sheetEntry.slice(0, sheetEntry.lastIndexOf("/") + 1);
  const relsEntry = `${folder}_rels/${sheetEntry.slice(folder.length)}.rels`;
  if (!archive.parts.has(relsEntry)) return [];
  const tables = relationships(await partText(archive, relsEntry), folder).filter(
    (rel) => rel.type.endsWith("/table") && archive.parts.has(rel.target),
  );
  const totals: number[] = [];
  for (const table of tables) {
    await scanPart(archive, table.target, {
      open(name, attributes) {
        if (name !== "table") return;
        const count = Number(attribute(attributes, "totalsRowCount") ?? 0);
        const bottom = /(\d+)$/.exec(attribute(attributes, "ref") ?? "")?.[1];
        if (!bottom || !Number.isInteger(count) || count < 1) return;
        for (let row = 0; row < Math.min(count, 10); row++) totals.push(Number(bottom) - row);
      },
      close() {},
      text() {},
    });
  }
  return totals;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationships(xml: string, folder: string): Relationship[] {
  const found: Relationship[] = [];
  const scanner = new XmlScanner({
    open(name, attributes) {
      if (name !== "Relationship") return;
      const target = attribute(attributes, "Target");
      if (!target || attribute(attributes, "TargetMode") === "External") return;
      found.push({
        id: attribute(attributes, "Id") ?? "",
        type: attribute(attributes, "Type") ?? "",
        target: resolvePart(folder, target),
      });
    },
    close() {},
    text() {},
  });
  scanner.write(xml);
  scanner.end();
  return found;
}

/** A relationship's target as a part name: absolute from the root, or relative to `folder`. */
export function resolvePart(folder: string, target: string): string {
  const segments = target.startsWith("/") ? [] : folder.split("/").filter(Boolean);
  for (const segment of target.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return segments.join("/");
}

/** The shared strings, each the text of its runs; phonetic guides (rPh) left out. */
export async function sharedStrings(archive: Archive, entry: string): Promise<SharedStrings> {
  const strings = new SharedStrings();
  let current: string[] | undefined;
  let inText = false;
  let phonetic = 0;
  // Whether the text being read holds no reference and no Office escape: looked for once, not
  // in every string.
  let scanned: string | undefined;
  let plainText = false;
  // One string written plainly, from its <si> at `open`: where it ends, or NOT_MINE / MORE_TEXT.
  const plainString = (text: string, open: number, last: boolean): number => {
    if (!text.startsWith("<si>", open)) {
      return open + 4 > text.length && !last ? MORE_TEXT : NOT_MINE;
    }
    let start = open + 4;
    if (text.startsWith("<t>", start)) start += 3;
    else if (text.startsWith('<t xml:space="preserve">', start)) start += 24;
    else return start + 24 > text.length && !last ? MORE_TEXT : NOT_MINE;
    const end = text.indexOf("<", start);
    if (end === -1) return last ? NOT_MINE : MORE_TEXT;
    if (!text.startsWith("</t></si>", end)) {
      return end + 9 > text.length && !last ? MORE_TEXT : NOT_MINE;
    }
    if (plainText) strings.addCut(text, start, end);
    else {
      const found = text.slice(start, end);
      const value = decodeOfficeEscapes(decodeText(found));
      if (value === found) strings.addCut(text, start, end);
      else strings.addMade(value);
    }
    return end + 9;
  };
  await scanPart(archive, entry, {
    // A string of one plain run (<si><t>…</t></si>, nearly all of them) is read straight from
    // the text; anything else (runs, phonetic guides, prefixes) takes the tags one by one.
    // A run of them is read in one call.
    fast(text, open, last) {
      if (current !== undefined) return NOT_MINE;
      if (text !== scanned) {
        scanned = text;
        plainText = !text.includes("&") && !text.includes("_x");
      }
      let at = open;
      for (;;) {
        const taken = plainString(text, at, last);
        if (taken < 0) return at === open ? taken : at;
        at = taken;
        // Never read past the text's end (see sheet-xml.ts): the scanner takes it from there.
        if (at >= text.length || text.charCodeAt(at) !== 60 /* < */) return at;
      }
    },
    open(name, _attributes, empty) {
      if (name === "si") {
        if (empty) strings.addMade("");
        else current = [];
      } else if (name === "rPh") {
        if (!empty) phonetic++;
      } else if (name === "t" && !empty) inText = true;
    },
    close(name) {
      if (name === "si") {
        strings.addMade(decodeOfficeEscapes((current ?? []).join("")));
        current = undefined;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inText = false;
    },
    text(value) {
      if (inText && phonetic === 0 && current) current.push(value);
    },
  });
  return strings;
}

async function styles(archive: Archive, entry: string): Promise<boolean[]> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await scanPart(archive, entry, {
    open(name, attributes, empty) {
      if (name === "numFmt") {
        custom.set(
          Number(attribute(attributes, "numFmtId")),
          attribute(attributes, "formatCode") ?? "",
        );
      } else if (name === "cellXfs" && !empty) inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        formats.push(Number(attribute(attributes, "numFmtId") ?? 0));
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
    text() {},
  });
  return formats.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id);
  });
}

function refusal(error: unknown, prefix?: string): { refusal: WorkbookRefusal } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ArchiveLimitError) {
    return { refusal: { code: "workbook-too-large", data: { reason: message } } };
  }
  return unreadable(prefix ? `${prefix} (${message})` : message);
}

export function unreadable(why: string): { refusal: WorkbookRefusal } {
  return { refusal: { code: "workbook-unreadable", data: { reason: why } } };
}

export function tooLarge(why: string): { refusal: WorkbookRefusal } {
  return { refusal: { code: "workbook-too-large", data: { reason: why } } };
}

export { ArchiveLimitError, ArchiveReadError };
