import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdIndex, idHash } from "../../src/ingest/id-index.js";

/** What the index replaced, as the reference: a Map from id to the line first seen on. */
function reference(ids: readonly string[]) {
  const firstLine = new Map<string, number>();
  const claims = ids.map((id, index) => {
    const seen = firstLine.get(id);
    if (seen === undefined) firstLine.set(id, index + 1);
    return seen;
  });
  return { claims, distinct: [...firstLine.keys()] };
}

describe("IdIndex", () => {
  it("answers as a Map of first lines would, through growth and collisions", () => {
    // Few distinct characters make repeats likely; long runs make the table grow many times.
    // Units above U+00FF take two bytes in the arena: "\u0100" is the bytes 00 01, as "\u0000\u0001"
    // would be in one byte a unit, and the two must stay apart.
    const id = fc.string({
      unit: fc.constantFrom("E", "1", "2", "苏", "-", "\u0000", "\u0001", "é", "\u00ff", "\u0100"),
      maxLength: 6,
    });
    fc.assert(
      fc.property(fc.array(id, { maxLength: 3000 }), (ids) => {
        const index = new IdIndex();
        const claims = ids.map((one, position) => index.claim(one, position + 1));
        const expected = reference(ids);
        expect(claims).toEqual(expected.claims);
        expect(index.size).toBe(expected.distinct.length);
        expect([...index.takeSortedHashes()]).toEqual(
          expected.distinct.map(idHash).sort((a, b) => a - b),
        );
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ["grown from empty", 0],
    ["sized for them", 100_000],
    ["sized for far more", 1_000_000],
  ])(
    "keeps a hundred thousand distinct ids apart and finds each repeat's first line (%s)",
    (_name, expected) => {
      const index = new IdIndex(expected);
      for (let line = 1; line <= 100_000; line++) {
        expect(index.claim(`91320500MA1${line}`, line)).toBeUndefined();
      }
      for (const line of [1, 4096, 65_537, 100_000]) {
        expect(index.claim(`91320500MA1${line}`, 200_000)).toBe(line);
      }
      expect(index.size).toBe(100_000);
      const hashes = index.takeSortedHashes();
      expect(hashes.length).toBe(100_000);
      expect(
        hashes.every((hash, position) => position === 0 || (hashes[position - 1] ?? 0) <= hash),
      ).toBe(true);
      // The hashes took the lines' memory: a claim now would read hashes as lines.
      expect(() => index.claim("91320500MA11", 300_000)).toThrow(/after takeSortedHashes/);
    },
  );
});
