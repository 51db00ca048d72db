import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressLine, wantsProgress } from "../../src/cli/progress.js";
import { bin, root } from "../helpers/cli.js";

describe("progress bar", () => {
  it("shows rows, rate and an estimate", () => {
    expect(progressLine("e.csv", 50, 100, 20_000, 2_000)).toBe(
      "e.csv [############------------]  50% 20,000 rows 10,000 rows/s ETA 2s",
    );
  });

  it("speaks the run's language", () => {
    expect(progressLine("e.csv", 50, 100, 20_000, 2_000, "zh")).toBe(
      "e.csv [############------------]  50% 20,000 行 10,000 行/秒 约剩 2 秒",
    );
  });

  it("is drawn only on a terminal, outside CI, and not over JSON on stdout", () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    expect(wantsProgress(tty, {}, false)).toBe(true);
    expect(wantsProgress(pipe, {}, false)).toBe(false);
    expect(wantsProgress(tty, { CI: "true" }, false)).toBe(false);
    expect(wantsProgress(tty, {}, true)).toBe(false);
  });

  it("appears on a real terminal for a big file and never in a pipe", () => {
    const data = join(root, "test-output", "progress");
    mkdirSync(data, { recursive: true });
    const file = join(data, "estates-100000.csv");
    if (!existsSync(file))
      execFileSync(process.execPath, [join(root, "bench", "generate.mjs"), "100000", "10", data]);
    const command = `"${process.execPath}" "${bin}" check "${file}" --max-findings 1 --fail-on never > /dev/null`;
    const env = { PATH: process.env.PATH ?? "", LANG: "C" };
    // util-linux `script` gives the command a pseudo-terminal, as a person's shell would.
    const onTerminal = spawnSync("script", ["-qc", command, "/dev/null"], {
      encoding: "utf8",
      env,
    });
    expect(onTerminal.stdout).toMatch(/100% 100,000 rows [\d,]+ rows\/s/);
    const inPipe = spawnSync(
      process.execPath,
      [bin, "check", file, "--max-findings", "1", "--fail-on", "never"],
      {
        encoding: "utf8",
        env,
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    expect(inPipe.stderr).toBe("");
  }, 60_000);
});
