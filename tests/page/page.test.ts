import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spreadsheetCells } from "../../src/ingest/workbook.js";
import { floorspace, root, sample } from "../helpers/cli.js";

/**
 * The offline page (issue 29) in Debian's Chromium, driven by playwright-core: registers are
 * chosen in the page, the report downloaded, and it must equal `floorspace check`'s JSON apart
 * from the file paths (the page knows file names only) and the time it was made. Every request
 * the page makes is recorded and anything but the page itself and its own blob: URLs is refused.
 */
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveBrowser = existsSync(executablePath);
if (!haveBrowser && process.env.CI)
  throw new Error(`no Chromium at ${executablePath}: .ci/run installs it`);

const pageFile = join(root, "dist", "floorspace.html");
// Where the command line writes the workbooks compared with the page's (a fresh clone has none).
mkdirSync(join(root, "test-output"), { recursive: true });
/** The page's globals, as the functions evaluated in it see them (the types are erased). */
type PageGlobals = { document: { body: { dataset: Record<string, string | undefined> } } };
const asOf = "2026-11-01";

/** A report without what depends on where it was made: file paths to names, no time. */
function comparable(json: string): unknown {
  return JSON.parse(json, (key, value) =>
    key === "generatedAt"
      ? undefined
      : key === "file" && typeof value === "string"
        ? basename(value)
        : value,
  );
}

function cliReport(files: string[], lang: "zh" | "en"): unknown {
  const result = floorspace([
    "check",
    ...files,
    "--format",
    "json",
    "--as-of",
    asOf,
    "--lang",
    lang,
    "--fail-on",
    "never",
  ]);
  expect(result.stderr).toBe("");
  return comparable(result.stdout);
}

const fixtures = (folder: string, pattern: RegExp) =>
  readdirSync(join(root, "fixtures", folder))
    .filter((name) => pattern.test(name))
    .map((name) => [join(root, "fixtures", folder, name)]);

const cases: string[][] = [
  [sample("estates.csv"), sample("centers.csv")],
  [sample("estates-en.csv"), sample("centers-en.csv")],
  ...fixtures("workbooks", /\.(xlsx|xls|ods)$/),
  ...fixtures("bad", /\.csv$/),
  ...fixtures("forms", /\.csv$/),
  ...fixtures("coverage", /\.csv$/),
  [join(root, "fixtures", "hostile", "estates.csv")],
];

