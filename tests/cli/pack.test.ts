import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root, sample } from "../helpers/cli.js";

/** The tarball npm would publish installs into an empty prefix and runs there. */
const work = mkdtempSync(join(tmpdir(), "floorspace-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_loglevel: "error" },
  });

describe("npm pack", () => {
  it("installs into an empty prefix and runs floorspace there", () => {
    // --ignore-scripts: dist/ is already built by `npm test`'s pretest, and prepack would rebuild it.
    npm(["pack", "--ignore-scripts", "--pack-destination", work], root);
    const [tarball] = readdirSync(work).filter((file) => file.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    const prefix = join(work, "prefix");
    mkdirSync(prefix);
    npm(
      [
        "install",
        "--global",
        "--prefix",
        prefix,
        "--no-audit",
        "--no-fund",
        join(work, tarball ?? ""),
      ],
      work,
    );
    const installed = join(prefix, "bin", "floorspace");
    const version = execFileSync(installed, ["--version"], { encoding: "utf8" });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // The installed copy finds its own rule pack and seeds, from any folder.
    const explained = execFileSync(installed, ["explain", "old-town-retrofit", "--lang", "en"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(explained).toContain("对老城区社区办公活动用房改造实行“以奖代补”");
    const checked = execFileSync(
      installed,
      ["check", sample("estates.csv"), "--fail-on", "never"],
      { cwd: work, encoding: "utf8" },
    );
    expect(checked).toContain("rows rejected");
  }, 180_000);
});
