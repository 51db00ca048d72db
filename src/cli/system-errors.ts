/**
 * Errors of the file system as sentences a person can act on: never an errno name alone.
 */

/** What to do about an error writing a file, said in one line. */
export function fileSystemAdvice(code: string): string {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied: choose a folder you can write to";
    case "ENOENT":
      return "the folder does not exist: create it first";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "EISDIR":
      return "is a folder: give a file name";
    case "ENAMETOOLONG":
      return "the name is too long for the file system: choose a shorter one";
    case "ENOSPC":
    case "EDQUOT":
      return "the disk is full: free some space";
    case "EROFS":
      return "the file system is read-only";
    case "ELOOP":
      return "a symbolic link points to itself or too many links deep";
    case "EEXIST":
      return "already exists";
    default:
      return `the system refused (${code})`;
  }
}

/** What went wrong reading a file an option names (`what`: "the baseline file"). */
export function readingAdvice(code: string, what: string): string {
  switch (code) {
    case "ENOENT":
      return `no such file: give the path of ${what}`;
    case "EISDIR":
      return `is a folder: give ${what}`;
    case "EACCES":
    case "EPERM":
      return "permission denied: give a file you can read";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "ELOOP":
      return "a symbolic link points to itself or too many links deep";
    case "ENAMETOOLONG":
      return "the name is too long for the file system";
    default:
      return `cannot be read (the system said ${code})`;
  }
}

export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}
