import { lstat, mkdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { columnHeader, columnsByKind, type RecordKind } from "../model/columns.js";
import { label, labelled } from "../model/labels.js";
import { inBoth, type Lang } from "../model/text.js";
import { loadPack } from "../pipeline/packs.js";
import { safeText } from "../report/escape.js";
import { rules } from "../rules/registry.js";
import { defaultLang, fileSystemAdvice, langOption, writeAtomically } from "./common.js";
import { exitCodes, UsageError } from "./exit.js";

const templateFiles: Record<RecordKind, string> = { estate: "estates.csv", center: "centers.csv" };

/** A header row in the chosen language; the BOM and CRLF make Excel on Windows read it right. */
export function templateContent(kind: RecordKind, lang: Lang): string {
  const headers = columnsByKind[kind].map((column) => columnHeader(column, lang));
  return `\uFEFF${headers.join(",")}\r\n`;
}

/**
 * A column map to edit (`--columns FILE`): each column under its usual Chinese header; change a
 * key to the header your forms use, and delete the lines you do not need.
 */
export function columnMapSkeleton(): string {
  const columns: Record<string, string> = {};
  for (const kind of Object.keys(templateFiles) as RecordKind[]) {
    for (const column of columnsByKind[kind])
      columns[column.zh[0] ?? column.canonical] ??= column.canonical;
  }
  return `${JSON.stringify({ columns }, null, 2)}\n`;
}

/** Kernel file systems: writing templates there is never what anyone means. */
const systemFolders = ["/proc", "/sys", "/dev"];

/**
 * Makes a folder and its parents one level at a time: Node's recursive mkdir spins forever on
 * some paths under /proc, and each step here either finishes or fails with a code.
 */
export async function makeFolder(dir: string): Promise<void> {
  const target = resolve(dir);
  if (systemFolders.some((folder) => target === folder || target.startsWith(`${folder}/`))) {
    const system = target.split("/")[1] ? `/${target.split("/")[1]}` : "/";
    throw new UsageError(labelled("underSystemFolder", { dir, system }));
  }
  const missing: string[] = [];
  for (let folder = target; ; folder = dirname(folder)) {
    const stats = await stat(folder).catch(() => undefined);
    if (stats) {
      if (!stats.isDirectory()) {
        throw new UsageError(labelled("pathPartNotFolder", { dir, folder }));
      }
      break;
    }
    missing.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      if (code !== "EEXIST") {
        const advice = fileSystemAdvice(code);
        throw new UsageError(labelled("cannotMakeFolder", { folder, advice }));
      }
    }
  }
}

/** Whether anything is at `path`, a symbolic link to nothing included. */
export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

interface InitOptions {
  lang?: Lang;
  force?: boolean;
  columns?: boolean;
  xlsx?: boolean;
  rules: string;
}

export function registerInit(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("init")
    .description(
      "write empty estates.csv and centers.csv templates (UTF-8 with BOM), or a fill-in workbook (--xlsx)",
    )
    .argument("[dir]", "folder to write them in", ".")
    .addOption(langOption())
    .option("--force", "overwrite existing files")
    .option("--columns", "also write columns.json, a column map to edit for --columns")
    .option(
      "--xlsx",
      "write registers.xlsx instead: a fill-in workbook that refuses the usual mistakes as they are typed",
    )
    .option("--rules <pack>", "rule pack whose districts the workbook lists", "suzhou-2010")
    .action(async (dir: string, options: InitOptions) => {
      const lang = options.lang ?? defaultLang();
      const targets: Array<{ path: string; content: string | Uint8Array }> = options.xlsx
        ? [
            {
              path: join(dir, "registers.xlsx"),
              content: await (await import("../report/template-xlsx.js")).templateWorkbook(
                await loadPack(options.rules),
                rules,
                lang,
              ),
            },
          ]
        : (Object.keys(templateFiles) as RecordKind[]).map((kind) => ({
            path: join(dir, templateFiles[kind]),
            content: templateContent(kind, lang),
          }));
      if (options.columns) {
        targets.push({ path: join(dir, "columns.json"), content: columnMapSkeleton() });
      }
      if (!options.force) {
        const existing: string[] = [];
        for (const target of targets) if (await exists(target.path)) existing.push(target.path);
        if (existing.length > 0) {
          throw new UsageError(
            labelled("filesExist", {
              count: existing.length,
              files: inBoth((lang) => existing.join(label("fileSeparator", lang))),
            }),
          );
        }
      }
      await makeFolder(dir);
      for (const target of targets) {
        await writeAtomically(
          target.path,
          typeof target.content === "string" ? target.content : [target.content],
        );
        process.stdout.write(`${safeText(target.path)}\n`);
      }
      // One line on what to do next: fill the files in, then check them.
      const registers = targets
        .filter((target) => !target.path.endsWith("columns.json"))
        .map((target) => target.path);
      process.stdout.write(
        `${safeText(
          label("nextStep", lang, { count: registers.length, files: registers.join(" ") }),
        )}\n`,
      );
      setExitCode(exitCodes.ok);
    });
}
