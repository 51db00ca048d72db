import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { floorspace, root } from "../helpers/cli.js";

/** fixtures/forms/cells-as-filled.csv, worked by hand in fixtures/forms/README.md. */
describe("cells as clerks fill them", () => {
  const result = floorspace([
    "check",
    join(root, "fixtures", "forms", "cells-as-filled.csv"),
    "--as-of",
    "2026-11-01",
    "--lang",
    "en",
    "--format",
    "json",
  ]);
  const report = JSON.parse(result.stdout);

  it("reads Chinese-numeral dates, skips 汇总, and every row is accounted for", () => {
    expect(report.inputs[0]).toMatchObject({ records: 4, valid: 1, rejected: 2, skipped: 1 });
    expect(report.summary.rules["estate-space-per-household"]).toMatchObject({ pass: 1, fail: 0 });
    expect(report.summary.rules["estate-space-synchronous"]).toMatchObject({ pass: 1, fail: 0 });
  });

  it("says what a spreadsheet error is, and never suggests --fill-down for a name", () => {
    const errors = report.inputErrors.map(
      (error: { code: string; line: number; message: string }) => [
        error.code,
        error.line,
        error.message,
      ],
    );
    expect(errors).toContainEqual([
      "spreadsheet-error",
      3,
      expect.stringContaining("#REF! (a formula refers to cells that were deleted)"),
    ]);
    const missing = errors.find(([code]: [string]) => code === "missing-value");
    expect(missing?.[1]).toBe(4);
    expect(missing?.[2]).not.toContain("--fill-down");
  });
});
