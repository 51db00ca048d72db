import type { Stats } from "node:fs";
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { labelled, labels } from "../model/labels.js";
import { UsageError } from "./exit.js";
import { fileSystemAdvice } from "./system-errors.js";

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
    if (stats?.isDirectory()) {
      throw new UsageError(labelled("outputIsFolder", { option: label }));
    }
    if (stats?.isSocket()) {
      throw new UsageError(labelled("outputIsSocket", { option: label }));
    }
    // A device or FIFO is written through, never replaced: nothing of the run's to clobber.
    if (stats === undefined || stats.isFile()) {
      const key = identity(path, stats);
      const read = readIdentities.get(key);
      if (read) {
        throw new UsageError(
          read.role === "input"
            ? labelled("outputIsInput", { option: label })
            : labelled("outputIsRead", {
                option: label,
                role: read.role === "baseline" ? labels.baselineRole : read.role,
              }),
        );
      }
      const other = taken.get(key);
      if (other) {
        throw new UsageError(labelled("outputTaken", { option: label, other }));
      }
      taken.set(key, label);
    }
  }
}

/**
 * Every temporary file of a run lives in a private folder the run made (mkdtemp, mode 0700)
 * holding a marker file with the run's process id; only such folders are ever removed. One left
 * by a run that was killed outright (kill -9) is recognised by its marker, never by its name, so
 * a neighbour's `floorspace-2023-data/` is never touched.
 */
const RUN_FOLDER_PREFIX = ".floorspace-run-";
const RUN_MARKER = "floorspace-run.json";
const RUN_MARKER_TOOL = "floorspace temporary files";

interface RunMarker {
  tool: string;
  pid: number;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process that made `folder`, when it is a run folder of this tool's (see above). */
function runFolderOwner(folder: string): number | undefined {
  try {
    const info = lstatSync(folder);
    if (!info.isDirectory() || (process.getuid && info.uid !== process.getuid())) return undefined;
    const marker = join(folder, RUN_MARKER);
    const markerInfo = lstatSync(marker);
    if (!markerInfo.isFile() || markerInfo.size > 1024) return undefined;
    const content = JSON.parse(readFileSync(marker, "utf8")) as Partial<RunMarker>;
    if (content.tool !== RUN_MARKER_TOOL || !Number.isInteger(content.pid)) return undefined;
    return content.pid;
  } catch {
    return undefined;
  }
}

/** Removes the run folders in `base` whose run is over (killed before it could clean up). */
export function removeLeftoverRunFolders(base: string): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(RUN_FOLDER_PREFIX)) continue;
    const folder = join(base, name);
    const pid = runFolderOwner(folder);
    if (pid === undefined || pid === process.pid || processIsAlive(pid)) continue;
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A private folder for this run's temporary files in `base`, marked as this run's. */
export function makeRunFolder(base: string): string {
  removeLeftoverRunFolders(base);
  const folder = mkdtempSync(join(base, RUN_FOLDER_PREFIX));
  try {
    chmodSync(folder, 0o700);
    const marker: RunMarker = { tool: RUN_MARKER_TOOL, pid: process.pid };
    writeFileSync(join(folder, RUN_MARKER), JSON.stringify(marker), { flag: "wx", mode: 0o600 });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return folder;
}

/** Removes a folder made by makeRunFolder, and nothing else. */
export function removeRunFolder(folder: string): void {
  if (runFolderOwner(folder) !== process.pid) return;
  // Retried: a worker may still be opening a spool in it when a signal ends the run.
  rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
}

/** A folder for spools in TMPDIR, or a coded error saying why there can be none. */
export function makeSpoolDirectory(): string {
  const base = tmpdir();
  try {
    return makeRunFolder(base);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const advice = fileSystemAdvice(code);
    throw new UsageError(labelled("noTemporaryFolder", { base, advice }));
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
    throw new UsageError(labelled("workbookToTerminal", { format }));
  }
}

/** The format a file's name says it holds. */
const FORMAT_BY_ENDING: Record<string, string> = {
  ".xlsx": "xlsx",
  ".html": "html",
  ".htm": "html",
  ".json": "json",
  ".csv": "csv",
  ".sarif": "sarif",
  ".md": "markdown",
  ".markdown": "markdown",
  ".xml": "junit",
  ".txt": "table",
};

/** Endings a format may also be written under (SARIF is JSON; a log is text). */
const ALSO_WRITTEN_AS: Record<string, string[]> = {
  sarif: [".json"],
  github: [".txt", ".log"],
  table: [".log"],
};

/**
 * A command's output format: --format when given, else what the output file's name says
 * (report.xlsx is a workbook), else the table. A name that says another format than --format
 * is a usage error: a file named .xlsx that Excel cannot open helps nobody.
 */
export function formatOf<F extends string>(
  given: F | undefined,
  output: string | undefined,
  allowed: readonly F[],
  label = "--output",
): F {
  const ending = output && !standardStream(output) ? extname(output).toLowerCase() : "";
  const implied = FORMAT_BY_ENDING[ending] as F | undefined;
  if (given !== undefined) {
    const fits =
      implied === undefined ||
      implied === given ||
      !allowed.includes(implied) ||
      (ALSO_WRITTEN_AS[given] ?? []).includes(ending);
    if (!fits) {
      throw new UsageError(
        labelled("nameAgainstFormat", { option: label, output, implied, given }),
      );
    }
    return given;
  }
  return implied !== undefined && allowed.includes(implied) ? implied : ("table" as F);
}
