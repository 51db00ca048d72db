import { once } from "node:events";
import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
  writeSync,
} from "node:fs";
import { chmod, open, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, Option } from "commander";
import { columnMapOf, columnMapProblems } from "../ingest/headers.js";
import { defaultIngestOptions, type EncodingChoice, encodings } from "../ingest/index.js";
import { parseDate } from "../ingest/values.js";
import type { RecordKind } from "../model/columns.js";
import { label, labelled, labels } from "../model/labels.js";
import { inBoth, type Lang, type Localized } from "../model/text.js";
import type { FormatOutput } from "../report/registry.js";
import { cleanUpOnExit, UsageError } from "./exit.js";
import { makeRunFolder, removeRunFolder, standardStream } from "./outputs.js";
import { errorCode, fileSystemAdvice, readingAdvice } from "./system-errors.js";

export { fileSystemAdvice };

function cannotWrite(path: string, error: unknown): UsageError {
  const advice = fileSystemAdvice(errorCode(error));
  return new UsageError(labelled("cannotWrite", { path, advice }));
}

/** What every command shares: language, colour, input files, output files. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function toolInfo(): { name: string; version: string } {
  const manifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return { name: manifest.name, version: manifest.version };
}

/**
 * The language without --lang: FLOORSPACE_LANG, then LC_ALL/LC_MESSAGES/LANG, then the system's
 * locale as Node's Intl reports it. Intl is asked on Windows only, whose region settings set no
 * LANG: elsewhere it reads those same variables, and asking it costs a check some 15 ms at
 * start-up (bench/RESULTS.md).
 */
export function defaultLang(
  env: NodeJS.ProcessEnv = process.env,
  systemLocale: string | (() => string) = windowsLocale,
): Lang {
  const chosen = env.FLOORSPACE_LANG?.trim().toLowerCase();
  if (chosen?.startsWith("zh")) return "zh";
  if (chosen?.startsWith("en")) return "en";
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  if (locale.toLowerCase().startsWith("zh")) return "zh";
  const system = typeof systemLocale === "string" ? systemLocale : systemLocale();
  return system.toLowerCase().startsWith("zh") ? "zh" : "en";
}

function windowsLocale(): string {
  return process.platform === "win32" ? Intl.DateTimeFormat().resolvedOptions().locale : "";
}

/** NO_COLOR and FORCE_COLOR win; otherwise colour only on a terminal that can show it. */
export function useColor(
  stream: NodeJS.WriteStream,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false")
    return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}

export const langOption = () =>
  new Option(
    "--lang <lang>",
    "language of messages: zh or en (default: FLOORSPACE_LANG, then the system's language)",
  ).choices(["zh", "en"]);

/** The options every command that reads CSV files shares. */
export function addInputOptions(command: Command): Command {
  return command
    .option("--estates <file>", "read FILE as an estates file", collect)
    .option("--centers <file>", "read FILE as a centers file", collect)
    .addOption(
      new Option("--encoding <encoding>", "input encoding")
        .choices(["auto", ...encodings])
        .default("auto"),
    )
    .addOption(
      new Option("--max-record-size <chars>", "longest record accepted, in characters")
        .argParser((value) => positiveInteger(value, "--max-record-size"))
        .default(defaultIngestOptions.maxRecordSize),
    )
    .addOption(
      new Option("--max-file-size <bytes>", "largest file accepted, in bytes (K, M, G suffixes)")
        .argParser((value) => byteSize(value, "--max-file-size"))
        .default(defaultIngestOptions.maxFileSize, "256M"),
    )
    .option(
      "--header-row <line>",
      "the header is on this line (default: found among the first 20 rows)",
      (value) => positiveInteger(value, "--header-row"),
    )
    .option(
      "--fill-down <column>",
      "fill a column's blank cells from the row above (a merged cell exported); repeatable",
      collect,
    )
    .option(
      "--sheet <sheet>",
      "a workbook's sheet to read, by name or position; repeatable (default: every sheet whose header fits)",
      collect,
    )
    .option(
      "--later-files-replace",
      "a record id repeated in a later file or sheet replaces the earlier row (a supplement), instead of being an error",
    )
    .option(
      "--columns <file>",
      'JSON map of your own headers to columns: {"房屋交付时间": "estate_delivery_date"}',
    );
}

/**
 * A JSON file an option names (--columns, --baseline): a byte-order mark an editor added is
 * ignored, and a file that cannot be read or parsed is a usage error naming the option.
 */
