import { label } from "../model/labels.js";
import type { Lang } from "../model/text.js";
import { safeText } from "../report/escape.js";
/**
 * A progress bar for big files on a terminal: on stderr, redrawn in place, never in pipes, CI
 * or when the report itself goes to stdout as JSON. Parsing is synchronous, so the bar is drawn
 * from the parser's progress calls rather than a timer.
 */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

export function progressLine(
  file: string,
  bytesRead: number,
  totalBytes: number,
  rows: number,
  elapsedMs: number,
  lang: Lang = "en",
): string {
  const fraction = totalBytes === 0 ? 1 : Math.min(bytesRead / totalBytes, 1);
  const width = 24;
  const filled = Math.round(fraction * width);
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
  const eta = fraction > 0 ? Math.max(0, Math.round(seconds / fraction - seconds)) : 0;
  const bar = `${safeText(file)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
  return label("progressLine", lang, {
    bar,
    rows: rows.toLocaleString("en"),
    rate: rate.toLocaleString("en"),
    eta,
  });
}

export function wantsProgress(
  stream: NodeJS.WriteStream,
  env: NodeJS.ProcessEnv,
  jsonToStdout: boolean,
): boolean {
  return Boolean(stream.isTTY) && !env.CI && !jsonToStdout;
}

/** A progress callback for one file, or undefined when no bar should be drawn. */
export function progressFor(file: string, size: number, enabled: boolean, lang: Lang = "en") {
  if (!enabled || size < PROGRESS_MIN_BYTES) return undefined;
  const started = Date.now();
  let drawn = false;
  return {
    onProgress(bytesRead: number, totalBytes: number, rows: number) {
      process.stderr.write(
        `\r${progressLine(file, bytesRead, totalBytes, rows, Date.now() - started, lang)}\u001b[K`,
      );
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write("\r\u001b[K");
    },
  };
}

/** A file's bar as the pipeline drives it: told bytes and rows, the size known from the start. */
export function progressDisplay(file: string, size: number, lang: Lang = "en") {
  const bar = progressFor(file, size, true, lang);
  return bar
    ? {
        update: (bytesRead: number, rows: number) => bar.onProgress(bytesRead, size, rows),
        done: bar.done,
      }
    : undefined;
}
