import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script, shared with `npm run readme`
import { documents, findExamples, root, runExample } from "../scripts/readme-examples.mjs";
import { centerColumns, estateColumns } from "../src/model/columns.js";

const readme = readFileSync(join(root, "README.md"), "utf8");
const pages: string[] = documents();
const docs = Object.fromEntries(
  pages.map((path) => [path.slice(root.length + 1), readFileSync(path, "utf8")]),
);

describe("README.md", () => {
  it("starts with the install-and-run and the test commands", () => {
    expect(readme.split("\n").slice(0, 4)).toEqual([
      "```sh",
      "npm ci && npm start",
      "npm test",
      "```",
    ]);
  });

  it("is a front door a newcomer reads in five minutes, everything else in docs/", () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(10 * 1024);
    for (const link of readme.matchAll(/\]\((docs\/[a-z-]+\.md)\)/g)) {
      expect(Object.keys(docs), link[1]).toContain(link[1]);
    }
  });

  const examples: Array<{ command: string; shown: string }> = Object.values(docs).flatMap(
    (markdown) => findExamples(markdown),
  );
  it("shows every command", () => {
    const commands = examples.map((example) => example.command);
    for (const name of ["check", "validate", "init", "rules", "explain"]) {
      expect(
        commands.some((command) => command.includes(`floorspace ${name}`)),
        name,
      ).toBe(true);
    }
  });

  it.each(examples.map((example) => [example.command, example] as const))(
    "$ %s prints what the documentation shows",
    (_command, example) => {
      expect(runExample(example.command)).toBe(example.shown);
    },
  );

  it("lists every input column with its Chinese names", () => {
    for (const column of [...estateColumns, ...centerColumns]) {
      expect(docs["docs/input.md"], column.canonical).toContain(
        `| ${column.canonical} | ${column.zh.join(", ")} |`,
      );
    }
  });
});
