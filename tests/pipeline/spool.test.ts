import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readSpool, SpoolWriter } from "../../src/pipeline/spool.js";

const directory = mkdtempSync(join(tmpdir(), "floorspace-spool-test-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Every piece copied as it comes: a piece's buffer is filled again once the next is taken. */
const bytesOf = (pieces: Iterable<Uint8Array>) =>
  Buffer.concat(Array.from(pieces, (piece) => Buffer.from(piece))).toString("utf8");

let spools = 0;

describe("spools", () => {
  it("give back exactly the texts written, joined by the separator, across any segment size", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 40 }),
    );
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 60 }),
        fc.integer({ min: 1, max: 300 }),
        (items, segmentBytes) => {
          const path = join(directory, `s${spools++}`);
          const writer = new SpoolWriter(path, ",\n", segmentBytes);
          for (const text of items) writer.add(text);
          const spool = writer.close();
          const expected = items.join(",\n");
          expect(spool.items).toBe(items.length);
          expect(bytesOf(readSpool(spool))).toBe(expected);
          // Read once more, now giving each segment back as soon as it is read.
          expect(bytesOf(readSpool(spool, true))).toBe(expected);
          expect(spool.paths.some((segment) => existsSync(segment))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("cuts a long spool into segments and removes each one once it has been read", () => {
    const path = join(directory, "long");
    const writer = new SpoolWriter(path, "\n", 1 << 20);
    const line = "平江路".repeat(50_000); // 450,000 bytes of UTF-8
    for (let index = 0; index < 10; index++) writer.add(`${index}${line}`);
    const spool = writer.close();
    expect(spool.paths.length).toBeGreaterThan(1);
    const seen: string[] = [];
    let removedBeforeEnd = false;
    for (const piece of readSpool(spool, true)) {
      seen.push(Buffer.from(piece).toString("latin1"));
      if (!existsSync(spool.paths[0] as string)) removedBeforeEnd = true;
    }
    expect(removedBeforeEnd).toBe(true);
    expect(Buffer.from(seen.join(""), "latin1").toString("utf8").split("\n").length).toBe(10);
    expect(readdirSync(directory).filter((name) => name.startsWith("long"))).toEqual([]);
  });
});
