import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPack } from "../src/pipeline/packs.js";
import { rules } from "../src/rules/registry.js";
import { root } from "./helpers/cli.js";

/** Every rule is documented, tested and cited; the pages made from the code are current. */
const pack = await loadPack("suzhou-2010");
const ruleTests = readdirSync(join(root, "tests", "rules"))
  .filter((name) => name.endsWith(".test.ts"))
  .map((name) => readFileSync(join(root, "tests", "rules", name), "utf8"))
  .join("\n");
const camel = (id: string) => id.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

describe("documentation made from the code", () => {
  it("is current: docs/rules/*.md and docs/errors.md are what npm run docs writes", () => {
    const result = spawnSync(process.execPath, [join(root, "scripts", "docs.mjs"), "--check"], {
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it.each(rules.map((rule) => [rule.id, rule] as const))(
    "%s has a docs page, a RuleTester table and a task in the pack",
    (id, rule) => {
      expect(existsSync(join(root, "docs", "rules", `${id}.md`))).toBe(true);
      expect(ruleTests).toContain(`testRule(${camel(id)},`);
      const task = pack.rules[id]?.task ?? rule.task;
      expect(pack.tasks[String(task)]).toMatchObject({
        clause: expect.stringMatching(/\S/),
        lead: expect.stringMatching(/\S/),
      });
    },
  );
});
