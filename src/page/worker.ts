import type { Report } from "../model/report.js";
import type { Lang } from "../model/text.js";
import { PackError } from "../rules/pack.js";
import {
  type AuditSettings,
  audit,
  auditWorkbook,
  type DroppedFile,
  resolvePack,
  worklistWorkbook,
} from "./audit.js";
import { builtinPacks, tool } from "./bundled.js";

/**
 * The page's worker: the audit runs here, off the page's thread, so the page answers while a
 * large register is read, and the cancel button ends the worker itself. What it is sent and what
 * it answers (protocol.ts) are plain data; files travel as transferred bytes.
 */
export type ToWorker =
  | {
      type: "audit";
      files: DroppedFile[];
      settings: Pick<AuditSettings, "pack" | "asOf" | "lang" | "columns">;
    }
  | { type: "workbook"; which: "audit" | "worklist" | "template" };

export type FromWorker =
  | { type: "progress"; step: string; file?: string; percent?: number; rows?: number }
  | { type: "done"; json: Uint8Array; html: string; verdict: string }
  | { type: "file"; which: "audit" | "worklist" | "template"; bytes: Uint8Array }
  | { type: "failed"; lines: string[] };

interface WorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}
type Transferable = ArrayBuffer;

const scope = globalThis as unknown as WorkerScope;
let last: { report?: Report; lang: Lang; pack: AuditSettings["pack"] } | undefined;

scope.onmessage = (event) => {
  handle(event.data).catch((error: unknown) => {
    const lines =
      error instanceof PackError
        ? [error.source, ...error.lines]
        : [error instanceof Error ? error.message : String(error)];
    scope.postMessage({ type: "failed", lines });
  });
};

async function handle(message: ToWorker): Promise<void> {
  if (message.type === "audit") {
    const { verdictLine } = await import("../report/verdict.js");
    const result = await audit(message.files, {
      ...message.settings,
      packs: builtinPacks,
      tool,
      onProgress: (step, file, done) =>
        scope.postMessage({
          type: "progress",
          step,
          ...(file !== undefined ? { file } : {}),
          ...(done ? { percent: Math.round(done.fraction * 100), rows: done.rows } : {}),
        }),
    });
    last = { report: result.report, lang: message.settings.lang, pack: message.settings.pack };
    // The report's JSON goes as bytes, handed over rather than copied: a large register's report
    // is tens of megabytes, and the page's thread only ever saves it.
    const json = new TextEncoder().encode(result.json);
    scope.postMessage(
      {
        type: "done",
        json,
        html: result.html,
        verdict: verdictLine(result.report, message.settings.lang),
      },
      [json.buffer as ArrayBuffer],
    );
    return;
  }
  const bytes = await workbook(message.which);
  scope.postMessage({ type: "file", which: message.which, bytes }, [bytes.buffer as ArrayBuffer]);
}

async function workbook(which: "audit" | "worklist" | "template"): Promise<Uint8Array> {
  if (which === "template") {
    const { templateWorkbook } = await import("../report/template-xlsx.js");
    const { rules } = await import("../rules/registry.js");
    const pack = resolvePack(last?.pack ?? { id: "suzhou-2010" }, builtinPacks);
    return templateWorkbook(pack, rules, last?.lang ?? "zh");
  }
  if (!last?.report) throw new Error("no audit yet");
  return which === "audit"
    ? auditWorkbook(last.report, last.lang)
    : worklistWorkbook(last.report, last.lang);
}
