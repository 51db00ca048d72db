import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { problemPhrases } from "../../src/model/errors.js";
import { labels } from "../../src/model/labels.js";

/**
 * Every sentence a person reads comes from a word table, in both languages at once (issue 26):
 * the label table (model/labels.ts), the input problems' catalogue and its phrases
 * (model/errors.ts), the columns' own names (model/columns.ts), each rule's titles and messages
 * (its module, as ESLint keeps a rule's messages with it) and the Chinese of commander's help
 * (cli/words.ts). Nowhere else is a sentence written in one language, or chosen by a test of the
 * language. labels.test.ts holds the tables themselves to both languages and one set of
 * placeholders.
 */
const src = join(import.meta.dirname, "..", "..", "src");
const files = (readdirSync(src, { recursive: true }) as string[])
  .filter((name) => name.endsWith(".ts"))
  .map((name) => ({
    name: relative(src, join(src, name)),
    text: readFileSync(join(src, name), "utf8"),
  }));
const wordTables = new Set([
  "model/labels.ts",
  "model/errors.ts",
  "model/columns.ts",
  "cli/words.ts",
]);
const isWordTable = (name: string) => wordTables.has(name) || name.startsWith("rules/");

function lines(pattern: RegExp, keep: (name: string) => boolean): string[] {
  return files
    .filter(({ name }) => keep(name))
    .flatMap(({ name, text }) =>
      text
        .split("\n")
        .flatMap((line, index) =>
          pattern.test(line) ? [`${name}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
}

describe("words in one place", () => {
  it("no sentence is chosen by a test of the language", () => {
    // `lang === "zh" ? "…" : "…"` and `zh ? … : …`: one sentence per branch, outside any table.
    expect(lines(/(lang|spoken)\s*===\s*"(zh|en)"\s*\?|\bzh\s*\?\s*[`"'(]/, () => true)).toEqual(
      [],
    );
  });

  it("no pair of sentences is written where it is used", () => {
    expect(lines(/\bzh:\s*[`"']/, (name) => !isWordTable(name))).toEqual([]);
  });

  it("no placeholder is filled once per language", () => {
    expect(lines(/\b\w+(Zh|En):/, () => true)).toEqual([]);
  });

  it("every entry of the tables is said somewhere", () => {
    // The label table's own functions count (areaColumns names its keys); the table does not.
    const code = files
      .map(({ name, text }) =>
        name === "model/labels.ts" ? text.slice(text.indexOf("} as const satisfies")) : text,
      )
      .join("\n");
    const unused = [...Object.keys(labels), ...Object.keys(problemPhrases)].filter(
      (key) => !new RegExp(`["'.]${key}\\b`).test(code),
    );
    expect(unused).toEqual([]);
  });
});
