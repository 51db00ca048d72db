import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bad, bin, floorspace, root, sample } from "../helpers/cli.js";

// The CLI runs from one bundled file with V8's code cache (dist/cli/run.ts says why). These
// tests hold the bundle to the modules it is built from: same bytes out, same exit codes.
const modules = { FLOORSPACE_BUNDLE: "0" };
// --debug also says how long each file took, which differs from run to run.
const withoutDebugLine = (stderr: string) =>
  stderr
    .replace(/^floorspace: ran the (bundle|modules).*\n/, "")
    .replace(/\d+\.\d\d s\b/g, "(seconds)");

describe("the bundled entry", () => {
  it("runs the bundle from its code cache", () => {
    const result = floorspace(["--version", "--debug"]);
    expect(result.stderr).toBe("floorspace: ran the bundle, code cache accepted\n");
    expect(floorspace(["--version", "--debug"], modules).stderr).toBe(
      "floorspace: ran the modules: FLOORSPACE_BUNDLE=0\n",
    );
  });

  it.each([
    [
      "a check in JSON",
      ["check", sample("estates.csv"), sample("centers.csv"), "--format", "json"],
    ],
    ["a check in SARIF", ["check", sample("estates.csv"), "--format", "sarif"]],
    ["a check as a table", ["check", sample("estates.csv"), sample("centers.csv")]],
    ["a check as HTML", ["check", sample("estates.csv"), "--format", "html"]],
    ["a retrofit worklist", ["retrofit", sample("centers.csv"), "--format", "csv"]],
    ["the rules", ["rules", "--lang", "zh"]],
    ["a file with bad rows", ["check", bad("invalid-number.csv"), "--format", "json"]],
    ["a wrong command line", ["check", "--format", "yaml"]],
  ])("%s: the same output as the modules", (_name, args) => {
    const asOf = args[0] === "check" || args[0] === "retrofit" ? ["--as-of", "2026-11-01"] : [];
    const bundled = floorspace([...args, ...asOf, "--debug"]);
    const unbundled = floorspace([...args, ...asOf, "--debug"], modules);
    expect(bundled.stderr).toMatch(/^floorspace: ran the bundle/);
    expect(bundled.stdout).toBe(unbundled.stdout);
    expect(withoutDebugLine(bundled.stderr)).toBe(withoutDebugLine(unbundled.stderr));
    expect(bundled.status).toBe(unbundled.status);
  });

  it("compiles the bundle when V8 refuses the cache (another Node, other flags)", () => {
    const args = [sample("estates.csv"), "--format", "json", "--as-of", "2026-11-01"];
    // A V8 flag changes the hash a code cache is checked against, as another Node version would.
    const refused = spawnSync(process.execPath, ["--max-lazy", bin, "check", ...args, "--debug"], {
      encoding: "utf8",
    });
    expect(refused.stderr).toContain("floorspace: ran the bundle, code cache rejected\n");
    const cached = floorspace(["check", ...args]);
    expect(refused.status).toBe(cached.status);
    expect(refused.stdout).toBe(cached.stdout);
  });

  it("starts workers from the bundle too, with the same report as the modules", () => {
    const args = ["check", sample("estates.csv"), "--format", "json", "--as-of", "2026-11-01"];
    const split = { FLOORSPACE_THREADS: "2", FLOORSPACE_PARALLEL_MIN_BYTES: "0" };
    const bundled = floorspace([...args, "--debug"], split);
    const unbundled = floorspace([...args, "--debug"], { ...split, ...modules });
    expect(bundled.stderr).toContain("read streamed in 2 part(s)");
    expect(unbundled.stderr).toContain("read streamed in 2 part(s)");
    expect(bundled.stdout).toBe(unbundled.stdout);
  });

  describe("a copy of the package, altered", () => {
    // Copies, so that altering their files cannot disturb other tests.
    const copies: string[] = [];
    const copyOfPackage = () => {
      const copy = mkdtempSync(join(tmpdir(), "floorspace-entry-"));
      copies.push(copy);
      for (const part of ["bin", "dist", "rules", "seeds", "package.json"]) {
        cpSync(join(root, part), join(copy, part), { recursive: true });
      }
      symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
      return copy;
    };
    const version = (copy: string) =>
      spawnSync(process.execPath, [join(copy, "bin", "floorspace.js"), "--version", "--debug"], {
        encoding: "utf8",
      });
    afterAll(() => {
      for (const copy of copies) rmSync(copy, { recursive: true, force: true });
    });

    it("runs the modules when tsc wrote them after the bundle: the bundle lacks their code", () => {
      const copy = copyOfPackage();
      const later = new Date(Date.now() + 60_000);
      utimesSync(join(copy, "dist", "cli", "index.js"), later, later);
      const result = version(copy);
      expect(result.stderr).toBe(
        "floorspace: ran the modules: the modules are newer than the bundle\n",
      );
      expect(result.status).toBe(0);
    });

    it("runs the modules when the bundle is damaged", () => {
      const copy = copyOfPackage();
      writeFileSync(join(copy, "dist", "bundle", "cli.cjs"), "this is not JavaScript(");
      const result = version(copy);
      expect(result.stderr).toMatch(/^floorspace: ran the modules: the bundle failed to load/);
      expect(result.stdout).toBe(
        `${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version}\n`,
      );
      expect(result.status).toBe(0);
    });
  });
});
