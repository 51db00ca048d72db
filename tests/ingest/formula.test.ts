import { describe, expect, it } from "vitest";
import { evaluateFormula } from "../../src/ingest/formula.js";

/** Formulas a program wrote without their values, evaluated exactly (issue 25). */
const sheet: Record<string, string> = {
  A1: "1003",
  B1: "0.4",
  C1: "0.1",
  D1: "0.2",
  E1: "名称",
  F1: "",
};
const cell = (at: number, row: number) => sheet[`${String.fromCharCode(65 + at)}${row}`];
const none = () => undefined;

describe("evaluateFormula", () => {
  it.each([
    ["A1*B1", "401.2"],
    ["C1+D1", "0.3"],
    ["SUM(A1:D1)", "1003.7"],
    ["SUM(A1,C1,2)", "1005.1"],
    ["(A1-3)/4", "250"],
    ["-A1+F1", "-1003"],
    ["$A$1*2", "2006"],
    ["1/3", "0.333333333333333"],
    ["SUM(A1:F1)", "1003.7"],
  ])("=%s is %s", (formula, value) => {
    expect(evaluateFormula(formula, cell, none)).toBe(value);
  });

  it.each([
    "VLOOKUP(A1,B1:C1,2)",
    "Sheet2!A1*2",
    "A1/0",
    "E1*2",
    "A1+",
    "SUM(A1:A1048576)*0+SUM(A1:XFD100)",
  ])("=%s is not plain arithmetic over this sheet: not evaluated", (formula) => {
    expect(evaluateFormula(formula, cell, none)).toBeUndefined();
  });

  it("evaluates a referenced formula in turn, and refuses a cycle", () => {
    const formulas: Record<string, string> = { G1: "A1*2", H1: "G1+1", I1: "J1", J1: "I1" };
    const formulaAt = (at: number, row: number) =>
      formulas[`${String.fromCharCode(65 + at)}${row}`];
    expect(evaluateFormula("H1", cell, formulaAt)).toBe("2007");
    expect(evaluateFormula("I1", cell, formulaAt)).toBeUndefined();
  });
});
