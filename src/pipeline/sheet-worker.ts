import type { MessagePort } from "node:worker_threads";
import type { CellFault, Merge } from "../ingest/sheet-cells.js";
import { emptySheet } from "../ingest/sheet-cells.js";
import { type RowBatch, type RowBatches, SHARED } from "../ingest/sheet-stream.js";
import { readSheetCells } from "../ingest/sheet-xml.js";
import type { Row } from "../ingest/table.js";
import { planFile, type WorkbookOptions } from "../ingest/workbook.js";

/**
 * A streamed sheet's cells made on a second thread while the main thread judges the rows already
 * made (ingest/sheet-stream.ts): the worker reads the workbook's structure (not its shared
 * strings: a cell naming one is sent as its index, and the main thread, which reads them while
 * the worker starts, puts the text in), inflates and scans the sheet's part and sends its rows in
 * batches; it waits when the main thread has BATCHES_AHEAD batches not yet taken, so the rows in
 * between stay few whatever the sheet's size.
 */
export interface SheetJob {
  path: string;
  maxFileSize: number;
  encoding: WorkbookOptions["encoding"];
  sheet: string;
}

type SheetMessage =
  | {
      type: "rows";
      /** The rows' fields, FIELD between fields and ROW between rows, SHARED + an index for a shared string. */
      text: string;
      lines: Int32Array;
      faults: Array<[string, CellFault]>;
      hiddenRows: number[];
    }
  | { type: "sheet-done"; merges: Merge[] }
  | { type: "sheet-failed"; message: string };

const ROWS_PER_BATCH = 2000;
const BATCHES_AHEAD = 4;
// Characters no XML 1.0 text holds (SHARED, which marks a shared string's index, is the third):
// a batch of rows travels as one string (a copy of one block of memory) rather than as
// thousands of small ones. A cell that holds one anyway (written as a
// character reference) makes the worker give up, and the sheet is read whole.
const FIELD = String.fromCharCode(0);
const ROW = String.fromCharCode(1);
const reserved = (text: string) => {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) < 3) return true;
  return false;
};

export async function serveSheet(
  job: SheetJob,
  port: MessagePort,
  /** Resolves when the main thread has taken one more batch. */
  taken: () => Promise<void>,
): Promise<void> {
  let close: (() => void) | undefined;
  try {
    const plan = await planFile(job.path, job.maxFileSize, job.encoding, "zip", false);
    if ("refusal" in plan) throw new Error(String(plan.refusal.data.reason));
    const opened = plan.archive;
    close = () => opened?.close();
    const sheet = plan.sheets.find((each) => each.name === job.sheet);
    if (!opened || !sheet) throw new Error(`no sheet ${job.sheet}`);
    let ahead = 0;
    // The scanner takes the part a piece at a time: before each piece, wait until the main
    // thread is no more than BATCHES_AHEAD batches behind.
    const gated = {
      ...opened,
      async *inflate(name: string, again?: boolean) {
        for await (const piece of opened.inflate(name, again)) {
          while (ahead >= BATCHES_AHEAD) {
            await taken();
            ahead--;
          }
          yield piece;
        }
      },
    };
    const cells = emptySheet(sheet.name);
    let batch: Row[] = [];
    let faultsSent = 0;
    let hiddenSent = 0;
    const send = () => {
      const faults = cells.faults.size > faultsSent ? [...cells.faults].slice(faultsSent) : [];
      faultsSent = cells.faults.size;
      const hiddenRows = cells.hiddenRows.slice(hiddenSent);
      hiddenSent = cells.hiddenRows.length;
      const lines = new Int32Array(batch.length);
      const texts: string[] = [];
      for (const [index, row] of batch.entries()) {
        lines[index] = row.line;
        const fields = row.fields as unknown[];
        for (let column = 0; column < fields.length; column++) {
          const field = fields[column];
          if (typeof field === "number") fields[column] = SHARED + field;
          else if (reserved(field as string)) {
            throw new Error(`row ${row.line} holds a control character`);
          }
        }
        texts.push(fields.join(FIELD));
      }
      const message: SheetMessage = {
        type: "rows",
        text: texts.join(ROW),
        lines,
        faults,
        hiddenRows,
      };
      port.postMessage(message, [lines.buffer as ArrayBuffer]);
      batch = [];
      ahead++;
    };
    await readSheetCells({ ...plan, archive: gated }, sheet, {
      cells,
      again: false,
      // Any index: the main thread, which holds the strings, says which it lacks.
      sharedByIndex: Number.MAX_SAFE_INTEGER,
      onRow: (row) => {
        batch.push(row);
        if (batch.length >= ROWS_PER_BATCH) send();
      },
    });
    // The last rows, and what came after them: faults, hidden rows with no value.
    if (
      batch.length > 0 ||
      cells.faults.size > faultsSent ||
      cells.hiddenRows.length > hiddenSent
    ) {
      send();
    }
    port.postMessage({ type: "sheet-done", merges: cells.merges } satisfies SheetMessage);
  } catch (error) {
    port.postMessage({
      type: "sheet-failed",
      message: error instanceof Error ? error.message : String(error),
    } satisfies SheetMessage);
  } finally {
    close?.();
  }
}

/**
 * The main thread's side: a worker started on the sheet at once (it scans ahead, up to
 * BATCHES_AHEAD batches, while the run plans and reads the centers), whose batches `next` hands
 * over in order, telling the worker each is taken; it rejects if the worker could not read the
 * sheet (the caller reads it whole then). `stop` ends the worker.
 */
export async function startSheetWorker(
  entry: { url: URL; argv: string[] } | undefined,
  job: SheetJob,
  /** Room for the worker's heap, beyond the shared strings it reads. */
  heapMb: number,
): Promise<RowBatches> {
  const { Worker } = await import("node:worker_threads");
  // The worker keeps alive its shared strings, the piece it scans and the batches not yet
  // taken: a heap capped near that makes V8 collect instead of growing.
  const worker = new Worker(entry?.url ?? new URL("../pipeline/worker.js", import.meta.url), {
    argv: entry?.argv ?? [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 },
  });
  const heard: Array<SheetMessage | Error> = [];
  let waiting: ((message: SheetMessage | Error) => void) | undefined;
  const hear = (message: SheetMessage | Error) => {
    const take = waiting;
    waiting = undefined;
    if (take) take(message);
    else heard.push(message);
  };
  worker.on("message", (message: SheetMessage) => hear(message));
  worker.on("error", (error: Error) => hear(error));
  worker.on("exit", (code) => hear(new Error(`the sheet's worker ended (${code})`)));
  worker.postMessage({ type: "sheet", job });
  let ended = false;
  return {
    async next(): Promise<RowBatch | { merges: Merge[] }> {
      if (ended) throw new Error("the sheet's worker has ended");
      const message =
        heard.shift() ??
        (await new Promise<SheetMessage | Error>((resolve) => {
          waiting = resolve;
        }));
      if (message instanceof Error) throw message;
      if (message.type === "sheet-failed") throw new Error(message.message);
      if (message.type === "sheet-done") {
        ended = true;
        return { merges: message.merges };
      }
      worker.postMessage({ type: "sheet-taken" });
      const texts = message.lines.length > 0 ? message.text.split(ROW) : [];
      return {
        rows: texts.map((text, position) => ({
          line: message.lines[position] ?? 0,
          fields: text.split(FIELD),
        })),
        faults: message.faults,
        hiddenRows: message.hiddenRows,
      };
    },
    async stop() {
      ended = true;
      await worker.terminate();
    },
  };
}
