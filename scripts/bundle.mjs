#!/usr/bin/env node
// The second half of `npm run build` (tsc is the first): writes the CLI as one CommonJS file,
// dist/bundle/cli.cjs (and the HTML report apart, in html.cjs), then runs it once on the sample data so that V8's code cache for it,
// dist/bundle/cli.cjs.cache, holds what a check compiles. dist/cli/run.js runs the bundle from
// that cache; see its comment for why, and README "Start-up" for the numbers.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bundleDir = join(root, "dist", "bundle");

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // Shorter source is less to read and hash at every start. Names are kept, so a --debug stack
  // still names its functions.
  minify: true,
  keepNames: true,
  legalComments: "eof",
  logLevel: "warning",
  // The modules find the rule packs, the package.json and the worker from their own URL. The
  // bundle sits as deep under the package as they do, so the same relative paths hold.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // import() of a file outside the bundle becomes require(): a script compiled from a code
  // cache has no way to load ES modules.
  supported: { "dynamic-import": false },
  // The workbook libraries stay in node_modules, loaded only when a workbook is read or written:
  // a megabyte less to compile at every start, and Node's deprecation warnings about their
  // Buffer() calls stay silenced there, as they are for any dependency.
  external: ["exceljs", "yauzl"],
};

rmSync(bundleDir, { recursive: true, force: true });
// The HTML report brings echarts (megabytes of code): a file of its own, read only when an HTML
// report is asked for.
await build({
  ...common,
  entryPoints: [join(root, "dist", "report", "html", "index.js")],
  outfile: join(bundleDir, "html.cjs"),
});
await build({
  ...common,
  entryPoints: [join(root, "dist", "cli", "index.js")],
  outfile: join(bundleDir, "cli.cjs"),
  plugins: [
    {
      // commander loads child_process (and with it net and dgram) at start for subcommands run
      // as executables, which floorspace has none of: load it only if it is ever called.
      name: "child-process-when-used",
      setup(builder) {
        builder.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
          args.importer.includes(`${sep}commander${sep}`)
            ? { path: "child_process", namespace: "when-used" }
            : undefined,
        );
        builder.onLoad({ filter: /.*/, namespace: "when-used" }, () => ({
          contents: 'exports.spawn = (...args) => require("node:child_process").spawn(...args);',
          loader: "js",
        }));
      },
    },
    {
      name: "html-report-apart",
      setup(builder) {
        builder.onResolve({ filter: /\/html\/index\.js$/ }, () => ({
          path: "./html.cjs",
          external: true,
        }));
      },
    },
  ],
});

// esbuild leaves Chinese characters raw in regular expressions. Escaped, the bundle is ASCII, and
// dist/cli/run.js reads it as latin1: half the time of decoding it as UTF-8 (which, once one
// character is not ASCII, also doubles the string). \uXXXX means the same in every place the
// bundle has such characters (strings, regular expressions, comments); it has no raw templates.
const cliFile = join(bundleDir, "cli.cjs");
const ascii = readFileSync(cliFile, "utf8").replace(
  /[^\0-\x7f]/g,
  (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
);
writeFileSync(cliFile, ascii);

const scratch = mkdtempSync(join(tmpdir(), "floorspace-bundle-"));
try {
  const sample = join(root, "fixtures", "suzhou-sample");
  execFileSync(
    process.execPath,
    [
      join(root, "bin", "floorspace.js"),
      "check",
      join(sample, "estates.csv"),
      join(sample, "centers.csv"),
      "--format",
      "json",
      "--output",
      join(scratch, "report.json"),
      "--fail-on",
      "never",
    ],
    { env: { ...process.env, FLOORSPACE_WRITE_CODE_CACHE: "1" }, stdio: "inherit" },
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