export async function readJsonOption(
  flag: string,
  path: string,
  notJson: Localized,
  what: Localized,
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const advice = readingAdvice(errorCode(error), what);
    throw new UsageError(labelled("optionFileProblem", { flag, path, problem: advice }));
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new UsageError(labelled("optionFileProblem", { flag, path, problem: notJson }));
  }
}

/**
 * The column map of a run: the pack's `columns`, then `--columns FILE` over it. Every way the
 * file can be wrong is a usage error naming it.
 */
export async function loadColumnMap(
  path: string | undefined,
  fromPack: Readonly<Record<string, string>> = {},
): Promise<Record<string, string>> {
  if (path === undefined) return { ...fromPack };
  const json = await readJsonOption(
    "--columns",
    path,
    labelled("notJsonColumns", { shape: labels.columnMapShape }),
    labels.columnsFile,
  );
  const columns = columnMapOf(json);
  if (!columns) {
    throw new UsageError(
      labelled("optionFileProblem", { flag: "--columns", path, problem: labels.columnMapShape }),
    );
  }
  if (columnMapProblems(columns).length > 0) {
    throw new UsageError(
      labelled("optionFileProblem", {
        flag: "--columns",
        path,
        problem: inBoth((lang) =>
          columnMapProblems(columns, lang).join(label("problemSeparator", lang)),
        ),
      }),
    );
  }
  return { ...fromPack, ...columns };
}

export function byteSize(value: string, name: string): number {
  const match = /^(\d+)([KMG]?)$/i.exec(value.trim());
  const units: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
  const bytes = match
    ? Number(match[1]) * (units[(match[2] ?? "").toUpperCase()] ?? 1)
    : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UsageError(labelled("expectedSize", { name, value }));
  }
  return bytes;
}

export function positiveInteger(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1)
    throw new UsageError(labelled("expectedPositive", { name, value }));
  return number;
}

export function nonNegativeInteger(value: string, name: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) {
    throw new UsageError(labelled("expectedWhole", { name, value }));
  }
  return number;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export interface InputOptions {
  estates?: string[];
  centers?: string[];
  encoding: EncodingChoice;
  maxRecordSize: number;
  maxFileSize: number;
  /** --columns FILE. */
  columns?: string;
  /** --header-row N. */
  headerRow?: number;
  /** --fill-down COLUMN, repeatable. */
  fillDown?: string[];
  /** --sheet NAME|NUMBER, repeatable. */
  sheet?: string[];
  /** --later-files-replace. */
  laterFilesReplace?: boolean;
  /** --lang: the progress bar speaks it too. */
  lang?: Lang;
}

/** Files in command order: positional ones by their headers, --estates/--centers forced. */
export function wantedFiles(
  files: readonly string[],
  options: Pick<InputOptions, "estates" | "centers">,
): Array<{ file: string; kind?: RecordKind }> {
  const wanted: Array<{ file: string; kind?: RecordKind }> = [
    ...files.map((path) => ({ file: displayPath(path) })),
    ...(options.estates ?? []).map((path) => ({
      file: displayPath(path),
      kind: "estate" as const,
    })),
    ...(options.centers ?? []).map((path) => ({
      file: displayPath(path),
      kind: "center" as const,
    })),
  ];
  if (wanted.length === 0) throw new UsageError(labels.noInputFiles);
  refuseUnopenable(wanted.map((input) => input.file));
  return wanted;
}

/**
 * A path that names no file is a mistake on the command line, not in the data: one line naming
 * it (with its code from the error catalogue) and exit 2, before anything is read or reported.
 * A file that opens but holds something unusable is the data's problem, reported in the report.
 */
function refuseUnopenable(paths: readonly string[]): void {
  const missing: string[] = [];
  for (const path of paths) {
    let stats: ReturnType<typeof statSync> | undefined;
    try {
      stats = statSync(path);
    } catch (error) {
      if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") {
        missing.push(path);
        continue;
      }
      throw unreadable(path, errorCode(error));
    }
    if (stats.isDirectory()) {
      throw new UsageError(labelled("inputIsFolder", { path }));
    }
    try {
      accessSync(path, constants.R_OK);
    } catch (error) {
      throw unreadable(path, errorCode(error));
    }
  }
  if (missing.length > 0) {
    throw new UsageError(
      labelled("inputsNotFound", {
        count: missing.length,
        files: inBoth((lang) => missing.join(label("fileSeparator", lang))),
      }),
    );
  }
}

function unreadable(path: string, code: string): UsageError {
  const advice = readingAdvice(code, labels.readableRegister);
  return new UsageError(labelled("inputUnreadable", { path, advice }));
}

