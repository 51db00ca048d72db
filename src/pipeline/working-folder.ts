import { relative, resolve } from "node:path";
import { normalizePath } from "../model/baseline.js";

/**
 * A file as baseline keys name it: from the working folder, however it was given
 * (`../a/e.csv`, `./e.csv`, an absolute path), so that the same file always has one key.
 */
export function fromWorkingFolder(file: string): string {
  return normalizePath(relative(process.cwd(), resolve(file)));
}
