import { describe, expect, it } from "vitest";
import { SharedStrings } from "../../src/ingest/shared-strings.js";

describe("a workbook's shared strings", () => {
  const text = "<si><t>吴江区</t></si><si><t>E1</t></si>";
  const strings = new SharedStrings();
  strings.addCut(text, 7, 10);
  strings.addMade("rich text");
  strings.addCut(text, 26, 28);

  it("are cut from the text they were read from when named, and made ones returned as made", () => {
    expect(strings.length).toBe(3);
    expect([0, 1, 2].map((index) => strings.get(index))).toEqual(["吴江区", "rich text", "E1"]);
  });

  it("give the same text however often one is named, from then on the same string", () => {
    const named = [strings.get(0), strings.get(0), strings.get(0)];
    expect(named).toEqual(["吴江区", "吴江区", "吴江区"]);
    expect(Object.is(named[1], named[2])).toBe(true);
  });

  it("name nothing past the table or below it", () => {
    for (const index of [-1, 3, 1.5, Number.NaN]) expect(strings.get(index)).toBeUndefined();
  });

  it("say whether any may hold U+FFFD, looked for in the texts they are cut from", () => {
    expect(strings.mayHoldFault()).toBe(false);
    const spoilt = SharedStrings.of(["ok", "bad \uFFFD"]);
    expect(spoilt.mayHoldFault()).toBe(true);
    const grown = new SharedStrings();
    for (let index = 0; index < 5000; index++)
      grown.addCut(`<t>${index}</t>`, 3, 3 + String(index).length);
    expect(grown.get(4999)).toBe("4999");
    grown.addCut("\uFFFD", 0, 1);
    expect(grown.mayHoldFault()).toBe(true);
  });
});
