import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { floorspace, root, sample } from "../helpers/cli.js";

/**
 * The HTML report in a real browser: Debian's Chromium, headless, driven by playwright-core.
 * CI installs Chromium (.ci/run); a developer machine without it skips these with a warning.
 */
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveBrowser = existsSync(executablePath);
if (!haveBrowser && process.env.CI)
  throw new Error(`no Chromium at ${executablePath}: .ci/run installs it`);
if (!haveBrowser)
  console.warn(
    `html-browser tests skipped: no Chromium at ${executablePath} (apt-get install chromium)`,
  );

const out = join(root, "test-output", "html");
mkdirSync(out, { recursive: true });
const asOf = ["--as-of", "2026-11-01"];

function make(name: string, args: string[]) {
  const html = join(out, `${name}.html`);
  const json = join(out, `${name}.json`);
  const result = floorspace([
    "check",
    ...args,
    ...asOf,
    "--format",
    "html",
    "--output",
    html,
    "--report",
    `json=${json}`,
    "--lang",
    "zh",
  ]);
  expect(result.stderr).toBe("");
  return { url: pathToFileURL(html).href, report: JSON.parse(readFileSync(json, "utf8")), html };
}

describe.skipIf(!haveBrowser)("the HTML report in Chromium", () => {
  let browser: Browser;
  let page: Page;
  const offPage: string[] = [];
  const violations: string[] = [];
  const dialogs: string[] = [];
  const sampleReport = make("sample", [sample("estates.csv"), sample("centers.csv")]);
  const hostileReport = make("hostile", [join(root, "fixtures", "hostile", "estates.csv")]);

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("request", (request) => {
      if (!request.url().startsWith("file://")) offPage.push(request.url());
    });
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/.test(message.text()))
        violations.push(message.text());
    });
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the same counts as the JSON report, and makes no request", async () => {
    await page.goto(sampleReport.url);
    const { report } = sampleReport;
    const value = (id: string) => page.locator(`#count-${id} .value`).innerText();
    expect(await value("error")).toBe(String(report.summary.findings.error));
    expect(await value("warning")).toBe(String(report.summary.findings.warning));
    expect(await value("eligible")).toBe(String(report.summary.eligible));
    expect(await value("estates")).toBe(String(report.summary.records.estates));
    expect(await page.locator("#findings-table tbody tr").count()).toBe(report.findings.length);
    expect(await page.locator("#chart-shortfall svg").count()).toBe(1);
    await page.screenshot({ path: join(out, "sample.png"), fullPage: true });
    expect(offPage).toEqual([]);
    expect(violations).toEqual([]);
  });

  it("shows each district's totals as the JSON report has them", async () => {
    const rows = page.locator("#districts-table tbody tr");
    const districts = Object.entries(sampleReport.report.summary.districts) as Array<
      [string, { failing: number; shortfall: number }]
    >;
    expect(await rows.count()).toBe(districts.length);
    for (const [district, summary] of districts) {
      const row = page.locator(`#districts-table tr[data-district="${district}"]`);
      expect(await row.locator("td.shortfall").innerText()).toBe(summary.shortfall.toFixed(2));
      expect(await row.locator("td.failing").innerText()).toBe(String(summary.failing));
    }
  });

  it("filters findings by district, rule and severity without a server", async () => {
    await page.selectOption("#filter-district", "姑苏区");
    const visible = page.locator("#findings-table tbody tr:not([hidden])");
    const expected = sampleReport.report.findings.filter(
      (finding: { district: string }) => finding.district === "姑苏区",
    );
    expect(await visible.count()).toBe(expected.length);
    for (const district of await visible.evaluateAll((rows) =>
      rows.map((row) => row.getAttribute("data-district")),
    )) {
      expect(district).toBe("姑苏区");
    }
    expect(await page.locator("#findings-shown").innerText()).toBe(String(expected.length));
    await page.selectOption("#filter-severity", "error");
    expect(await visible.count()).toBe(
      expected.filter((finding: { severity: string }) => finding.severity === "error").length,
    );
    await page.selectOption("#filter-district", "");
    await page.selectOption("#filter-severity", "");
    await page.selectOption("#filter-rule", "old-town-retrofit");
    expect(await visible.count()).toBe(3);
    await page.selectOption("#filter-rule", "");
  });

  it("sorts findings by shortfall, by click and by keyboard", async () => {
    // The heading itself sorts (a button inside it would print without its label).
    const header = page.locator("#findings-table thead th.sortable", { hasText: "缺口" });
    expect(await header.locator("button").count()).toBe(0);
    await header.click();
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    const ascending = await page
      .locator("#findings-table tbody td.shortfall")
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-sort"))));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await header.focus();
    await page.keyboard.press("Enter");
    expect(await header.getAttribute("aria-sort")).toBe("descending");
    const descending = await page
      .locator("#findings-table tbody td.shortfall")
      .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-sort"))));
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
  });

  it("lists the retrofit communities and links every rule to its clause", async () => {
    expect(await page.locator("#retrofit-table tbody tr").count()).toBe(2);
    expect(await page.locator("#retrofit-total").innerText()).toContain("90.00");
    await page.locator('a[href="#rule-old-town-retrofit"]').first().click();
    expect(await page.locator("#rule-old-town-retrofit blockquote").innerText()).toContain(
      "对老城区社区办公活动用房改造实行“以奖代补”",
    );
  });

  it("prints to A4 PDF", async () => {
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ path: join(out, "sample.pdf"), format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.emulateMedia({ media: "screen" });
  });

  it("shows hostile names as text: no script runs, no element is injected", async () => {
    await page.goto(hostileReport.url);
    const text = await page.locator("#findings-table").innerText();
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("<img src=x onerror=alert(2)>");
    expect(await page.locator("#findings-table img, #findings-table script").count()).toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(offPage).toEqual([]);
    await page.screenshot({ path: join(out, "hostile.png"), fullPage: true });
  });
});
