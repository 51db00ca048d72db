import { type PartJob, runPart } from "./part.js";
import type { SheetJob } from "./sheet-worker.js";
import type { PartBounds } from "./split.js";

/** What the main thread sends a worker: a part to read, or a request for part of the current one. */
export type WorkerRequest =
  | { type: "part"; job: PartJob }
  | { type: "donate" }
  | { type: "sheet"; job: SheetJob }
  | { type: "sheet-taken" };

/**
 * What a worker thread does: runs the parts of a large file it is sent, one after another,
 * exactly as the main thread would, and sends back their outcomes; asked to, it gives away the
 * second half of what its current part has left (see Donation in part.ts).
 */
export async function serveParts(): Promise<void> {
  // Loaded when called: the CLI's bundle holds this function, and a small check on the main
  // thread should not pay for loading worker_threads.
  const { parentPort } = await import("node:worker_threads");
  const port = parentPort;
  if (!port) return;
  // Every request for a donation gets exactly one answer, if need be a null one.
  let running: { wanted: boolean } | undefined;
  const answer = (tail: PartBounds | null) => port.postMessage({ type: "donated", tail });
  // A streamed sheet's batches the main thread has taken, and who waits for the next.
  let takenCount = 0;
  const takenWaiters: Array<() => void> = [];
  const taken = (): Promise<void> => {
    if (takenCount === 0) return new Promise((resolve) => takenWaiters.push(resolve));
    takenCount--;
    return Promise.resolve();
  };
  port.on("message", async (request: WorkerRequest) => {
    if (request.type === "sheet-taken") {
      const waiter = takenWaiters.shift();
      if (waiter) waiter();
      else takenCount++;
      return;
    }
    if (request.type === "sheet") {
      const { serveSheet } = await import("./sheet-worker.js");
      await serveSheet(request.job, port, taken);
      return;
    }
    if (request.type === "donate") {
      if (running) running.wanted = true;
      else answer(null);
      return;
    }
    const { job } = request;
    const state = { wanted: false };
    running = state;
    try {
      const outcome = await runPart(
        job,
        (bytesRead, rows) => port.postMessage({ type: "progress", bytesRead, rows }),
        {
          wanted: () => state.wanted,
          answer: (tail) => {
            state.wanted = false;
            answer(tail);
          },
        },
      );
      running = undefined;
      if (state.wanted) answer(null);
      // The id hashes (8 bytes a record) are handed over, not copied: a copy is fresh memory on
      // both sides, and fresh pages are what a part mostly waits for on a virtual machine.
      const hashes = outcome.ok ? outcome.idHashes?.buffer : undefined;
      port.postMessage({ type: "done", outcome }, hashes instanceof ArrayBuffer ? [hashes] : []);
    } catch (error) {
      running = undefined;
      if (state.wanted) answer(null);
      port.postMessage({
        type: "failed",
        message: String((error as Error)?.stack ?? error),
      });
    }
  });
}
