import { open } from "node:fs/promises";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Whether the file is a zip archive (an .xlsx is one); false when it cannot be read. Kept apart
 * from the workbook reader so that a CSV check loads none of it.
 */
export async function looksLikeWorkbook(path: string): Promise<boolean> {
  try {
    const handle = await open(path, "r");
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await handle.read(head, 0, 4, 0);
      return bytesRead === 4 && ZIP_MAGIC.every((byte, index) => head[index] === byte);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
