import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script, shared with `npm run readme`
import { findExamples, root, runExample } from "../scripts/readme-examples.mjs";
import { centerColumns, estateColumns } from "../src/model/columns.js";

const readme = readFileSync(join(root, "README.md"), "utf8");

describe("README.md", () => {
  it("starts with the install-and-run and the test commands", () => {
    expect(readme.split("\n").slice(0, 4)).toEqual([
      "```sh",
      "npm ci && npm start",
      "npm test",
      "```",
    ]);
  });

  const examples: Array<{ command: string; shown: string }> = findExamples(readme);
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
    "$ %s prints what the README shows",
    (_command, example) => {
      expect(runExample(example.command)).toBe(example.shown);
    },
  );

  it("lists every input column with its Chinese names", () => {
    for (const column of [...estateColumns, ...centerColumns]) {
      expect(readme, column.canonical).toContain(
        `| ${column.canonical} | ${column.zh.join(", ")} |`,
      );
    }
  });
});
