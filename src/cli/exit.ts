import type { Localized } from "../model/text.js";

/** The exit codes, in one place: CI pipelines depend on them. */
export const exitCodes = {
  /** Nothing reached --fail-on and no row was rejected. */
  ok: 0,
  /** A finding reached --fail-on, or rows were rejected. */
  findings: 1,
  /** An unusable file, a bad rule pack or a wrong command line. */
  usage: 2,
  /** A bug in floorspace itself. */
  internal: 3,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
  /** Hung up (the terminal closed). */
  hungUp: 129,
  /** Terminated (SIGTERM: a CI job cancelled or timed out). */
  terminated: 143,
} as const;

const signalCodes = {
  SIGINT: exitCodes.interrupted,
  SIGHUP: exitCodes.hungUp,
  SIGTERM: exitCodes.terminated,
} as const;

/**
 * Removes what a run leaves in the file system (a report's temporary file, spools) however it
 * ends: normally, by process.exit (a closed pipe), or by a signal, which then ends the process
 * with the shell's code for it. Returns the function that takes the arrangement back.
 */
export function cleanUpOnExit(cleanUp: () => void): () => void {
  const handlers = Object.entries(signalCodes).map(([signal, code]) => {
    const handler = () => {
      cleanUp();
      process.exit(code);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  process.once("exit", cleanUp);
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    process.removeListener("exit", cleanUp);
  };
}

/**
 * A mistake on the command line or in its arguments: one line to stderr, exit 2, said in the
 * run's language (so every one is written in both).
 */
export class UsageError extends Error {
  readonly text: Localized;
  constructor(text: Localized) {
    super(text.en);
    this.text = text;
  }
}
