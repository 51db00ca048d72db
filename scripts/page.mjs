#!/usr/bin/env node
// The third part of `npm run build`: the offline page, dist/floorspace.html. One file a clerk
// opens from disk: the page's script and the worker's (the same readers, passes, rules and
// renderers as the command line, bundled by esbuild for a browser), the built-in rule packs and
// the styles, under a Content-Security-Policy that allows no request at all. Prints its size.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const packs = Object.fromEntries(
  readdirSync(join(root, "rules"))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => [name.replace(/\.json$/, ""), readFileSync(join(root, "rules", name), "utf8")]),
);

/**
 * Node's modules, and the Node-only readers, are reached by the shared pipeline but never run in
 * the page (no file is read from a path, no thread or spool is made): each is a module whose
 * every export throws if it is ever called, so a path taken by mistake fails loudly.
 */
const nodeOnly = {
  name: "node-only",
  setup(builder) {
    builder.onResolve({ filter: /^(node:[a-z_/]+|yauzl)$/ }, (args) => ({
      path: args.path,
      namespace: "node-only",
    }));
    // The terminal's renderers (cli-table3, chalk): a page has no terminal.
    builder.onResolve({ filter: /\/(table|terminal|retrofit-table|compare-table)\.js$/ }, (args) =>
      args.importer.includes(`${sep}src${sep}report${sep}`)
        ? { path: args.path, namespace: "node-only" }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: "node-only" }, (args) => ({
      contents: `const refuse = (name) => () => { throw new Error(${JSON.stringify(args.path)} + " is not available in the page (" + String(name) + ")"); };
module.exports = new Proxy({}, { get: (_, name) => name === "__esModule" ? false : refuse(name) });`,
      loader: "js",
    }));
  },
};

const common = {
  bundle: true,
  platform: "browser",
  format: "iife",
  target: ["chrome100", "firefox113", "edge100"],
  minify: true,
  legalComments: "none",
  write: false,
  logLevel: "warning",
  // csv-parse's own build for browsers carries what it needs of Buffer.
  alias: { "csv-parse/sync": "csv-parse/browser/esm/sync" },
  define: {
    FLOORSPACE_PACKS: JSON.stringify(packs),
    FLOORSPACE_TOOL: JSON.stringify({ name: manifest.name, version: manifest.version }),
    "process.env.NODE_ENV": '"production"',
    // Only the threads of the command line ask where their own file is; the page starts none.
    "import.meta.url": '"about:blank"',
  },
  plugins: [nodeOnly],
};

const [worker, main] = await Promise.all(
  ["worker.ts", "main.ts"].map((entry) =>
    build({ ...common, entryPoints: [join(root, "src", "page", entry)] }).then(
      (result) => result.outputFiles[0].text,
    ),
  ),
);
for (const [name, text] of [
  ["worker", worker],
  ["main", main],
]) {
  if (/<\/script/i.test(text)) throw new Error(`the ${name} script holds </script>`);
}

const policy = [
  "default-src 'none'",
  "script-src 'unsafe-inline' blob:",
  "worker-src blob:",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "frame-src blob: about: data:",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

const styles = `
body { font: 15px/1.5 system-ui, "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.offline { color: #2f6f3e; margin-top: 0; }
#registers { position: absolute; left: -9999px; }
.drop { display: block; border: 2px dashed #8a9bb0; border-radius: 8px; padding: 1.5rem; text-align: center; cursor: pointer; background: #f6f8fb; }
.drop:focus-within, .drop:hover { border-color: #2a5db0; }
#chosen { color: #444; font-size: .9rem; word-break: break-all; }
.settings { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; margin: 1rem 0; }
.actions button, .downloads button { font: inherit; padding: .4rem 1rem; margin-right: .5rem; }
#run { background: #2a5db0; color: #fff; border: 0; border-radius: 4px; }
#pack { max-width: 36rem; }
#status { min-height: 1.5em; font-weight: 600; }
body[data-phase="failed"] #status { color: #b00020; }
.downloads { display: flex; flex-wrap: wrap; gap: .5rem; }
#report { width: 100%; height: 80vh; border: 1px solid #ccd; margin-top: 1rem; }
`;

const html = [
  "<!DOCTYPE html>",
  '<html lang="zh-CN">',
  "<head>",
  '<meta charset="utf-8">',
  `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
  '<meta name="viewport" content="width=device-width, initial-scale=1">',
  `<title>floorspace ${manifest.version}</title>`,
  `<style>${styles}</style>`,
  "</head>",
  '<body data-phase="loading">',
  '<div id="app"></div>',
  `<script id="floorspace-worker" type="text/plain">${worker}</script>`,
  `<script>${main}</script>`,
  "</body>",
  "</html>",
  "",
].join("\n");

const out = join(root, "dist", "floorspace.html");
writeFileSync(out, html);
console.log(`dist/floorspace.html: ${(Buffer.byteLength(html) / 1024 / 1024).toFixed(2)} MB`);
