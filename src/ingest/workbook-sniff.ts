import { open } from "node:fs/promises";

/**
 * Which spreadsheet container a file is, from its first bytes (never its name): a zip archive
 * (.xlsx, .xlsm, .ods) or a compound file (.xls). Kept apart from the readers so that a CSV
 * check loads none of them.
 */
export type SpreadsheetKind = "zip" | "compound";

const MAGIC: Record<SpreadsheetKind, number[]> = {
  zip: [0x50, 0x4b, 0x03, 0x04],
  compound: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
};

export async function spreadsheetKind(path: string): Promise<SpreadsheetKind | undefined> {
  try {
    const handle = await open(path, "r");
    try {
      const head = Buffer.alloc(8);
      const { bytesRead } = await handle.read(head, 0, 8, 0);
      return (Object.keys(MAGIC) as SpreadsheetKind[]).find((kind) =>
        MAGIC[kind].every((byte, index) => index < bytesRead && head[index] === byte),
      );
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** Whether the file is a workbook the workbook road reads; false when it cannot be read. */
export async function looksLikeWorkbook(path: string): Promise<boolean> {
  return (await spreadsheetKind(path)) !== undefined;
}
