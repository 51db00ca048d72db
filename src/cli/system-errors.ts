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
      return {
        zh: "没有权限:请换一个可以写入的文件夹",
        en: "permission denied: choose a folder you can write to",
      };
    case "ENOENT":
      return { zh: "文件夹不存在:请先建立", en: "the folder does not exist: create it first" };
    case "ENOTDIR":
      return { zh: "路径中有一部分不是文件夹", en: "a part of the path is not a folder" };
    case "EISDIR":
      return { zh: "这是一个文件夹:请给出文件名", en: "is a folder: give a file name" };
    case "ENAMETOOLONG":
      return {
        zh: "名称超出文件系统的长度限制:请换一个短些的",
        en: "the name is too long for the file system: choose a shorter one",
      };
    case "ENOSPC":
    case "EDQUOT":
      return { zh: "磁盘已满:请腾出空间", en: "the disk is full: free some space" };
    case "EROFS":
      return { zh: "文件系统只读", en: "the file system is read-only" };
    case "ELOOP":
      return {
        zh: "符号链接指向自身或层数过多",
        en: "a symbolic link points to itself or too many links deep",
      };
    case "EEXIST":
      return { zh: "已存在", en: "already exists" };
    default:
      return { zh: `系统拒绝了操作(${code})`, en: `the system refused (${code})` };
  }
}

/** What went wrong reading a file an option names (`what`: the baseline file, 基线文件). */
export function readingAdvice(code: string, what: Localized): Localized {
  switch (code) {
    case "ENOENT":
      return {
        zh: `没有这个文件:请给出${what.zh}的路径`,
        en: `no such file: give the path of ${what.en}`,
      };
    case "EISDIR":
      return { zh: `这是一个文件夹:请给出${what.zh}`, en: `is a folder: give ${what.en}` };
    case "EACCES":
    case "EPERM":
      return {
        zh: "没有权限:请给出可以读取的文件",
        en: "permission denied: give a file you can read",
      };
    case "ENOTDIR":
      return { zh: "路径中有一部分不是文件夹", en: "a part of the path is not a folder" };
    case "ELOOP":
      return {
        zh: "符号链接指向自身或层数过多",
        en: "a symbolic link points to itself or too many links deep",
      };
    case "ENAMETOOLONG":
      return { zh: "名称超出文件系统的长度限制", en: "the name is too long for the file system" };
    default:
      return { zh: `无法读取(系统提示 ${code})`, en: `cannot be read (the system said ${code})` };
  }
}

export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}
