import { parentPort } from "node:worker_threads";
import { type PartJob, runPart } from "./part.js";

/** A worker thread runs parts of a large file, exactly as the main thread would. */
parentPort?.on("message", async (job: PartJob) => {
  try {
    const outcome = await runPart(job, (bytesRead, rows) =>
      parentPort?.postMessage({ type: "progress", bytesRead, rows }),
    );
    parentPort?.postMessage({ type: "done", outcome });
  } catch (error) {
    parentPort?.postMessage({ type: "failed", message: String((error as Error)?.stack ?? error) });
  }
});
