import { resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * The core as a page would load it: the engine, the rules and packs, and the renderers a page
 * offers (HTML report, JSON, the audit and worklist workbooks, the comparison), bundled by esbuild
 * for a browser. It must resolve without one Node module, its own or a dependency's (the
 * terminal's table library needs Node, so the renderers for people at a terminal are apart).
 */
const src = resolve(import.meta.dirname, "..", "..", "src");
const entries = [
  "engine/evaluate.ts",
  "rules/registry.ts",
  "rules/pack.ts",
  "report/html/index.ts",
  "report/json.ts",
  "report/xlsx.ts",
  "report/retrofit.ts",
  "report/retrofit-xlsx.ts",
  "report/compare.ts",
  "report/markdown.ts",
].map((entry) => resolve(src, entry));

describe("the core in a browser", () => {
  it("bundles for a browser with no Node module anywhere in what it reaches", async () => {
    const result = await build({
      entryPoints: entries,
      bundle: true,
      platform: "browser",
      format: "esm",
      splitting: true,
      outdir: resolve(src, "..", "test-output", "browser-bundle"),
      write: false,
      logLevel: "silent",
      metafile: true,
    }).catch((error: { errors?: Array<{ text: string; location?: { file: string } | null }> }) => ({
      errors: error.errors ?? [],
    }));
    const errors = "errors" in result ? result.errors : [];
    expect(errors.map((error) => `${error.location?.file}: ${error.text}`)).toEqual([]);
  }, 60_000);
});
