import type { Stats } from "node:fs";
import { mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./exit.js";

/** A file a run reads, and what it is to the run. */
export interface ReadPath {
  /** --baseline, --rules, --columns, or "input". */
  role: string;
  path: string;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // A file that does not exist yet: its folder may still be a link.
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

function identity(path: string, stats: Stats | undefined): string {
  return stats ? `${stats.dev}:${stats.ino}` : `path:${realOrResolved(path)}`;
}

/** The files a run reads that an output must never replace. */
export function readPaths(
  inputs: ReadonlyArray<{ file: string }>,
  others: Record<string, string | undefined>,
): ReadPath[] {
  return [
    ...inputs.map(({ file }) => ({ role: "input", path: file })),
    ...Object.entries(others).flatMap(([role, path]) => (path ? [{ role, path }] : [])),
  ];
}

/** The names of standard output and error, which are written as the streams they are. */
export function standardStream(path: string): "stdout" | "stderr" | undefined {
  const name = resolve(path);
  if (["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"].includes(name)) return "stdout";
  if (["/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"].includes(name)) return "stderr";
  return undefined;
}

/**
 * Where a run may write, decided before any work: every output resolved (symlinks followed) and
 * refused when it is a file the run reads (an input, the baseline, the rule pack, the column map)
 * or another output of the same run. A path that exists and is not a regular file (a device such
 * as /dev/null or /dev/stdout, a FIFO) is written straight through by writeAtomically, never
 * replaced; a directory or a socket is refused.
 */
export function refuseClobbering(
  /** Each output with how the command line named it (`--output r.json`). */
  outputs: ReadonlyArray<{ label: string; path: string }>,
  reads: readonly ReadPath[],
): void {
  const readIdentities = new Map<string, ReadPath>();
  for (const read of reads) {
    const stats = statOrUndefined(read.path);
    // Only files can be clobbered; /dev/stdin and pipes given as inputs are read, not replaced.
    if (stats && !stats.isFile()) continue;
    readIdentities.set(identity(read.path, stats), read);
  }
  const taken = new Map<string, string>();
  for (const { label, path } of outputs) {
    if (standardStream(path)) continue;
    const stats = statOrUndefined(path);
    if (stats?.isDirectory()) throw new UsageError(`${label}: is a directory`);
    if (stats?.isSocket()) throw new UsageError(`${label}: is a socket`);
    // A device or FIFO is written through, never replaced: nothing of the run's to clobber.
    if (stats === undefined || stats.isFile()) {
      const key = identity(path, stats);
      const read = readIdentities.get(key);
      if (read) {
        throw new UsageError(
          read.role === "input"
            ? `${label}: is an input of this run; writing the report there would destroy the data (choose another file)`
            : `${label}: is the ${read.role} file this run reads; choose another file`,
        );
      }
      const other = taken.get(key);
      if (other) {
        throw new UsageError(
          `${label}: ${other} writes the same file; give each output its own path`,
        );
      }
      taken.set(key, label);
    }
  }
}

/**
 * A temporary file's name: short (a long report name plus a suffix could pass the file system's
 * limit), and marked with the process id, so that one left by a run that was killed outright
 * (kill -9) can be recognised and removed by the next run.
 */
const TEMPORARY_PREFIX = ".floorspace-";

export function temporaryName(folder: string): string {
  const unique = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  return join(folder, `${TEMPORARY_PREFIX}${unique}.tmp`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes what runs killed outright left in `folder`: temporary files or spool folders. */
export function removeLeftovers(folder: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || processIsAlive(pid)) continue;
    rmSync(join(folder, name), { recursive: true, force: true });
  }
}

export function removeStaleTemporaries(folder: string): void {
  removeLeftovers(folder, TEMPORARY_PREFIX);
}

const SPOOL_PREFIX = "floorspace-";

/** A folder for spools in TMPDIR, or a coded error saying why there can be none. */
export function makeSpoolDirectory(): string {
  const base = tmpdir();
  removeLeftovers(base, SPOOL_PREFIX);
  try {
    return mkdtempSync(join(base, `${SPOOL_PREFIX}${process.pid}-`));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(
      `cannot make a folder for temporary files in ${base} (${code}): set TMPDIR to a writable folder with free space`,
    );
  }
}

/** A workbook's bytes would only garble a terminal: they go to a file, or down a pipe. */
export function refuseBinaryToTerminal(
  format: string,
  binary: boolean,
  path: string | undefined,
  stream: { isTTY?: boolean } = process.stdout,
): void {
  if (binary && (path === undefined || standardStream(path) === "stdout") && stream.isTTY) {
    throw new UsageError(
      `--format ${format} writes a workbook, not text: give --output FILE.${format} (or redirect it to a file)`,
    );
  }
}
