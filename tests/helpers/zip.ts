import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import type { Archive } from "../../src/ingest/archive.js";

/**
 * Zip archives written by hand for tests, so that hostile ones can be made too: parts in any
 * order, stored or deflated, and sizes that lie.
 */
export interface ZipPart {
  name: string;
  data: string | Uint8Array;
  /** Stored without compression (default: deflated). */
  store?: boolean;
  /** The uncompressed size the archive declares (default: the truth). */
  declaredSize?: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function zip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw =
      typeof part.data === "string" ? Buffer.from(part.data, "utf8") : Buffer.from(part.data);
    const body = part.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(part.name, "utf8");
    const size = part.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const method = part.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A cell for sheetXml: text (a shared string when `shared` is on, else inline), or raw XML. */
export type Cell = string | number | { xml: string } | null;

export interface SheetSpec {
  name: string;
  rows?: Cell[][];
  /** The sheet part's XML whole, instead of rows. */
  xml?: string | Uint8Array;
  /** XML after </sheetData> (mergeCells…). */
  after?: string;
  state?: "hidden" | "veryHidden";
  /** The part the sheet names (default xl/worksheets/sheetN.xml). */
  part?: string;
}

const xmlEscape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function columnName(index: number): string {
  let name = "";
  let rest = index + 1;
  while (rest > 0) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
    rest = Math.floor((rest - 1) / 26);
  }
  return name;
}

/**
 * A workbook as Excel lays it out, parts in the order given by `order` ("strings-last" puts the
 * shared strings after every sheet, as LibreOffice does). Text cells are shared strings.
 */
export function workbook(
  sheets: readonly SheetSpec[],
  options: {
    order?: "strings-first" | "strings-last";
    extra?: ZipPart[];
    sharedStrings?: string;
  } = {},
): Buffer {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (text: string) => {
    let at = index.get(text);
    if (at === undefined) {
      at = strings.length;
      strings.push(text);
      index.set(text, at);
    }
    return at;
  };
  const sheetParts: ZipPart[] = sheets.map((sheet, position) => {
    const name = sheet.part ?? `xl/worksheets/sheet${position + 1}.xml`;
    if (sheet.xml !== undefined) return { name, data: sheet.xml };
    const rows = (sheet.rows ?? [])
      .map((cells, row) => {
        const xml = cells
          .map((cell, column) => {
            const ref = `${columnName(column)}${row + 1}`;
            if (cell === null || cell === "") return "";
            if (typeof cell === "number") return `<c r="${ref}"><v>${cell}</v></c>`;
            if (typeof cell === "object") return cell.xml.replace("{ref}", ref);
            return `<c r="${ref}" t="s"><v>${shared(cell)}</v></c>`;
          })
          .join("");
        return `<row r="${row + 1}">${xml}</row>`;
      })
      .join("");
    return {
      name,
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${sheet.after ?? ""}</worksheet>`,
    };
  });
  const workbookXml = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
    .map(
      (sheet, position) =>
        `<sheet name="${xmlEscape(sheet.name)}" sheetId="${position + 1}"${sheet.state ? ` state="${sheet.state}"` : ""} r:id="rId${position + 1}"/>`,
    )
    .join("")}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map(
      (sheet, position) =>
        `<Relationship Id="rId${position + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${sheet.part ? `/${sheet.part}` : `worksheets/sheet${position + 1}.xml`}"/>`,
    )
    .join(
      "",
    )}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const stringsXml =
    options.sharedStrings ??
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
      .map((text) => `<si><t xml:space="preserve">${xmlEscape(text)}</t></si>`)
      .join("")}</sst>`;
  const head: ZipPart[] = [
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: "xl/workbook.xml", data: workbookXml },
    { name: "xl/_rels/workbook.xml.rels", data: rels },
  ];
  const stringsPart: ZipPart = { name: "xl/sharedStrings.xml", data: stringsXml };
  const ordered =
    options.order === "strings-first"
      ? [...head, stringsPart, ...sheetParts]
      : [...head, ...sheetParts, stringsPart];
  return zip([...ordered, ...(options.extra ?? [])]);
}

/** A sample CSV file (no quoted fields) as a sheet's cells: numbers as numbers. */
export function sampleTable(path: string): Cell[][] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) =>
      line.split(",").map((cell) => (/^\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell)),
    );
}

/** An archive of one part whose inflated bytes come in the given pieces. */
export function archiveOfPieces(name: string, pieces: readonly Uint8Array[]): Archive {
  return {
    parts: new Map([[name, { name, compressedSize: 0, declaredSize: 0 }]]),
    inflated: () => 0,
    close: () => {},
    async *inflate() {
      for (const piece of pieces) yield Buffer.from(piece);
    },
  };
}
