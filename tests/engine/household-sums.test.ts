import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HouseholdSums } from "../../src/engine/evaluate.js";
import type { Estate } from "../../src/model/records.js";

/**
 * The per-community sums for the centers given, one lookup an estate, against the plain way:
 * every estate summed into a Map, then only the centers' communities kept. A
 * community no estate names has no sum (not a sum of 0), and one whose estates have 0
 * households has a sum of 0.
 */
const community: fc.Arbitrary<string> = fc.constantFrom("C1", "C2", "C3", "C10", "社区1");
const estate = fc.record({
  community_id: fc.option(community, { nil: undefined }),
  households: fc.integer({ min: 0, max: 5000 }),
});

describe("HouseholdSums", () => {
  it("sums the households of the centers' communities as a Map of every community would", () => {
    fc.assert(
      fc.property(fc.array(community), fc.array(estate), (wanted, estates) => {
        const sums = new HouseholdSums(wanted);
        const all = new Map<string, number>();
        for (const one of estates) {
          sums.add(one as unknown as Estate);
          if (one.community_id !== undefined)
            all.set(one.community_id, (all.get(one.community_id) ?? 0) + one.households);
        }
        const expected = [...all].filter(([id]) => wanted.includes(id));
        const byId = (a: [string, number], b: [string, number]) => a[0].localeCompare(b[0]);
        expect(sums.entries().sort(byId)).toEqual(expected.sort(byId));
      }),
      { numRuns: 1000 },
    );
  });
});
