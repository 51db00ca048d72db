import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overlaps, union } from "../../src/pipeline/id-hash.js";

/** Parts' sorted id hashes: merged and compared in one pass each, as sorting would say. */
const sortedHashes = fc
  .array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 })
  .map((values) => Float64Array.from(values).sort());

describe("id hashes of parts", () => {
  it("union is the sorted concatenation", () => {
    fc.assert(
      fc.property(sortedHashes, sortedHashes, (first, second) => {
        const expected = Float64Array.from([...first, ...second]).sort();
        expect([...union(first, second)]).toEqual([...expected]);
      }),
      { numRuns: 2000 },
    );
  });

  it("overlaps says whether two lists share a value", () => {
    fc.assert(
      fc.property(sortedHashes, sortedHashes, (first, second) => {
        const shared = [...first].some((value) => second.includes(value));
        expect(overlaps(first, second)).toBe(shared);
      }),
      { numRuns: 2000 },
    );
  });
});
