import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error: a plain ES module script, shared with `npm run readme`
import { root, runExample } from "../scripts/readme-examples.mjs";

/** The CI jobs in docs/ci.md use only options floorspace has: run their commands for real. */
const readme = readFileSync(join(root, "docs", "ci.md"), "utf8");
const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) =>
  parse(match[1] ?? ""),
);
const work = mkdtempSync(join(tmpdir(), "floorspace-ci-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, "data"));
for (const file of ["estates.csv", "centers.csv"]) {
  cpSync(join(root, "fixtures", "suzhou-sample", file), join(work, "data", file));
}
const changed = "data/estates.csv data/centers.csv";

function run(command: string) {
  const output = runExample(`${command}; echo "exit=$?"`, { cwd: work });
  const status = Number(/exit=(\d+)\n$/.exec(output)?.[1]);
  return { output, status };
}

describe("README CI examples", () => {
  it("has a GitHub Actions workflow and a GitLab CI job", () => {
    expect(yamlBlocks).toHaveLength(2);
    expect(yamlBlocks[0]?.jobs?.audit?.steps).toBeDefined();
    expect(yamlBlocks[1]?.floorspace?.script).toBeDefined();
  });

  it("GitHub Actions: the floorspace step runs and writes what the later steps upload", () => {
    const steps: Array<{ run?: string; with?: { sarif_file?: string; path?: string } }> =
      yamlBlocks[0].jobs.audit.steps;
    const commands = steps
      .map((step) => step.run ?? "")
      .filter((command) => command.startsWith("floorspace "));
    expect(commands).toHaveLength(1);
    const command = (commands[0] ?? "").replace("${{ steps.changed.outputs.files }}", changed);
    const { output, status } = run(command);
    expect([0, 1]).toContain(status);
    expect(output).toMatch(/^::error file=data\/estates.csv,line=\d+,title=/m);
    const uploaded = steps
      .flatMap((step) => [step.with?.sarif_file, step.with?.path])
      .filter(Boolean) as string[];
    for (const file of [...uploaded, "floorspace.md"])
      expect(existsSync(join(work, file)), file).toBe(true);
  });

  it("GitLab CI: the baseline command and the job's floorspace line run", () => {
    const writeBaseline = /`(floorspace check data\/\*\.csv --write-baseline [^`]+)`/.exec(
      readme,
    )?.[1];
    expect(writeBaseline).toBeDefined();
    expect(run(writeBaseline ?? "").status).toBe(1);
    const script: string[] = yamlBlocks[1].floorspace.script;
    const commands = script.filter((line) => line.startsWith("floorspace "));
    expect(commands).toHaveLength(1);
    const { status } = run((commands[0] ?? "").replace("$CHANGED_FILES", changed));
    // Everything is in the baseline just written, so nothing is new.
    expect(status).toBe(0);
    const job = yamlBlocks[1].floorspace;
    for (const file of [...job.artifacts.paths, job.artifacts.reports.junit]) {
      expect(existsSync(join(work, file)), file).toBe(true);
    }
  });
});
