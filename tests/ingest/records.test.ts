import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseHeader } from "../../src/ingest/index.js";
import { recordBuilder } from "../../src/ingest/records.js";

const columns = "estate_id,name,district,households,community_space_area".split(",");
const header = analyseHeader({ line: 1, fields: columns }, ",", "t.csv", undefined);

/** Valid records wait in batches for their ids to be claimed; what comes out must not show it. */
describe("recordBuilder", () => {
  it("hands on records and reports problems in row order, whatever mix of rows comes", () => {
    // A row: a valid estate with one of a few ids (so repeats happen), one with a bad number,
    // or one cell short.
    const row = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((id) => ({ id: `E${id}`, bad: "" })),
      fc.constantFrom({ id: "X", bad: "number" }, { id: "Y", bad: "short" }),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), (rows) => {
        const handed: number[] = [];
        const builder = recordBuilder(
          "estate",
          "t.csv",
          columns.length,
          header.usable ? header.bindings : [],
          (line) => handed.push(line),
        );
        rows.forEach(({ id, bad }, index) => {
          const fields = [id, "花园", "姑苏区", bad === "number" ? "many" : "100", "40"];
          builder.add({ line: index + 2, fields: bad === "short" ? fields.slice(1) : fields });
        });
        builder.flush();
        // What one record at a time gives: the first of each id is handed on, the rest rejected.
        const seen = new Map<string, number>();
        const expectedHanded: number[] = [];
        const expectedProblems: Array<[number, string]> = [];
        rows.forEach(({ id, bad }, index) => {
          const line = index + 2;
          if (bad === "number") expectedProblems.push([line, "invalid-number"]);
          else if (bad === "short") expectedProblems.push([line, "ragged-row"]);
          else if (seen.has(id)) expectedProblems.push([line, "duplicate-id"]);
          else {
            seen.set(id, line);
            expectedHanded.push(line);
          }
        });
        expect(handed).toEqual(expectedHanded);
        expect(builder.result.problems.map((problem) => [problem.line, problem.code])).toEqual(
          expectedProblems,
        );
        expect(builder.result.valid).toBe(expectedHanded.length);
        expect(builder.result.rejected).toBe(expectedProblems.length);
      }),
      { numRuns: 300 },
    );
  });
});
