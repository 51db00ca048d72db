import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { label, labelled, labels } from "../model/labels.js";
import type { Lang } from "../model/text.js";
import { safeText } from "../report/escape.js";
import { defaultLang, langOption, packageRoot, writeAtomically } from "./common.js";
import { exitCodes, UsageError } from "./exit.js";
import { exists, makeFolder } from "./init.js";

interface PageOptions {
  lang?: Lang;
  force?: boolean;
}

/** `floorspace page [DIR]`: the offline page (dist/floorspace.html) where a user wants it. */
export function registerPage(program: Command, setExitCode: (code: number) => void): void {
  program
    .command("page")
    .description(
      "write floorspace.html: the same audit as a page that opens from disk in a browser, offline",
    )
    .argument("[dir]", "folder to write it in", ".")
    .addOption(langOption())
    .option("--force", "overwrite an existing floorspace.html")
    .action(async (dir: string, options: PageOptions) => {
      const lang = options.lang ?? defaultLang();
      const target = join(dir, "floorspace.html");
      if (!options.force && (await exists(target))) {
        throw new UsageError(labelled("filesExist", { count: 1, files: target }));
      }
      let html: Buffer;
      try {
        html = await readFile(join(packageRoot, "dist", "floorspace.html"));
      } catch {
        throw new UsageError(labels.pageNotBuilt);
      }
      await makeFolder(dir);
      await writeAtomically(target, [html]);
      process.stdout.write(`${safeText(label("pageWritten", lang, { path: target }))}\n`);
      setExitCode(exitCodes.ok);
    });
}
