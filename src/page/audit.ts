import { columnMapOf, columnMapProblems } from "../ingest/headers.js";
import {
  defaultIngestOptions,
  ingestBytes,
  type ParsedInput,
  type ReadingOptions,
} from "../ingest/index.js";
import { readWorkbook } from "../ingest/workbook.js";
import { spreadsheetKindOf } from "../ingest/workbook-sniff.js";
import { label, labels } from "../model/labels.js";
import type { ResolvedPack } from "../model/pack.js";
import type { Report } from "../model/report.js";
import type { Lang } from "../model/text.js";
import { runCheck } from "../pipeline/check.js";
import { formatHtml } from "../report/html/index.js";
import { formatJson } from "../report/json.js";
import { buildWorklist } from "../report/retrofit.js";
import { districtLookup, PackError, parsePackText, resolvePackLayers } from "../rules/pack.js";

/**
 * The audit a page runs on the files dropped on it: the same readers (a spreadsheet by its first
 * bytes, any other file as text), the same passes, rules and renderers as `floorspace check`,
 * given bytes instead of paths. Nothing here touches a disk, a thread or the network.
 */
export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

export interface AuditSettings {
  /** A built-in pack's id, or a pack file's text (which may extend a built-in by id). */
  pack: { id: string } | { name: string; text: string };
  /** The built-in packs' texts by id (the page carries them; the command line reads rules/). */
  packs: ReadonlyMap<string, string>;
  asOf: string;
  lang: Lang;
  /** A column map file's text (`--columns`), if one was given. */
  columns?: string;
  tool: { name: string; version: string };
  onProgress?: (step: AuditStep, file?: string, done?: { fraction: number; rows: number }) => void;
}

export type AuditStep = "reading" | "judging" | "writing";

export interface Audit {
  report: Report;
  json: string;
  html: string;
}

export async function audit(
  files: readonly DroppedFile[],
  settings: AuditSettings,
): Promise<Audit> {
  const pack = resolvePack(settings.pack, settings.packs);
  const columnMap = settings.columns ? parseColumns(settings.columns, settings.lang) : undefined;
  const reading: ReadingOptions = {
    ...defaultIngestOptions,
    ...(pack.columns || columnMap ? { columnMap: { ...pack.columns, ...columnMap } } : {}),
  };
  const districts = districtLookup(pack);
  const inputs: ParsedInput[] = [];
  for (const file of files) {
    settings.onProgress?.("reading", file.name);
    const spreadsheet = spreadsheetKindOf(file.bytes);
    if (spreadsheet) {
      inputs.push(
        ...(await readWorkbook(file.name, {
          ...reading,
          bytes: file.bytes,
          spreadsheet,
          districtOf: (text) => districts.known(text),
        })),
      );
    } else {
      inputs.push(
        ingestBytes(file.bytes, file.name, {
          ...reading,
          onProgress: (read, total, rows) =>
            settings.onProgress?.("reading", file.name, {
              fraction: read / Math.max(1, total),
              rows,
            }),
        }),
      );
    }
  }
  settings.onProgress?.("judging");
  const { report } = await runCheck({
    files: inputs.map((input) => ({ input })),
    ...reading,
    pack,
    evaluate: { asOf: settings.asOf, lang: settings.lang, tool: settings.tool },
    router: { recordBaseline: false, errorsOnly: false, streaming: [], keep: { all: true } },
    threads: 1,
    parallelMinBytes: Number.POSITIVE_INFINITY,
  });
  settings.onProgress?.("writing");
  const options = { lang: settings.lang, color: false };
  return { report, json: joined(formatJson(report, options)), html: formatHtml(report, options) };
}

/** The report's workbooks, made when asked for (exceljs is the largest part of the page). */
export async function auditWorkbook(report: Report, lang: Lang): Promise<Uint8Array> {
  const { formatXlsx } = await import("../report/xlsx.js");
  return concat(await formatXlsx(report, { lang, color: false }));
}

export async function worklistWorkbook(report: Report, lang: Lang): Promise<Uint8Array> {
  const { worklistXlsx } = await import("../report/retrofit-xlsx.js");
  return worklistXlsx(buildWorklist(report), lang);
}

/** A pack as the page names it: a built-in by id, or a file's text extending built-ins by id. */
export function resolvePack(
  choice: AuditSettings["pack"],
  packs: ReadonlyMap<string, string>,
): ResolvedPack {
  const builtin = (id: string) => {
    const text = packs.get(id);
    if (text === undefined) throw new PackError(id, ["no such rule pack"]);
    return parsePackText(text, id);
  };
  const layers: Array<{ label: string; file: ReturnType<typeof parsePackText> }> = [];
  let label = "id" in choice ? choice.id : choice.name;
  let file = "id" in choice ? builtin(choice.id) : parsePackText(choice.text, choice.name);
  for (;;) {
    if (layers.some((layer) => layer.label === label)) {
      throw new PackError(label, [
        `extends itself: ${[...layers.map((layer) => layer.label), label].join(" -> ")}`,
      ]);
    }
    layers.unshift({ label, file });
    if (!file.extends) break;
    label = file.extends;
    file = builtin(file.extends);
  }
  return resolvePackLayers(layers);
}

/** A column map's text as `--columns` takes it: the map itself, or an object with `columns`. */
function parseColumns(text: string, lang: Lang): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new PackError("columns", [
      label("notJsonColumns", lang, { shape: labels.columnMapShape }),
    ]);
  }
  const map = columnMapOf(json);
  if (!map) throw new PackError("columns", [labels.columnMapShape[lang]]);
  const problems = columnMapProblems(map, lang);
  if (problems.length > 0) throw new PackError("columns", problems);
  return map;
}

function joined(output: string | Iterable<string | Uint8Array>): string {
  if (typeof output === "string") return output;
  const decoder = new TextDecoder();
  let text = "";
  for (const piece of output)
    text += typeof piece === "string" ? piece : decoder.decode(piece, { stream: true });
  return text + decoder.decode();
}

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.length;
  }
  return whole;
}
