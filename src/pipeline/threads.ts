import { availableParallelism } from "node:os";
import { type CrossRecordFacts, InternalError, Tally } from "../engine/evaluate.js";
import type { StreamPlan } from "../ingest/plan.js";
import { type PartJob, type PartOutcome, runPart } from "./part.js";
import type { RouterSettings } from "./router.js";
import type { WorkerRequest } from "./serve-parts.js";
import type { CheckSettings } from "./settings.js";
import type { PartBounds } from "./split.js";

/**
 * The threads that read a file's parts: this one and workers, a part each, and an idle thread
 * taking the second half of the busiest part's remaining range (work donation). Messages to and
 * from workers are here too; what a part does is part.ts.
 */
export const defaultThreads = () => Math.min(availableParallelism(), 4);
export const PARALLEL_MIN_BYTES = 16 << 20;
/** About 0.2 s of reading on this machine: less is not worth a part of its own. */
export const MIN_DONATION_BYTES = 4 << 20;

/**
 * A worker's heap is capped so that V8 collects garbage instead of growing: a part keeps only
 * its ids and aggregates alive, the rest of what it allocates dies young.
 */
export function workerLimits(
  partBytes: number,
  settings: Pick<CheckSettings, "workerHeapMb">,
  router: RouterSettings,
) {
  // Holding every finding is the caller's choice of format, not garbage: no cap then.
  if ("all" in router.keep) return {};
  // Room beyond what a part keeps (its ids live outside the heap): V8 collects far more often
  // near its limit, and a 44 MB part ran 30% slower with 96 MB of room than with 256, for no
  // less memory in the end (the live heap is what it is).
  const partMb = Math.ceil(partBytes / (1 << 20));
  return {
    maxOldGenerationSizeMb: settings.workerHeapMb ?? 256 + partMb,
    maxYoungGenerationSizeMb: 16,
  };
}

export async function runParts(
  file: string,
  plan: StreamPlan,
  encoding: "utf8" | "gb18030",
  bounds: PartBounds[],
  settings: CheckSettings,
  router: RouterSettings,
  facts: CrossRecordFacts,
  mode: PartJob["mode"],
  nextName: () => string,
  /** Workers already started, used first (and taken from the list); any left are stopped. */
  ready: PartWorker[] = [],
): Promise<PartOutcome[]> {
  // The quick first pass over a centers file draws no bar of its own.
  const progress = mode === "evaluate" ? settings.progress?.(file, plan.size) : undefined;
  const centerList = facts.centerIds ? [...facts.centerIds] : null;
  const households = facts.householdsByCommunity ? [...facts.householdsByCommunity] : null;
  const leftOut = facts.leftOut
    ? { byCommunity: [...facts.leftOut.byCommunity], unattributed: facts.leftOut.unattributed }
    : null;
  const minDonationBytes = settings.minDonationBytes ?? MIN_DONATION_BYTES;
  const jobs: PartJob[] = bounds.map((bound) => ({
    path: file,
    file,
    ...bound,
    encoding,
    delimiter: plan.delimiter,
    recordBreak: plan.recordBreak,
    header: plan.header,
    ...(plan.forcedKind ? { forcedKind: plan.forcedKind } : {}),
    ...(settings.columnMap ? { columnMap: settings.columnMap } : {}),
    maxRecordSize: settings.maxRecordSize,
    pack: settings.pack,
    evaluate: settings.evaluate,
    centerIds: centerList,
    refusedCenters: facts.refusedCenters ? [...facts.refusedCenters] : null,
    households,
    leftOut,
    estatesLinked: facts.estatesLinked === true,
    mode,
    ...(settings.workerHeapMb ? { workerHeapMb: settings.workerHeapMb } : {}),
    router,
    spoolName: nextName(),
    reportIds: bounds.length > 1,
    minDonationBytes,
  }));
  // The first part is read here, each other one on a worker of its own.
  const workers = ready.splice(0, jobs.length - 1);
  for (const spare of ready.splice(0)) spare.stop();

  // Parts being read, by the thread reading them; `end` moves when a part gives its tail away.
  interface Slot {
    job: PartJob;
    end: number;
    bytesRead: number;
    rows: number;
    asked: boolean;
  }
  const slots: Slot[] = [];
  const running = new Map<PartRunner, Slot>();
  const finished: Array<{ job: PartJob; outcome: PartOutcome }> = [];
  let failed = false;
  const showProgress = () => {
    if (!progress) return;
    progress.update(sum(slots.map((slot) => slot.bytesRead)), sum(slots.map((slot) => slot.rows)));
  };
  // A thread out of work takes the second half of what the part with most left has left.
  const takeWork = async (): Promise<PartJob | null> => {
    let victim: [PartRunner, Slot] | undefined;
    let mostLeft = minDonationBytes;
    for (const [runner, slot] of running) {
      const left = slot.end - slot.job.start - slot.bytesRead;
      if (!slot.asked && left >= mostLeft) {
        victim = [runner, slot];
        mostLeft = left;
      }
    }
    if (!victim) return null;
    const [runner, slot] = victim;
    slot.asked = true;
    const tail = await runner.donate();
    slot.asked = false;
    if (!tail) return null;
    slot.end = tail.start;
    return { ...slot.job, ...tail, spoolName: nextName() };
  };
  const drive = async (runner: PartRunner, first: PartJob) => {
    // Only parts read side by side give work away: a single part has nobody to give it to.
    const donating = jobs.length > 1;
    for (
      let job: PartJob | null = first;
      job;
      job = failed || !donating ? null : await takeWork()
    ) {
      const slot: Slot = { job, end: job.end, bytesRead: 0, rows: 0, asked: false };
      slots.push(slot);
      running.set(runner, slot);
      const outcome = await runner.run(job, (bytesRead, rows) => {
        slot.bytesRead = bytesRead;
        slot.rows = rows;
        showProgress();
      });
      running.delete(runner);
      finished.push({ job, outcome });
      // A part that failed fails the file's streaming: the others finish, but take no more.
      if (!outcome.ok) failed = true;
    }
  };
  try {
    for (let index = workers.length + 1; index < jobs.length; index++) {
      workers.push(
        await startWorker(
          settings.workerEntry,
          workerLimits(partBytes(jobs[index]), settings, router),
        ),
      );
    }
    const runners: PartRunner[] = [mainThreadRunner(), ...workers];
    await Promise.all(
      jobs.map((job, index) => {
        const runner = runners[index];
        if (!runner) throw new InternalError(`no thread for part ${index}`);
        return drive(runner, job);
      }),
    );
    // In file order, however the parts were divided and whoever read them.
    finished.sort((a, b) => a.job.start - b.job.start);
    return finished.map(({ outcome }) =>
      outcome.ok ? { ...outcome, tally: Tally.revive(outcome.tally) } : outcome,
    );
  } finally {
    // A part that failed on this thread leaves the others' workers running: they are not needed.
    for (const worker of workers) worker.stop();
    progress?.done();
  }
}

