import { type PartJob, runPart } from "./part.js";

/**
 * What a worker thread does: runs the parts of a large file it is sent, exactly as the main
 * thread would, and sends back their outcomes.
 */
export async function serveParts(): Promise<void> {
  // Loaded when called: the CLI's bundle holds this function, and a small check on the main
  // thread should not pay for loading worker_threads.
  const { parentPort } = await import("node:worker_threads");
  parentPort?.on("message", async (job: PartJob) => {
    try {
      const outcome = await runPart(job, (bytesRead, rows) =>
        parentPort?.postMessage({ type: "progress", bytesRead, rows }),
      );
      parentPort?.postMessage({ type: "done", outcome });
    } catch (error) {
      parentPort?.postMessage({
        type: "failed",
        message: String((error as Error)?.stack ?? error),
      });
    }
  });
}
