import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error: a plain ES module script, shared with `npm run readme`
import { root, runExample } from "../scripts/readme-examples.mjs";

/**
 * The CI jobs in docs/ci.md use only what this repository has: the workflow's inputs are the
 * action's, the include is the template, and the baseline command runs (the jobs themselves are
 * run by tests/ci-action.test.ts).
 */
const docs = readFileSync(join(root, "docs", "ci.md"), "utf8");
const yamlBlocks = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) =>
  parse(match[1] ?? ""),
);
const work = mkdtempSync(join(tmpdir(), "floorspace-ci-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, "data"));
for (const file of ["estates.csv", "centers.csv"]) {
  cpSync(join(root, "fixtures", "suzhou-sample", file), join(work, "data", file));
}

describe("docs/ci.md", () => {
  it("the workflow uses the action with inputs the action has", () => {
    const action = parse(readFileSync(join(root, "action.yml"), "utf8"));
    const steps: Array<{ uses?: string; with?: Record<string, string> }> =
      yamlBlocks[0]?.jobs?.audit?.steps ?? [];
    const step = steps.find((each) => each.uses === "./floorspace");
    expect(step).toBeDefined();
    for (const input of Object.keys(step?.with ?? {})) {
      expect(Object.keys(action.inputs)).toContain(input);
    }
  });

  it("the GitLab include is the template in this repository", () => {
    const include = yamlBlocks[1]?.include?.[0]?.local as string;
    expect(include).toBe("floorspace/ci/gitlab-floorspace.yml");
    expect(() =>
      readFileSync(join(root, include.replace(/^floorspace\//, "")), "utf8"),
    ).not.toThrow();
  });

  it("the baseline command runs", () => {
    const writeBaseline = /`(floorspace check data\/\*\.csv --write-baseline [^`]+)`/.exec(
      docs,
    )?.[1];
    expect(writeBaseline).toBeDefined();
    const output = runExample(`${writeBaseline}; echo "exit=$?"`, { cwd: work });
    expect(Number(/exit=(\d+)\n$/.exec(output)?.[1])).toBe(1);
  });
});
