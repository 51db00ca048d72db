import { labelled, labels } from "../model/labels.js";
import type { Localized } from "../model/text.js";

/**
 * Errors of the file system as sentences a person can act on, in both languages: never an errno
 * name alone.
 */

/** What to do about an error writing a file, said in one line. */
export function fileSystemAdvice(code: string): Localized {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return labels.writePermission;
    case "ENOENT":
      return labels.writeNoFolder;
    case "ENOTDIR":
      return labels.pathNotFolder;
    case "EISDIR":
      return labels.writeIsFolder;
    case "ENAMETOOLONG":
      return labels.writeNameTooLong;
    case "ENOSPC":
    case "EDQUOT":
      return labels.diskFull;
    case "EROFS":
      return labels.readOnly;
    case "ELOOP":
      return labels.linkLoop;
    case "EEXIST":
      return labels.alreadyExists;
    default:
      return labelled("systemRefused", { code });
  }
}

/** What went wrong reading a file an option names (`what`: the baseline file, 基线文件). */
export function readingAdvice(code: string, what: Localized): Localized {
  switch (code) {
    case "ENOENT":
      return labelled("readNoFile", { what });
    case "EISDIR":
      return labelled("readIsFolder", { what });
    case "EACCES":
    case "EPERM":
      return labels.readPermission;
    case "ENOTDIR":
      return labels.pathNotFolder;
    case "ELOOP":
      return labels.linkLoop;
    case "ENAMETOOLONG":
      return labels.readNameTooLong;
    default:
      return labelled("cannotRead", { code });
  }
}

export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}
