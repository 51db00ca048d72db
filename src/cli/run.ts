/**
 * The CLI's entry. Most of what a ten-row check costs beyond starting Node is finding, reading
 * and compiling some hundred modules, and Node 20 has no compile cache for them. So
 * `npm run build` also writes the CLI as one file (dist/bundle/cli.cjs) with V8's code cache for
 * it, and this file runs that file from the cache. The modules themselves are loaded instead when
 * there is no bundle, when tsc wrote the modules after the bundle (a bundle must never run code
 * older than the modules beside it), or when FLOORSPACE_BUNDLE=0.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import vm from "node:vm";
import { partWorkerArgument } from "./entry.js";

// V8 guesses from which objects are still alive at its first few young collections that
// everything made at the same place in the code will live long, and allocates it in the old
// generation from then on ("allocation-site pretenuring"). For a check that guess can go wrong
// (a few early records or findings live on, the millions after them die young): in one run in
// two or three with 100,000 centers, every young collection then took 5 ms instead of 0.5 and
// a 500,000-row part 3.6-3.8 s instead of 2.9. Set before the bundle is compiled, because the
// flags are part of what V8's code cache must match (the build sets it too: it runs this file).
setFlagsFromString("--no-allocation-site-pretenuring");

interface CliModule {
  run(): void;
  serveParts(): Promise<void>;
}

const bundleFile = fileURLToPath(new URL("../bundle/cli.cjs", import.meta.url));
const cacheFile = `${bundleFile}.cache`;
const modulesEntry = fileURLToPath(new URL("./index.js", import.meta.url));

function modifiedAt(path: string): number | undefined {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs;
}

/** Why the modules run instead of the bundle, or undefined when the bundle can run. */
function reasonForModules(): string | undefined {
  if (process.env.FLOORSPACE_BUNDLE === "0") return "FLOORSPACE_BUNDLE=0";
  const bundled = modifiedAt(bundleFile);
  if (bundled === undefined) return "no bundle (npm run build writes it)";
  const compiled = modifiedAt(modulesEntry);
  if (compiled !== undefined && compiled > bundled) return "the modules are newer than the bundle";
  return undefined;
}

function cachedData(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** The bundle, compiled as Node compiles a CommonJS file, but from V8's cache when it fits. */
function loadBundle(): { cli: CliModule; cache: string } {
  // The build writes the bundle in ASCII (scripts/bundle.mjs), which latin1 reads fastest.
  const source = readFileSync(bundleFile, "latin1");
  const cache = cachedData();
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: bundleFile, cachedData: cache },
  );
  // The build runs the CLI once with this set, so the cache holds what a check compiles.
  if (process.env.FLOORSPACE_WRITE_CODE_CACHE === "1") {
    process.once("exit", () => writeFileSync(cacheFile, script.createCachedData()));
  }
  const module = { exports: {} as CliModule };
  script.runInThisContext()(
    module.exports,
    createRequire(bundleFile),
    module,
    bundleFile,
    dirname(bundleFile),
  );
  // V8 rejects a cache made by another Node or with other flags; the bundle then compiles.
  const state = !cache ? "absent" : script.cachedDataRejected ? "rejected" : "accepted";
  return { cli: module.exports, cache: state };
}

// A worker started by a check to read part of a large file (see entry.ts).
const servingParts = process.argv[2] === partWorkerArgument;
const debug = !servingParts && process.argv.includes("--debug");
let reason = reasonForModules();
let cli: CliModule | undefined;
if (reason === undefined) {
  try {
    const loaded = loadBundle();
    cli = loaded.cli;
    if (debug) process.stderr.write(`floorspace: ran the bundle, code cache ${loaded.cache}\n`);
  } catch (error) {
    // A damaged bundle is no reason not to run: the modules beside it are the same program.
    reason = `the bundle failed to load (${String(error)})`;
  }
}
if (cli === undefined) {
  cli = (await import("./index.js")) as CliModule;
  if (debug) process.stderr.write(`floorspace: ran the modules: ${reason}\n`);
}
if (servingParts) await cli.serveParts();
else cli.run();
