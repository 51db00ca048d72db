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
} as const;

/** A mistake on the command line or in its arguments: one line to stderr, exit 2. */
export class UsageError extends Error {}
