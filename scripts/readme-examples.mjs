#!/usr/bin/env node
// Keeps the README's examples true. Every ```console block starting with "$ COMMAND" is run
// with the built CLI on PATH as `floorspace`, and its output is what follows in the block.
//   node scripts/readme-examples.mjs          rewrite README.md with fresh output
//   node scripts/readme-examples.mjs --check  exit 1 if any block is stale (the tests do this)
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

function main() {
  const path = join(root, "README.md");
  const markdown = readFileSync(path, "utf8");
  const check = process.argv.includes("--check");
  let stale = 0;
  const updated = markdown.replace(blockPattern, (_whole, command, shown) => {
    const output = runExample(command);
    if (output !== shown) {
      stale++;
      if (check) console.error(`stale example: $ ${command}`);
    }
    return `\`\`\`console\n$ ${command}\n${output}\`\`\``;
  });
  if (check) process.exit(stale > 0 ? 1 : 0);
  writeFileSync(path, updated);
  console.log(`${findExamples(markdown).length} examples run, ${stale} updated`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
