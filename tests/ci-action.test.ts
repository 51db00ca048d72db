import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bin, root } from "./helpers/cli.js";

/**
 * The CI job cannot let a pull request through unchecked (issue 27): the composite action's audit
 * step and the GitLab template's script run on scratch git repositories whose branches change
 * registers (in the data folder and below it, CSV and workbooks), and fail closed.
 */
const work = mkdtempSync(join(tmpdir(), "ci-action-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const header =
  "estate_id,name,district,subdistrict,community_id,households,land_transfer_date,community_space_area,phases,community_space_phase,estate_delivery_date,community_space_delivery_date,filing_no,consultation_no,consultation_date";
const clean = `${header}\nE1,清风小区,姑苏区,平江街道,C01,1000,2012-01-01,400,1,,2014-01-01,2014-01-01,姑规备2014-001,会商2011-01,2011-12-01\n`;
// 1,000 households × 0.4 = 400 m² required; 300 is short.
const failing = clean.replace(",400,1,", ",300,1,");

function git(repo: string, ...args: string[]) {
  const result = spawnSync("git", args, {
    cwd: repo,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.invalid",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.invalid",
    },
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

let count = 0;
/** A repository with a register on main and a branch that adds `files`. */
function repository(files: Record<string, string | Buffer>): string {
  const repo = join(work, `repo-${++count}`);
  mkdirSync(join(repo, "data"), { recursive: true });
  git(repo, "init", "-q", "-b", "main");
  writeFileSync(join(repo, "data", "existing.csv"), clean);
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "base");
  git(repo, "checkout", "-q", "-b", "pr");
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(repo, name, ".."), { recursive: true });
    writeFileSync(join(repo, name), content);
  }
  git(repo, "add", ".");
  git(repo, "commit", "-q", "-m", "change");
  // As a runner's checkout has it: the base branch fetched from origin.
  git(repo, "remote", "add", "origin", repo);
  git(repo, "fetch", "-q", "origin", "main");
  return repo;
}

const floorspace = `${process.execPath} ${bin}`;

/** The action's audit step, its inputs filled in, run as the runner would run it. */
function actionStep(repo: string, env: Record<string, string> = {}) {
  const action = parse(readFileSync(join(root, "action.yml"), "utf8"));
  const step = action.runs.steps.find((each: { name: string }) => each.name.startsWith("audit"));
  const inputs: Record<string, string> = {
    data: "data",
    rules: "suzhou-2010",
    "as-of": "2026-11-01",
    baseline: "",
    "fail-on": "error",
  };
  const script = (step.run as string).replace(
    /\$\{\{ inputs\.([\w-]+) \}\}/g,
    (_, name: string) => inputs[name] ?? "",
  );
  return spawnSync("bash", ["-c", script], {
    cwd: repo,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      GITHUB_ACTION_PATH: root,
      GITHUB_BASE_REF: "main",
      FLOORSPACE_DATA: "data",
      FLOORSPACE: floorspace,
      ...env,
    },
  });
}

/** The GitLab template's audit line, run the same way. */
function gitlabScript(repo: string) {
  const template = parse(readFileSync(join(root, "ci", "gitlab-floorspace.yml"), "utf8"));
  const line = (template.floorspace.script as string[]).find((each) => each.includes("audit.sh"));
  const command = (line ?? "")
    .replace("floorspace/ci/audit.sh", join(root, "ci", "audit.sh"))
    .replace('"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"', "main");
  return spawnSync("bash", ["-c", `${command} --as-of 2026-11-01`], {
    cwd: repo,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", FLOORSPACE: floorspace, FLOORSPACE_DATA: "data" },
  });
}

const checked = (repo: string) =>
  readFileSync(join(repo, "floorspace-files.txt"), "utf8").trim().split("\n").filter(Boolean);

describe("the GitHub composite action", () => {
  it("fails on a failing register, a folder down, and lists what it checked", () => {
    const repo = repository({ "data/吴中区/new estates.csv": failing, "README.md": "x" });
    const result = actionStep(repo);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^::error file=data\/吴中区\/new estates.csv,line=2,/m);
    expect(checked(repo)).toEqual(["data/吴中区/new estates.csv"]);
  });

  it("passes a clean register directly in the data folder", () => {
    const repo = repository({ "data/clean.csv": clean });
    const result = actionStep(repo);
    expect(result.status).toBe(0);
    expect(checked(repo)).toEqual(["data/clean.csv"]);
  });

  it("checks a changed workbook as well", () => {
    const repo = repository({
      "data/registers.xlsx": readFileSync(join(root, "fixtures", "workbooks", "registers.xlsx")),
    });
    const result = actionStep(repo);
    expect(checked(repo)).toEqual(["data/registers.xlsx"]);
    expect(result.status).toBe(1);
  });

  it("passes a request that changes no register", () => {
    const repo = repository({ "docs/notes.md": "x" });
    const result = actionStep(repo);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("no data file under data/ changed");
  });

  it("fails closed: floorspace missing, or the base unknown, is a failure", () => {
    const repo = repository({ "data/clean.csv": clean });
    expect(actionStep(repo, { FLOORSPACE: "no-such-floorspace-command" }).status).toBe(3);
    expect(actionStep(repo, { GITHUB_BASE_REF: "no-such-branch" }).status).toBe(2);
  });
});

describe("the GitLab template", () => {
  it("fails on a failing register and passes a clean one", () => {
    const bad = repository({ "data/bad.csv": failing });
    expect(gitlabScript(bad).status).toBe(1);
    const good = repository({ "data/good.csv": clean });
    expect(gitlabScript(good).status).toBe(0);
  });
});

it("docs/ci.md shows the action and the template these tests run", () => {
  const docs = readFileSync(join(root, "docs", "ci.md"), "utf8");
  expect(docs).toContain("uses: ./floorspace");
  expect(docs).toContain("ci/gitlab-floorspace.yml");
});