/**
 * Files are named in reports from the working directory, however they were given, so that CI
 * annotations land on the repository's file and baselines match across runs.
 */
export function displayPath(path: string): string {
  if (!isAbsolute(path)) return path;
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith("..") && !isAbsolute(fromHere) ? fromHere : path;
}

export function parseAsOf(value: string | undefined, now: Date = new Date()): string {
  if (value === undefined) {
    const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
    return local.toISOString().slice(0, 10);
  }
  const parsed = parseDate(value);
  // A month or a year is no day to judge on.
  if (!parsed.ok || parsed.value.length !== 10)
    throw new UsageError(labelled("notADate", { value }));
  return parsed.value;
}

/** Writes text or its pieces to a stream, waiting whenever the stream asks to. */
async function writePieces(stream: NodeJS.WritableStream, content: FormatOutput): Promise<void> {
  for (const piece of typeof content === "string" ? [content] : content) {
    // A stream may hold on to what it is given, and a piece's buffer is filled again.
    if (!stream.write(typeof piece === "string" ? piece : Buffer.from(piece))) {
      await once(stream, "drain");
    }
  }
}

/** Pieces written between two turns of the event loop, so a signal is not kept waiting. */
const PIECES_PER_TURN = 64;

/**
 * Writes pieces to a file descriptor of our own, straight from this thread: a stream would send
 * each megabyte through the thread pool and wait for it to drain, which made copying a 500 MB
 * report out of its spools take four times as long as the disk needs.
 */
async function writePiecesToFile(path: string, content: Iterable<string | Uint8Array>) {
  const fd = openSync(path, "w");
  try {
    let written = 0;
    for (const piece of content) {
      if (typeof piece === "string") writeSync(fd, piece);
      else writeSync(fd, piece);
      if (++written % PIECES_PER_TURN === 0) await new Promise(setImmediate);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a report file whole or not at all: into a private folder beside it (see makeRunFolder),
 * flushed to disk, then renamed over the target and the folder flushed, so an interrupted run or
 * a crash never leaves half a report where the last good one was. A symlink to a file is written
 * through (its target is replaced, the link stays); a symlink to nothing is refused, since
 * following it would create a file somewhere else. An existing file keeps its mode, and a path
 * that is not a regular file (/dev/null, /dev/stdout, a FIFO) is written in place, never replaced.
 */
export async function writeAtomically(path: string, content: FormatOutput): Promise<void> {
  const stream = standardStream(path);
  if (stream) {
    await writePieces(process[stream], content);
    return;
  }
  const link = lstatSync(path, { throwIfNoEntry: false });
  const existing = statSync(path, { throwIfNoEntry: false });
  if (link?.isSymbolicLink() && !existing) {
    throw new UsageError(labelled("danglingLink", { path, target: readlinkSafe(path) }));
  }
  if (existing && !existing.isFile() && !existing.isDirectory()) {
    await writeInPlace(path, content);
    return;
  }
  let target = resolve(path);
  try {
    target = realpathSync(path);
  } catch {
    // Not there yet: written under the name given.
  }
  let folder: string | undefined;
  const release = cleanUpOnExit(() => {
    if (folder) removeRunFolder(folder);
  });
  try {
    folder = makeRunFolder(dirname(target));
    const temporary = join(folder, "report");
    if (typeof content === "string") await writeFile(temporary, content, { flag: "wx" });
    else await writePiecesToFile(temporary, content);
    if (existing?.isFile()) await chmod(temporary, existing.mode & 0o7777);
    await syncPath(temporary);
    await rename(temporary, target);
    await syncPath(dirname(target));
  } catch (error) {
    throw cannotWrite(path, error);
  } finally {
    if (folder) removeRunFolder(folder);
    release();
  }
}

/** Flushes a file or folder to disk; a file system that cannot (some network ones) is let be. */
async function syncPath(path: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, "r");
    await handle.sync();
  } catch {
    // Flushing is a safeguard, not a condition of the write.
  } finally {
    await handle?.close();
  }
}

function readlinkSafe(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "unreadable";
  }
}

/** A device or FIFO: opened and written as it is. */
async function writeInPlace(path: string, content: FormatOutput): Promise<void> {
  try {
    await writePiecesToFile(path, typeof content === "string" ? [content] : content);
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

export async function emit(content: FormatOutput, output: string | undefined): Promise<void> {
  if (output) await writeAtomically(output, content);
  else await writePieces(process.stdout, content);
}