describe.skipIf(!haveBrowser)("the offline page in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    });
    context = await browser.newContext({ acceptDownloads: true, locale: "en-US" });
    // Nothing may leave the machine: every request is recorded, and only the page's own file and
    // the blob: URLs it makes itself are let through.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      return url.startsWith("file:") || url.startsWith("blob:") ? route.continue() : route.abort();
    });
    context.on("request", (request) => requests.push(request.url()));
    page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(pageFile).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function run(files: string[], lang: "zh" | "en" = "en"): Promise<string> {
    await page.selectOption("#lang", lang);
    await page.setInputFiles("#registers", files);
    await page.fill("#as-of", asOf);
    await page.dispatchEvent("#as-of", "change");
    await page.click("#run");
    await page.waitForFunction(
      () =>
        ["done", "failed"].includes(
          (globalThis as unknown as PageGlobals).document.body.dataset.phase ?? "",
        ),
      null,
      { timeout: 60_000 },
    );
    return (await page.textContent("#status")) ?? "";
  }

  async function downloaded(button: string): Promise<Buffer> {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    return readFileSync((await download.path()) as string);
  }

  it("is one file of at most 3 MB that forbids every request", () => {
    expect(statSync(pageFile).size).toBeLessThanOrEqual(3 * 1024 * 1024);
    const html = readFileSync(pageFile, "utf8");
    expect(html).toMatch(
      /Content-Security-Policy" content="default-src 'none';[^"]*connect-src 'none'/,
    );
    expect(html).not.toMatch(/\b(src|href)="https?:/);
  });

  it.each(cases)(
    "gives the command line's report for %s",
    async (...files) => {
      await run(files);
      expect(
        await page.evaluate(
          () => (globalThis as unknown as PageGlobals).document.body.dataset.phase,
        ),
      ).toBe("done");
      const json = (await downloaded("#download-json")).toString("utf8");
      expect(comparable(json)).toEqual(cliReport(files, "en"));
    },
    60_000,
  );

  it("gives the same report in Chinese, and its verdict line in the page", async () => {
    const files = [sample("estates.csv"), sample("centers.csv")];
    const status = await run(files, "zh");
    expect(status).toMatch(/^错误 \d+ · 警告 \d+/);
    expect(comparable((await downloaded("#download-json")).toString("utf8"))).toEqual(
      cliReport(files, "zh"),
    );
    expect(await page.textContent("h1")).toContain("核查");
  }, 60_000);

  it("downloads the audit and worklist workbooks the command line writes, sheet for sheet", async () => {
    const files = [sample("estates.csv"), sample("centers.csv")];
    await run(files);
    const sheetsOf = async (bytes: Buffer, name: string) => {
      const path = join(root, "test-output", name);
      const { writeFileSync, mkdirSync } = await import("node:fs");
      mkdirSync(join(root, "test-output"), { recursive: true });
      writeFileSync(path, bytes);
      return (await spreadsheetCells(path, 1 << 30)).map((sheet) => ({
        name: sheet.name,
        rows: sheet.cells.rows
          .map((row) => row.fields.join("|"))
          .filter((row) => !/20\d\d-\d\d-\d\dT/.test(row)),
      }));
    };
    for (const [button, format, command] of [
      ["#download-audit", "xlsx", "check"],
      ["#download-worklist", "xlsx", "retrofit"],
    ] as const) {
      const bytes = await downloaded(button);
      expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
      const cliFile = join(root, "test-output", `page-cli-${command}.xlsx`);
      // Run beside the registers, so that the workbook names them as the page does: by name.
      const result = floorspace(
        [
          command,
          ...files.map((file) => basename(file)),
          "--format",
          format,
          "--output",
          cliFile,
          "--as-of",
          asOf,
          "--lang",
          "en",
          ...(command === "check" ? ["--fail-on", "never"] : []),
        ],
        {},
        dirname(sample("estates.csv")),
      );
      expect(result.stderr).toBe("");
      expect(await sheetsOf(bytes, `page-${command}.xlsx`)).toEqual(
        await sheetsOf(readFileSync(cliFile), `page-cli-copy-${command}.xlsx`),
      );
    }
    const template = await downloaded("#download-template");
    expect((await sheetsOf(template, "page-template.xlsx")).map((sheet) => sheet.name)).toEqual([
      "Instructions",
      "estates",
      "centers",
      "lists",
    ]);
  }, 90_000);

  it.each(["national-2022", "jiangsu-2011", "jiangsu-2022"])(
    "judges by the built-in pack %s as check --rules does",
    async (pack) => {
      const files = [sample("estates.csv"), sample("centers.csv")];
      await page.selectOption("#pack", pack);
      await run(files);
      const json = (await downloaded("#download-json")).toString("utf8");
      await page.selectOption("#pack", "suzhou-2010");
      const result = floorspace([
        "check",
        ...files,
        "--rules",
        pack,
        "--format",
        "json",
        "--as-of",
        asOf,
        "--lang",
        "en",
        "--fail-on",
        "never",
      ]);
      expect(comparable(json)).toEqual(comparable(result.stdout));
    },
    60_000,
  );

  it("speaks Chinese where the browser does", async () => {
    const chinese = await browser.newContext({ locale: "zh-CN" });
    await chinese.route("**/*", (route) =>
      route.request().url().startsWith("file:") ? route.continue() : route.abort(),
    );
    const tab = await chinese.newPage();
    await tab.goto(pathToFileURL(pageFile).href);
    expect(await tab.textContent("h1")).toBe("floorspace 社区用房核查");
    expect(await tab.textContent("#run")).toBe("开始核查");
    expect(await tab.getAttribute("html", "lang")).toBe("zh-CN");
    await chinese.close();
  });

  it("says how far it has read a large register", async () => {
    const statuses: string[] = [];
    await page.exposeFunction("floorspaceStatus", (text: string) => statuses.push(text));
    // The page's elements are made again when files are chosen: the whole body is watched.
    await page.evaluate(() => {
      type Node = { textContent: string | null };
      const scope = globalThis as unknown as {
        document: { body: Node; getElementById(id: string): Node | null };
        MutationObserver: new (
          callback: () => void,
        ) => { observe(target: Node, options: object): void };
        floorspaceStatus(text: string): void;
      };
      new scope.MutationObserver(() =>
        scope.floorspaceStatus(String(scope.document.getElementById("status")?.textContent)),
      ).observe(scope.document.body, { childList: true, characterData: true, subtree: true });
    });
    // 45,000 estates: the sample's rows again and again, each under an id of its own.
    const [header, ...rows] = readFileSync(sample("estates-en.csv"), "utf8").trim().split("\n");
    const many = Array.from({ length: 45_000 }, (_, index) =>
      (rows[index % rows.length] as string).replace(/^[^,]+/, `E${index}`),
    );
    const big = join(root, "test-output", "page-many-estates.csv");
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(dirname(big), { recursive: true });
    writeFileSync(big, [header, ...many, ""].join("\n"));
    await run([big]);
    expect(
      statuses.some((text) => /^Reading page-many-estates\.csv: \d+%, [\d,]+ rows$/.test(text)),
    ).toBe(true);
  }, 60_000);

  it("says why a rule pack cannot be used, in the page", async () => {
    await page.setInputFiles("#pack-file", {
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from("{ not json"),
    });
    const status = await run([sample("estates.csv")]);
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.dataset.phase),
    ).toBe("failed");
    expect(status).toContain("broken.json");
    await page.setInputFiles("#pack-file", []);
  }, 60_000);

  it("stops when cancelled, and audits again after", async () => {
    await page.setInputFiles("#registers", [join(root, "fixtures", "hostile", "estates.csv")]);
    await page.click("#run");
    await page.click("#cancel");
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.dataset.phase),
    ).toBe("cancelled");
    await run([sample("estates.csv"), sample("centers.csv")]);
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.dataset.phase),
    ).toBe("done");
  }, 60_000);

  it("made no request but for itself and its own blobs, and threw nothing", () => {
    expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("blob:"))).toEqual(
      [],
    );
    expect(errors).toEqual([]);
  });
});
