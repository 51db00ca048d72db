import { canonicalNames, matchColumn } from "../ingest/headers.js";
import { type RecordKind, recordKinds } from "../model/columns.js";
import { labelled } from "../model/labels.js";
import { type CheckSettings, defaultThreads, PARALLEL_MIN_BYTES } from "../pipeline/check.js";
import { defaultLang, type InputOptions } from "./common.js";
import { entryUrl, partWorkerArgument } from "./entry.js";
import { UsageError } from "./exit.js";
import { progressDisplay } from "./progress.js";

/**
 * What every command that reads files gives the pipeline besides its rules and outputs: the
 * files, how to read them, the threads, and a progress bar when one is wanted. One place, so
 * that `check`, `validate` and `retrofit` read a file the same way.
 */
export function readingSettings(
  files: ReadonlyArray<{ file: string; kind?: RecordKind }>,
  options: InputOptions,
  columnMap: Record<string, string>,
  showProgress: boolean,
  env: NodeJS.ProcessEnv = process.env,
): Pick<
  CheckSettings,
  | "files"
  | "encoding"
  | "maxRecordSize"
  | "maxFileSize"
  | "columnMap"
  | "headerLine"
  | "fillDown"
  | "sheet"
  | "laterFilesReplace"
  | "threads"
  | "parallelMinBytes"
  | "workerHeapMb"
  | "minDonationBytes"
  | "workerEntry"
  | "progress"
> {
  for (const name of options.fillDown ?? []) {
    if (!recordKinds.some((kind) => matchColumn(kind, name, columnMap))) {
      const names = [...canonicalNames].slice(0, 6).join(", ");
      throw new UsageError(labelled("fillDownUnknown", { name, names }));
    }
  }
  return {
    files,
    encoding: options.encoding,
    maxRecordSize: options.maxRecordSize,
    maxFileSize: options.maxFileSize,
    columnMap,
    ...(options.headerRow !== undefined ? { headerLine: options.headerRow } : {}),
    ...(options.fillDown ? { fillDown: options.fillDown } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.laterFilesReplace ? { laterFilesReplace: true } : {}),
    ...threadsFrom(env),
    workerEntry: { url: entryUrl(), argv: [partWorkerArgument] },
    ...(showProgress
      ? {
          progress: (file: string, size: number) =>
            progressDisplay(file, size, options.lang ?? defaultLang(env)),
        }
      : {}),
  };
}

/** The settings of a run that decide how it runs rather than what it finds. */
function threadsFrom(env: NodeJS.ProcessEnv) {
  const threads = Number(env.FLOORSPACE_THREADS);
  const minBytes = Number(env.FLOORSPACE_PARALLEL_MIN_BYTES);
  const heap = Number(env.FLOORSPACE_WORKER_HEAP_MB);
  const donation = Number(env.FLOORSPACE_MIN_DONATION_BYTES);
  return {
    threads: Number.isInteger(threads) && threads > 0 ? threads : defaultThreads(),
    parallelMinBytes: Number.isInteger(minBytes) && minBytes >= 0 ? minBytes : PARALLEL_MIN_BYTES,
    ...(Number.isInteger(heap) && heap > 0 ? { workerHeapMb: heap } : {}),
    ...(Number.isInteger(donation) && donation >= 0 ? { minDonationBytes: donation } : {}),
  };
}
