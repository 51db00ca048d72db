import { describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/ingest/index.js";
import { evaluate } from "../../src/pipeline/evaluate.js";
import { loadPack } from "../../src/pipeline/packs.js";
import { loadFormatter } from "../../src/report/registry.js";

/**
 * Reports for people list the first rows of what can be huge (input errors, districts, findings)
 * and count the rest with a pointer to the full list, so no table grows past reading or past
 * the memory and time a terminal or browser has.
 */
const pack = await loadPack("suzhou-2010");
const header =
  "estate_id,name,district,households,community_space_area,phases,estate_delivery_date,community_space_delivery_date,filing_no";
const lines = [header];
for (let row = 0; row < 1000; row++) lines.push(`R${row},n,姑苏区,x,4,1,,,F`);
for (let row = 0; row < 300; row++) lines.push(`D${row},n,区${row},100,4,1,,,F`);
const input = ingestBytes(Buffer.from(`${lines.join("\n")}\n`), "big.csv");
const report = await evaluate({ inputs: [input] }, pack, {
  asOf: "2026-11-01",
  lang: "en",
  tool: { name: "floorspace", version: "t" },
});

describe("long lists in the formats for people", () => {
  it("table: 200 input errors and 200 districts, the rest counted", async () => {
    const text = String((await loadFormatter("table"))(report, { lang: "en", color: false }));
    expect(text).toContain(
      "… 800 more not listed (invalid-number 800); the full list: --format json",
    );
    expect(text).toContain("… 100 more not listed (districts 100); the full list: --format json");
    expect(text.split("\n").filter((line) => line.includes("big.csv:")).length).toBeLessThan(700);
  });

  it("markdown and HTML: the same for input errors, and findings past their limit counted", async () => {
    const markdown = String(
      (await loadFormatter("markdown"))(report, { lang: "en", color: false }),
    );
    expect(markdown).toContain("800 more not listed (invalid-number 800)");
    // 300 errors, 300 warnings (区0…区299 are no districts of the pack) and the file's
    // not-checked notice (no 会商编号 column), 50 listed.
    expect(markdown).toContain("…and 551 more; see the JSON report.");
    const html = String((await loadFormatter("html"))(report, { lang: "en", color: false }));
    expect(html).toContain("800 more not listed (invalid-number 800)");
    expect(html.match(/<tr class="error"/g)?.length).toBe(300);
  });
});

describe("why a rule could not judge, in words (issue 27)", () => {
  it("never shows a rule's internal message id", async () => {
    const { reasonWords, reasonsText } = await import("../../src/report/reasons.js");
    expect(reasonWords("estate-space-per-household", "noDate", "en")).toBe(
      "no land_transfer_date, cannot decide",
    );
    expect(reasonWords("estate-space-per-household", "noDate", "zh")).toBe(
      "未填土地出让日期,无法判断",
    );
    expect(reasonsText("estate-space-phase-one", { noPhase: 2 }, "en")).not.toMatch(/noPhase/);
  });
});
