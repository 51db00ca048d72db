#!/usr/bin/env node
// Keeps the examples of the README and of docs/ true. Every ```console block starting with "$ COMMAND" is run
// with the built CLI on PATH as `floorspace`, and its output is what follows in the block.
//   node scripts/readme-examples.mjs          rewrite README.md with fresh output
//   node scripts/readme-examples.mjs --check  exit 1 if any block is stale (the tests do this)
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const blockPattern = /```console\n\$ (.+)\n([\s\S]*?)```/g;

export function findExamples(markdown) {
  return [...markdown.matchAll(blockPattern)].map((match) => ({
    command: match[1],
    shown: match[2],
  }));
}

export function runExample(command, { cwd = root, env = {} } = {}) {
  const shimDir = mkdtempSync(join(tmpdir(), "floorspace-readme-"));
  const shim = join(shimDir, "floorspace");
  writeFileSync(
    shim,
    `#!/bin/sh\nexec "${process.execPath}" "${join(root, "bin", "floorspace.js")}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  try {
    return execFileSync("bash", ["-c", `{ ${command}\n} 2>&1; true`], {
      cwd,
      encoding: "utf8",
      env: {
        PATH: `${shimDir}:${process.env.PATH}`,
        LANG: "C",
        NO_COLOR: "1",
        HOME: process.env.HOME ?? "/tmp",
        ...env,
      },
    });
  } finally {
    rmSync(shimDir, { recursive: true, force: true });
  }
}

/** The README and every page of docs/: the documents whose examples are run. */
export function documents() {
  return [
    join(root, "README.md"),
    ...["docs", join("docs", "rules")].flatMap((folder) =>
      readdirSync(join(root, folder))
        .filter((name) => name.endsWith(".md"))
        .sort()
        .map((name) => join(root, folder, name)),
    ),
  ];
}

function main() {
  const check = process.argv.includes("--check");
  let stale = 0;
  let run = 0;
  for (const path of documents()) {
    const result = refresh(path, check);
    stale += result.stale;
    run += result.run;
  }
  if (check) process.exit(stale > 0 ? 1 : 0);
  console.log(`${run} examples run, ${stale} updated`);
}

function refresh(path, check) {
  const markdown = readFileSync(path, "utf8");
  let stale = 0;
  const updated = markdown.replace(blockPattern, (_whole, command, shown) => {
    const output = runExample(command);
    if (output !== shown) {
      stale++;
      if (check) console.error(`stale example: $ ${command}`);
    }
    return `\`\`\`console\n$ ${command}\n${output}\`\`\``;
  });
  if (!check && updated !== markdown) writeFileSync(path, updated);
  return { run: findExamples(markdown).length, stale };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
