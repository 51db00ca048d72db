/**
 * The CLI's entry script (dist/cli/run.js), as workers start it too: told this argument, it
 * serves parts of a large file instead of reading a command line, from the same bundle and
 * code cache as the main thread (see run.ts). Spelled from the folder above, so the same path
 * holds from dist/cli and from the bundle in dist/bundle.
 */
export const partWorkerArgument = "--floorspace-part-worker";

export function entryUrl(): URL {
  return new URL("../cli/run.js", import.meta.url);
}
