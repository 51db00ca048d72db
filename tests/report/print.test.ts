import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { floorspace, root, sample } from "../helpers/cli.js";

/**
 * The reports as the offices that receive them print them: the HTML reports printed to PDF by
 * Chromium, the workbooks by LibreOffice, and each PDF read back page by page with pdftotext.
 * The sample's page counts are the ones docs/formats.md records.
 */
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveBrowser = existsSync(executablePath);
const havePoppler = spawnSync("pdftotext", ["-v"]).status === 0;
const haveLibreOffice = spawnSync("soffice", ["--version"]).status === 0;
if (process.env.CI && !(haveBrowser && havePoppler && haveLibreOffice))
  throw new Error(
    "printing tests need chromium, poppler-utils and LibreOffice: .ci/run installs them",
  );

const work = join(root, "test-output", "print");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const asOf = ["--as-of", "2026-11-01", "--lang", "zh"];
const samples = [sample("estates.csv"), sample("centers.csv")];

/** 120 estates, every one short, in a district whose name must not break: many findings pages. */
const many = join(work, "many-estates.csv");
writeFileSync(
  many,
  [
    "小区编号,小区名称,所属区(市),街道(镇),所属社区编号,总户数,土地出让日期,社区用房面积(㎡),总期数,社区用房期次,首期交付日期,社区用房交付日期,备案编号",
    ...Array.from(
      { length: 120 },
      (_, index) =>
        `E${index + 1},湖畔花园${index + 1}期,苏州工业园区,娄葑街道,C1,1000,2015-01-01,300,1,1,2016-01-01,2016-01-01,F${index}`,
    ),
  ].join("\n"),
);

function pdfPages(pdf: string): string[] {
  const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  return Array.from(
    { length: count },
    (_, index) =>
      spawnSync(
        "pdftotext",
        ["-f", String(index + 1), "-l", String(index + 1), "-layout", pdf, "-"],
        { encoding: "utf8" },
      ).stdout,
  );
}

/** "A4 landscape" or "A4 portrait", from what pdfinfo says of the first page. */
function pageSize(pdf: string): string {
  const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
  const match = /Page size:\s+([\d.]+) x ([\d.]+) pts \((\w+)\)/.exec(info);
  if (!match) return info;
  return `${match[3]} ${Number(match[1]) > Number(match[2]) ? "landscape" : "portrait"}`;
}

/** The pages from the one that shows `from` up to the one before `to` appears. */
function pagesBetween(pages: string[], from: string, to: string): string[] {
  const start = pages.findIndex((text) => text.includes(from));
  const end = pages.findIndex((text, index) => index > start && text.includes(to));
  return pages.slice(start, end === -1 ? undefined : end);
}

/** "第 2 页 / 共 13 页", however pdftotext spaces it. */
function pageNumber(page: number, pages: number): RegExp {
  return new RegExp(`第 ?${page} ?页 ?/ ?共 ?${pages} ?页`);
}

const findingsHeader = [
  "记录",
  "位置",
  "区",
  "规则",
  "级别",
  "说明",
  "实际",
  "标准",
  "缺口",
  "依据",
];

