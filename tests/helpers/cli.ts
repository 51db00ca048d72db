import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..", "..");

/** The newest modification time of the files under a folder. */
function newest(folder: string): number {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

// Tests of the built CLI would test yesterday's code against today's expectations: refuse.
const built = newest(join(root, "dist"));
const written = newest(join(root, "src"));
if (built < written) {
  throw new Error("dist/ is older than src/: run `npm run build` (npm test does it first)");
}
export const bin = join(root, "bin", "floorspace.js");
export const sample = (file: string) => join(root, "fixtures", "suzhou-sample", file);
export const bad = (file: string) => join(root, "fixtures", "bad", file);

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would: a separate process, a clean locale unless one is given. */
export function floorspace(
  args: string[],
  env: Record<string, string> = {},
  cwd = root,
): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    // Large reports go to stdout in some tests; spawnSync's default would cut them at 1 MB.
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? "", LANG: "C", NO_COLOR: "1", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
