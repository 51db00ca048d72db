import { access, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { columnsByKind, type RecordKind } from "../model/columns.js";
import type { Lang } from "../model/text.js";
import { defaultLang, langOption } from "./common.js";
import { exitCodes, UsageError } from "./exit.js";

const templateFiles: Record<RecordKind, string> = { estate: "estates.csv", center: "centers.csv" };

/** A header row in the chosen language; the BOM and CRLF make Excel on Windows read it right. */
export function templateContent(kind: RecordKind, lang: Lang): string {
  const headers = columnsByKind[kind].map((column) =>
    lang === "zh" ? (column.zh[0] ?? column.canonical) : column.canonical,
  );
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

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export function registerInit(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("init")
    .description("write empty estates.csv and centers.csv templates (UTF-8 with BOM)")
    .argument("[dir]", "folder to write them in", ".")
    .addOption(langOption())
    .option("--force", "overwrite existing files")
    .option("--columns", "also write columns.json, a column map to edit for --columns")
    .action(async (dir: string, options: { lang?: Lang; force?: boolean; columns?: boolean }) => {
      const lang = options.lang ?? defaultLang();
      const targets: Array<{ path: string; content: string }> = (
        Object.keys(templateFiles) as RecordKind[]
      ).map((kind) => ({
        path: join(dir, templateFiles[kind]),
        content: templateContent(kind, lang),
      }));
      if (options.columns) {
        targets.push({ path: join(dir, "columns.json"), content: columnMapSkeleton() });
      }
      if (!options.force) {
        const existing = [];
        for (const target of targets) if (await exists(target.path)) existing.push(target.path);
        if (existing.length > 0) {
          throw new UsageError(
            `${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; use --force to overwrite`,
          );
        }
      }
      await mkdir(dir, { recursive: true });
      for (const target of targets) {
        await writeFile(target.path, target.content);
        process.stdout.write(`${target.path}\n`);
      }
      setExitCode(exitCodes.ok);
    });
}
