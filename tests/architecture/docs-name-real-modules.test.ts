import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * docs/architecture.md is drawn from the code as it is: every module, folder and function it
 * names exists, so a rename that leaves the page behind fails here.
 */
const root = resolve(import.meta.dirname, "..", "..");
const page = readFileSync(join(root, "docs", "architecture.md"), "utf8");
const sources = readdirSync(join(root, "src"), { withFileTypes: true, recursive: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name));
const moduleNames = new Set(sources.map((file) => basename(file)));

describe("docs/architecture.md", () => {
  it("names only modules that exist", () => {
    const named = [...new Set(page.match(/[\w-]+(?:\/[\w-]+)*\.ts\b/g) ?? [])].filter(
      // "tests/…/x.test.ts" and "*.test.ts" are tests, checked below.
      (name) => !name.endsWith("test.ts"),
    );
    expect(named.length).toBeGreaterThan(20);
    const missing = named.filter((name) =>
      name.includes("/")
        ? !sources.some((file) => file.endsWith(`/${name}`))
        : !moduleNames.has(name),
    );
    expect(missing).toEqual([]);
  });

  it("names only tests that exist", () => {
    const tests = [...new Set(page.match(/tests\/[\w-]+(?:\/[\w-]+)*\.test\.ts/g) ?? [])];
    expect(tests.filter((test) => !existsSync(join(root, test)))).toEqual([]);
  });

  it("names only folders that exist", () => {
    const folders = [...new Set(page.match(/\bsrc\/[\w-]+\//g) ?? [])];
    expect(folders.length).toBeGreaterThan(5);
    expect(folders.filter((folder) => !existsSync(join(root, folder)))).toEqual([]);
  });

  it("names functions that the modules it pairs them with define", () => {
    // "split.ts planStream", "ingest/index.ts ingestFile": a module, then a function of it.
    const pairs = [...page.matchAll(/([\w-]+(?:\/[\w-]+)*\.ts)\s+`?([a-z][A-Za-z]+)\b/g)]
      .map((match) => ({ module: match[1] as string, name: match[2] as string }))
      .filter(({ name }) => /[A-Z]/.test(name));
    expect(pairs.length).toBeGreaterThan(3);
    const wrong = pairs.filter(({ module, name }) => {
      const files = sources.filter((path) => path.endsWith(`/${module}`));
      return !files.some((file) => new RegExp(`\\b${name}\\b`).test(readFileSync(file, "utf8")));
    });
    expect(wrong).toEqual([]);
  });
});