describe.skipIf(!(haveBrowser && havePoppler))("the HTML reports printed by Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function printed(name: string, args: string[]): Promise<{ pdf: string; pages: string[] }> {
    const html = join(work, `${name}.html`);
    const result = floorspace([...args, ...asOf, "--output", html]);
    expect(result.stderr).toBe("");
    const page = await browser.newPage();
    await page.goto(pathToFileURL(html).href);
    const pdf = join(work, `${name}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    await page.close();
    return { pdf, pages: pdfPages(pdf) };
  }

  it("prints the sample's check report on 13 A4 landscape pages, each with the title, pack, as-of date and its number", async () => {
    const { pdf, pages } = await printed("check", ["check", ...samples]);
    expect(pageSize(pdf)).toBe("A4 landscape");
    expect(pages).toHaveLength(13);
    for (const [index, text] of pages.entries()) {
      expect(text).toContain("社区办公活动用房审查报告 · suzhou-2010 · 2026-11-01");
      expect(text).toMatch(pageNumber(index + 1, pages.length));
    }
    const findingsPages = pagesBetween(pages, "发现的问题", "老城区“以奖代补”改造清单");
    expect(findingsPages.length).toBeGreaterThan(3);
    for (const text of findingsPages) {
      for (const heading of findingsHeader) expect(text).toContain(heading);
    }
    // A place name on one line, and the rule chart names rules by title, not id.
    expect(pages.join("\n")).toContain("苏州工业园区");
    expect(pages[0]).toContain("新建住宅小区按户配建社区用房");
  }, 60_000);

  it("repeats the findings table's header, labels and all, on every page of a long list", async () => {
    const { pages } = await printed("check-many", ["check", many]);
    const findingsPages = pagesBetween(pages, "发现的问题", "老城区“以奖代补”改造清单");
    expect(findingsPages.length).toBeGreaterThan(8);
    for (const text of findingsPages) {
      for (const heading of findingsHeader) expect(text).toContain(heading);
      expect(text).toContain("湖畔花园");
    }
    // No place name broken inside a word: the district is printed whole on every finding's row.
    const printedText = findingsPages.join("\n");
    expect(printedText.match(/苏州工业园区/g)?.length).toBeGreaterThanOrEqual(110);
    expect(printedText).not.toMatch(/苏州工业园(?!区)/);
  }, 60_000);

  it("prints the retrofit worklist on one A4 portrait page", async () => {
    const { pdf, pages } = await printed("retrofit", ["retrofit", ...samples]);
    expect(pageSize(pdf)).toBe("A4 portrait");
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatch(pageNumber(1, 1));
    expect(pages[0]).toContain("C01");
  }, 60_000);

  it("prints a comparison of four packs with every pack's columns and why communities could not be decided", async () => {
    const packs = ["suzhou-2010", "jiangsu-2022", "national-2022", "jiangsu-2011"];
    const { pdf, pages } = await printed("compare", [
      "compare",
      ...samples,
      ...packs.flatMap((pack) => ["--rules", pack]),
    ]);
    expect(pageSize(pdf)).toBe("A4 landscape");
    expect(pages).toHaveLength(2);
    const all = pages.join("\n");
    for (const pack of packs) expect(all).toContain(`${pack} ·`);
    expect(all.match(/未达目标|未达标/g)?.length).toBeGreaterThanOrEqual(packs.length);
    expect(all).toContain("无法判断是否符合条件的社区");
    expect(all).toContain("C17");
    for (const [index, text] of pages.entries())
      expect(text).toMatch(pageNumber(index + 1, pages.length));
  }, 60_000);
});

describe.skipIf(!(haveLibreOffice && havePoppler))("the workbooks printed by LibreOffice", () => {
  function printed(name: string, args: string[]): { pdf: string; pages: string[] } {
    const book = join(work, `${name}.xlsx`);
    const result = floorspace([...args, ...asOf, "--output", book]);
    expect(result.stderr).toBe("");
    const converted = spawnSync(
      "soffice",
      ["--headless", "--convert-to", "pdf", "--outdir", work, book],
      {
        encoding: "utf8",
        env: { ...process.env, HOME: work },
        timeout: 120_000,
      },
    );
    expect(converted.status).toBe(0);
    const pdf = join(work, `${name}.pdf`);
    return { pdf, pages: pdfPages(pdf) };
  }

  it("prints the sample's audit workbook on 5 A4 pages, a sheet to a page's width, each with the title and its number", () => {
    const { pdf, pages } = printed("check-book", ["check", ...samples]);
    expect(pageSize(pdf)).toBe("A4 portrait");
    expect(pages).toHaveLength(5);
    for (const [index, text] of pages.entries()) {
      expect(text).toContain("社区办公活动用房审查报告 · suzhou-2010 · 评估基准日 2026-11-01");
      expect(text).toMatch(new RegExp(`\\b${index + 1} ?/ ?${pages.length}\\b`));
    }
    // The district table ends in its 合计 row.
    expect(pages[0]).toMatch(/合计\s+48\s+26\s+17\s+5\s+0/);
  }, 120_000);

  it("repeats the findings sheet's header on every printed page of a long list", () => {
    const { pages } = printed("check-many-book", ["check", many]);
    const findingsPages = pages.filter((text) => text.includes("湖畔花园"));
    expect(findingsPages.length).toBeGreaterThanOrEqual(2);
    for (const text of findingsPages) {
      for (const heading of ["文件", "行/单元格", "规则", "级别", "结果", "说明"])
        expect(text).toContain(heading);
    }
  }, 120_000);

  it("prints the sample's retrofit worklist on 2 A4 pages (the list, and the communities that could not be decided)", () => {
    const { pdf, pages } = printed("retrofit-book", ["retrofit", ...samples]);
    expect(pageSize(pdf)).toBe("A4 landscape");
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain("合计");
    expect(pages[1]).toContain("C17");
  }, 120_000);
});
