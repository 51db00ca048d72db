import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reportFailure } from "../../src/cli/index.js";
import { InternalError } from "../../src/engine/evaluate.js";
import { bin, floorspace, root, sample } from "../helpers/cli.js";

/** Whatever a user can throw at it ends in one coded line and a known exit status. */
const work = join(root, "test-output", "robustness");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

function validateJson(file: string, extra: string[] = []) {
  const result = floorspace(["validate", file, "--format", "json", ...extra]);
  noStack(result.stderr);
  return {
    status: result.status,
    errors: JSON.parse(result.stdout).inputErrors as Array<{ code: string; line: number | null }>,
  };
}

describe("hostile and broken inputs", () => {
  it("a 10 MB field is refused as record-too-large, not buffered", () => {
    const file = join(work, "huge-field.csv");
    writeFileSync(
      file,
      `estate_id,name,district,households,community_space_area\nE1,${"名".repeat(3_500_000)},吴中区,1,1\n`,
    );
    const { status, errors } = validateJson(file);
    expect(status).toBe(2);
    expect(errors[0]).toMatchObject({ code: "record-too-large", line: 2 });
  });

  it("a 30 MB line with no line break at all is refused the same way", () => {
    const file = join(work, "one-line.csv");
    writeFileSync(file, "x".repeat(30 * 1024 * 1024));
    const { status, errors } = validateJson(file);
    expect(status).toBe(2);
    expect(errors[0]?.code).toBe("record-too-large");
  });

  it("--max-record-size raises the limit", () => {
    const file = join(work, "long-name.csv");
    writeFileSync(
      file,
      `estate_id,name,district,households,community_space_area\nE1,${"a".repeat(2_000_000)},吴中区,1,1\n`,
    );
    expect(validateJson(file).status).toBe(2);
    expect(validateJson(file, ["--max-record-size", "3000000"]).status).toBe(0);
  });

  it("a file over --max-file-size is refused before it is read", () => {
    const { status, errors } = validateJson(sample("estates.csv"), ["--max-file-size", "1K"]);
    expect(status).toBe(2);
    expect(errors[0]?.code).toBe("file-too-large");
    expect(floorspace(["validate", sample("estates.csv"), "--max-file-size", "lots"]).status).toBe(
      2,
    );
  });

  it("binary data, a directory and a missing file are coded errors", () => {
    const file = join(work, "random.bin");
    writeFileSync(
      file,
      Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)),
    );
    expect(validateJson(file).errors[0]?.code).toBe("not-csv");
    // A path that names no file is a mistake on the command line: one coded line, exit 2.
    for (const [path, code] of [
      [work, "unreadable-file"],
      [join(work, "nope.csv"), "file-not-found"],
    ] as const) {
      const result = floorspace(["validate", path, "--format", "json"]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(code);
      noStack(result.stderr);
    }
  });

  it("deeply quoted fields read as text", () => {
    const file = join(work, "quotes.csv");
    const nasty = `"${'""'.repeat(5000)}"`;
    writeFileSync(
      file,
      `estate_id,name,district,households,community_space_area\nE1,${nasty},吴中区,1,1\n`,
    );
    const result = floorspace(["check", file, "--format", "json", "--fail-on", "never"]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).inputs[0]).toMatchObject({ records: 1, valid: 1 });
  });
});

describe("signals", () => {
  const bigFile = join(work, "big.csv");
  const bigRows = ["estate_id,name,district,households,land_transfer_date,community_space_area"];
  for (let index = 0; index < 300_000; index++)
    bigRows.push(`E${index},小区${index},吴中区,${100 + (index % 900)},2012-01-01,${index % 500}`);
  writeFileSync(bigFile, bigRows.join("\n"));

  it.each([
    ["SIGINT", 130, "Ctrl-C"],
    ["SIGTERM", 143, "a cancelled CI job"],
  ] as const)(
    "%s (%s, %s) stops a long run at once, leaving no partial report and no spool",
    async (sig, exitCode, _who) => {
      const output = join(work, "interrupted.json");
      // Spools go to the temporary directory: an empty one of the test's own shows what is left.
      const temporary = join(work, `tmp-${sig}`);
      mkdirSync(temporary, { recursive: true });
      const child = spawn(
        process.execPath,
        [bin, "check", bigFile, "--format", "json", "--output", output],
        {
          env: {
            PATH: process.env.PATH ?? "",
            TMPDIR: temporary,
            FLOORSPACE_PARALLEL_MIN_BYTES: "0",
          },
        },
      );
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const started = Date.now();
      setTimeout(() => child.kill(sig), 400);
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
        child.on("close", (status, exitSignal) => resolve([status, exitSignal])),
      );
      expect(signal === sig || code === exitCode).toBe(true);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(stderr).toBe("");
      expect(
        readdirSync(work).filter((name) => name.startsWith("interrupted") || name.endsWith(".tmp")),
      ).toEqual([]);
      expect(readdirSync(temporary)).toEqual([]);
    },
    30_000,
  );
});

describe("internal errors", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("say 'internal error, please report' and show the stack only with --debug", () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    expect(reportFailure(new InternalError("rows do not add up"), false)).toBe(3);
    expect(written.join("")).toBe(
      "floorspace: internal error (invariant broken), please report: rows do not add up\nfloorspace: run again with --debug for the details\n",
    );
    written.length = 0;
    expect(reportFailure(new TypeError("boom"), true)).toBe(3);
    expect(written.join("")).toMatch(/please report: boom\nTypeError: boom\n\s+at /);
  });
});
