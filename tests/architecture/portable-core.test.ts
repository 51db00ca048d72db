import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The core (engine, rules, model and the report renderers) runs wherever JavaScript does: in the
 * CLI and in a page. Nothing it imports, however indirectly, may use Node's own modules or
 * globals; files, threads, spools, terminals and exit codes are the shell's (cli/, pipeline/).
 */
const src = resolve(import.meta.dirname, "..", "..", "src");
const coreFolders = ["engine", "rules", "model", "report"];
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const nodeGlobals = /\b(process\.|Buffer\.|__dirname|__filename|require\(|fileURLToPath)/;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** What a module imports, static and dynamic, as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g))
    found.push(match[1] as string);
  for (const match of text.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) found.push(match[1] as string);
  return found;
}

/** Code without its comments (which may well mention process.argv). */
function code(file: string): string {
  return readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

describe("the portable core", () => {
  const core = coreFolders.flatMap((folder) => filesUnder(join(src, folder)));

  it("has modules in every folder it names", () => {
    for (const folder of coreFolders) {
      expect(core.some((file) => file.startsWith(join(src, folder)))).toBe(true);
    }
  });

  it("reaches no Node module and no Node global, directly or through what it imports", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    const queue = [...core];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const where = relative(src, file);
      if (nodeGlobals.test(code(file)))
        problems.push(`${where}: uses ${nodeGlobals.exec(code(file))?.[1]}`);
      for (const specifier of importsOf(file)) {
        if (builtins.has(specifier)) problems.push(`${where}: imports ${specifier}`);
        else if (specifier.startsWith(".")) {
          queue.push(resolve(dirname(file), specifier).replace(/\.js$/, ".ts"));
        }
      }
    }
    expect(problems).toEqual([]);
    // The walk went somewhere: the core and what it needs of ingest/ (header matching, values).
    expect(seen.size).toBeGreaterThan(core.length);
  });

  it("is in rooms a reader can take in: no engine module over 400 lines", () => {
    const long = filesUnder(join(src, "engine"))
      .map((file) => ({
        file: relative(src, file),
        lines: readFileSync(file, "utf8").split("\n").length,
      }))
      .filter(({ lines }) => lines > 400);
    expect(long).toEqual([]);
  });

  it("judges by rule, never a rule by name: no engine module names a rule or a column a rule reads", async () => {
    const { ruleIds } = await import("../../src/rules/registry.js");
    const named = filesUnder(join(src, "engine")).flatMap((file) => {
      const text = code(file);
      return [...ruleIds, "level", "old_town", "city_proper"]
        .filter((name) => text.includes(`"${name}"`))
        .map((name) => `${relative(src, file)} names "${name}"`);
    });
    expect(named).toEqual([]);
  });

  it("is not imported back by what it imports: ingest/ never reaches the engine", () => {
    const ingest = filesUnder(join(src, "ingest"));
    const back = ingest.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => /\/engine\//.test(specifier))
        .map((specifier) => `${relative(src, file)} imports ${specifier}`),
    );
    expect(back).toEqual([]);
  });
});