function partBytes(job: PartJob | undefined): number {
  return job ? job.end - job.start : 0;
}

/** A thread that reads parts: this one, or a worker. */
interface PartRunner {
  run(job: PartJob, onProgress: (bytesRead: number, rows: number) => void): Promise<PartOutcome>;
  /** The second half of what the current part has left to read, or null (see Donation). */
  donate(): Promise<PartBounds | null>;
}

/** A worker thread started ahead of its parts: `stop` ends the thread. */
export interface PartWorker extends PartRunner {
  stop(): void;
}

function mainThreadRunner(): PartRunner {
  let reading = false;
  // Requests for a donation, answered in turn at the current part's next reads.
  const requests: Array<(tail: PartBounds | null) => void> = [];
  return {
    async run(job, onProgress) {
      reading = true;
      try {
        return await runPart(job, onProgress, {
          wanted: () => requests.length > 0,
          answer: (tail) => requests.shift()?.(tail),
        });
      } finally {
        reading = false;
        for (const request of requests.splice(0)) request(null);
      }
    },
    donate() {
      if (!reading) return Promise.resolve(null);
      return new Promise((resolve) => requests.push(resolve));
    },
  };
}

export async function startWorker(
  entry: CheckSettings["workerEntry"],
  resourceLimits: ReturnType<typeof workerLimits>,
): Promise<PartWorker> {
  // Loaded here, not at the top: only files big enough to split need it, and a small check
  // should not pay for loading it.
  const { Worker } = await import("node:worker_threads");
  // Spelled from the folder above, so that the same path holds from dist/pipeline and from
  // the CLI's bundle in dist/bundle.
  const worker = new Worker(entry?.url ?? new URL("../pipeline/worker.js", import.meta.url), {
    argv: entry?.argv ?? [],
    resourceLimits,
  });
  let progress = (_bytesRead: number, _rows: number): void => undefined;
  let current: { resolve(outcome: PartOutcome): void; reject(error: Error): void } | undefined;
  const donations: Array<(tail: PartBounds | null) => void> = [];
  // Once the worker cannot read parts any more (it failed, or ran out of memory): why.
  let ended: { outcome: PartOutcome } | { error: Error } | undefined;
  const end = (result: { outcome: PartOutcome } | { error: Error }) => {
    void worker.terminate();
    ended ??= result;
    const settle = current;
    current = undefined;
    if (settle && "outcome" in result) settle.resolve(result.outcome);
    else if (settle && "error" in result) settle.reject(result.error);
    for (const answer of donations.splice(0)) answer(null);
  };
  worker.on(
    "message",
    (message: {
      type: string;
      outcome?: PartOutcome;
      bytesRead?: number;
      rows?: number;
      tail?: PartBounds | null;
      message?: string;
    }) => {
      if (message.type === "progress") progress(message.bytesRead ?? 0, message.rows ?? 0);
      else if (message.type === "donated") donations.shift()?.(message.tail ?? null);
      else if (message.type === "done" && message.outcome) {
        const settle = current;
        current = undefined;
        settle?.resolve(message.outcome);
      } else if (message.type === "failed") {
        end({ error: new InternalError(`worker: ${message.message}`) });
      }
    },
  );
  worker.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "ERR_WORKER_OUT_OF_MEMORY")
      end({ outcome: { ok: false, reason: "memory" } });
    else end({ error });
  });
  const send = (request: WorkerRequest) => worker.postMessage(request);
  return {
    run(job, onProgress) {
      progress = onProgress;
      return new Promise((resolve, reject) => {
        if (ended) {
          if ("outcome" in ended) resolve(ended.outcome);
          else reject(ended.error);
          return;
        }
        current = { resolve, reject };
        send({ type: "part", job });
      });
    },
    donate() {
      if (ended || !current) return Promise.resolve(null);
      return new Promise((resolve) => {
        donations.push(resolve);
        send({ type: "donate" });
      });
    },
    stop() {
      void worker.terminate();
      for (const answer of donations.splice(0)) answer(null);
    },
  };
}

export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
