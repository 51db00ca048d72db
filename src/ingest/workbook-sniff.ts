import { open } from "node:fs/promises";

/**
 * Which spreadsheet container a file is, from its first bytes (never its name): a zip archive
 * (.xlsx, .xlsm, .ods) or a compound file (.xls). Kept apart from the readers so that a CSV
 * check loads none of them.
 */
export type SpreadsheetKind = "zip" | "compound" | "html";

const MAGIC: Record<Exclude<SpreadsheetKind, "html">, number[]> = {
  zip: [0x50, 0x4b, 0x03, 0x04],
  compound: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
};

export async function spreadsheetKind(path: string): Promise<SpreadsheetKind | undefined> {
  try {
    const handle = await open(path, "r");
    try {
      // A pipe or a device is read once, by the CSV road: a look at its start would lose it.
      if (!(await handle.stat()).isFile()) return undefined;
      const head = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return spreadsheetKindOf(head.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** Which spreadsheet a file's first bytes say it is, if any. */
export function spreadsheetKindOf(head: Uint8Array): SpreadsheetKind | undefined {
  const magic = (Object.keys(MAGIC) as Array<keyof typeof MAGIC>).find((kind) =>
    MAGIC[kind].every((byte, index) => index < head.length && head[index] === byte),
  );
  return magic ?? (looksLikeHtmlTable(head.subarray(0, 4096)) ? "html" : undefined);
}

/** A web page (a table saved by an OA system or by Excel as a web page), not CSV text. */
export function looksLikeHtmlTable(head: Uint8Array): boolean {
  let start = new TextDecoder("latin1").decode(head);
  if (start.startsWith("\u00ef\u00bb\u00bf")) start = start.slice(3);
  if (!/^\s*</.test(start)) return false;
  return /<(?:!doctype\s+html|html|table)\b/i.test(start);
}
