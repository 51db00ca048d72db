import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { PackFile, ResolvedPack } from "../model/pack.js";
import { defaultPackId, PackError, parsePackText, resolvePackLayers } from "../rules/pack.js";

/**
 * Rule packs as files: the built-in ones in rules/ at the package root, a user's own by path,
 * each with the packs it extends. Reading is here, in the shell; parsing and checking a pack is
 * rules/pack.ts's, the same for a page that is handed a pack's text.
 */
export const builtinPackDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "rules");
export const seedsDir = resolve(builtinPackDir, "..", "seeds");

/** A built-in id ("suzhou-2010") or a path; relative paths in `extends` are from the extending file. */
export function locatePack(reference: string, from: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(reference)) return resolve(builtinPackDir, `${reference}.json`);
  return resolve(from, reference);
}

/** How a pack is named in reports: a built-in by its id, a file by its path from here. */
function packLabel(path: string): string {
  const builtin = relative(builtinPackDir, path);
  if (!builtin.startsWith("..") && /^[a-z0-9-]+\.json$/.test(builtin))
    return builtin.replace(/\.json$/, "");
  return relative(process.cwd(), path) || path;
}

async function readPackFile(path: string, label: string): Promise<PackFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PackError(label, [code === "ENOENT" ? "no such rule pack" : `cannot read (${code})`]);
  }
  return parsePackText(text, label);
}

export async function loadPack(reference: string = defaultPackId): Promise<ResolvedPack> {
  const layers: Array<{ label: string; file: PackFile }> = [];
  const seen: string[] = [];
  let path = locatePack(reference, process.cwd());
  for (;;) {
    const label = packLabel(path);
    if (seen.includes(path)) {
      throw new PackError(label, [
        `extends itself: ${[...seen, path].map(packLabel).join(" -> ")}`,
      ]);
    }
    seen.push(path);
    const file = await readPackFile(path, label);
    layers.unshift({ label, file });
    if (!file.extends) break;
    path = locatePack(file.extends, dirname(path));
  }
  return resolvePackLayers(layers);
}
