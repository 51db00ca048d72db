import { label } from "../model/labels.js";
import type { Lang } from "../model/text.js";
import { builtinPacks } from "./bundled.js";
import type { FromWorker, ToWorker } from "./worker.js";

/**
 * The page a clerk opens from disk: choose or drop the registers, a pack and an as-of date, and
 * get the report `floorspace check` gives, with its downloads. The work runs in a worker made
 * from the page's own text (no file is fetched); every word comes from the label table.
 */
interface PageState {
  lang: Lang;
  files: File[];
  packFile?: File;
  columnsFile?: File;
  asOf: string;
  packId: string;
  results?: Extract<FromWorker, { type: "done" }>;
}

const state: PageState = {
  lang: navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en",
  files: [],
  asOf: new Date().toISOString().slice(0, 10),
  packId: builtinPacks.has("suzhou-2010") ? "suzhou-2010" : ([...builtinPacks.keys()][0] ?? ""),
};
let worker = startWorker();

function startWorker(): Worker {
  const source = document.getElementById("floorspace-worker")?.textContent ?? "";
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const started = new Worker(url);
  started.onmessage = (event: MessageEvent<FromWorker>) => answer(event.data);
  return started;
}

function send(message: ToWorker, transfer: Transferable[] = []): void {
  worker.postMessage(message, transfer);
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  made.append(...children);
  return made;
}

const say = (key: Parameters<typeof label>[0], data?: Record<string, string | number>) =>
  data
    ? label(key as "pageReading", state.lang, data as { file: string })
    : label(key as "pageRun", state.lang);

function render(): void {
  document.documentElement.lang = label("htmlLanguage", state.lang);
  document.title = say("pageTitle");
  const app = document.getElementById("app");
  if (!app) return;
  const fileInput = element("input", {
    type: "file",
    id: "registers",
    multiple: "",
    accept: ".csv,.txt,.xlsx,.xlsm,.xls,.ods,.et,.htm,.html",
  });
  fileInput.addEventListener("change", () => {
    state.files = [...(fileInput.files ?? [])];
    render();
  });
  const drop = element(
    "label",
    { class: "drop", for: "registers", id: "drop" },
    say("pageDrop"),
    element("br"),
    element(
      "span",
      { id: "chosen" },
      state.files.length > 0
        ? `${label("pageFilesChosen", state.lang, { count: state.files.length })}: ${state.files.map((file) => file.name).join(", ")}`
        : "",
    ),
  );
  drop.addEventListener("dragover", (event) => event.preventDefault());
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    state.files = [...(event.dataTransfer?.files ?? [])];
    render();
  });
  const pack = element("select", { id: "pack" });
  for (const [id, text] of builtinPacks) {
    const option = element("option", { value: id }, `${id} · ${packTitle(text, state.lang)}`);
    if (id === state.packId) option.selected = true;
    pack.append(option);
  }
  pack.addEventListener("change", () => {
    state.packId = pack.value;
  });
  const packFile = element("input", { type: "file", id: "pack-file", accept: ".json" });
  packFile.addEventListener("change", () => {
    const chosen = packFile.files?.[0];
    if (chosen) state.packFile = chosen;
    else delete state.packFile;
  });
  const columnsFile = element("input", { type: "file", id: "columns-file", accept: ".json" });
  columnsFile.addEventListener("change", () => {
    const chosen = columnsFile.files?.[0];
    if (chosen) state.columnsFile = chosen;
    else delete state.columnsFile;
  });
  const asOf = element("input", { type: "date", id: "as-of", value: state.asOf });
  asOf.addEventListener("change", () => {
    state.asOf = asOf.value;
  });
  const language = element("select", { id: "lang" });
  for (const [value, name] of [
    ["zh", "中文"],
    ["en", "English"],
  ] as const) {
    const option = element("option", { value }, name);
    if (value === state.lang) option.selected = true;
    language.append(option);
  }
  language.addEventListener("change", () => {
    state.lang = language.value === "en" ? "en" : "zh";
    render();
  });
  const run = element("button", { id: "run", type: "button" }, say("pageRun"));
  run.addEventListener("click", () => void start());
  const cancel = element("button", { id: "cancel", type: "button" }, say("pageCancel"));
  cancel.addEventListener("click", () => {
    worker.terminate();
    worker = startWorker();
    status(say("pageCancelled"), "cancelled");
  });
  app.replaceChildren(
    element("h1", {}, say("pageTitle")),
    element("p", { class: "offline" }, say("pageOffline")),
    fileInput,
    drop,
    element(
      "div",
      { class: "settings" },
      element("label", {}, `${label("ruleset", state.lang)} `, pack),
      element("label", {}, `${say("pagePackFile")} `, packFile),
      element("label", {}, `${say("pageColumns")} `, columnsFile),
      element("label", {}, `${label("asOf", state.lang)} `, asOf),
      element("label", {}, `${say("pageLanguage")} `, language),
    ),
    element("div", { class: "actions" }, run, cancel),
    element("p", { id: "status", role: "status" }),
    element("div", { id: "results" }),
  );
  if (state.results) showResults(state.results);
}

/** A built-in pack's title in the page's language, as its file gives it. */
function packTitle(text: string, lang: Lang): string {
  try {
    const title = (JSON.parse(text) as { title?: Partial<Record<Lang, string>> }).title;
    return title?.[lang] ?? "";
  } catch {
    return "";
  }
}

function status(text: string, phase: string): void {
  const line = document.getElementById("status");
  if (line) line.textContent = text;
  document.body.dataset.phase = phase;
}

async function start(): Promise<void> {
  if (state.files.length === 0) {
    status(say("pageNoFiles"), "idle");
    return;
  }
  delete state.results;
  document.getElementById("results")?.replaceChildren();
  status(say("pageJudging"), "working");
  const files = await Promise.all(
    state.files.map(async (file) => ({
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })),
  );
  const pack = state.packFile
    ? { name: state.packFile.name, text: await state.packFile.text() }
    : { id: state.packId };
  const columns = state.columnsFile ? await state.columnsFile.text() : undefined;
  send(
    {
      type: "audit",
      files,
      settings: { pack, asOf: state.asOf, lang: state.lang, ...(columns ? { columns } : {}) },
    },
    files.map((file) => file.bytes.buffer as ArrayBuffer),
  );
}

function answer(message: FromWorker): void {
  if (message.type === "progress") {
    const text =
      message.step !== "reading"
        ? say(message.step === "judging" ? "pageJudging" : "pageWriting")
        : message.rows !== undefined
          ? label("pageReadingRows", state.lang, {
              file: message.file ?? "",
              percent: message.percent ?? 0,
              rows: message.rows.toLocaleString("en"),
            })
          : label("pageReading", state.lang, { file: message.file ?? "" });
    status(text, "working");
    return;
  }
  if (message.type === "failed") {
    status(`${say("pageFailed")} ${message.lines.join("; ")}`, "failed");
    return;
  }
  if (message.type === "done") {
    state.results = message;
    status(message.verdict, "done");
    showResults(message);
    return;
  }
  const names = {
    audit: "floorspace-audit.xlsx",
    worklist: "floorspace-retrofit.xlsx",
    template: "registers.xlsx",
  };
  download(
    names[message.which],
    message.bytes,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
}

function showResults(results: Extract<FromWorker, { type: "done" }>): void {
  const box = document.getElementById("results");
  if (!box) return;
  const button = (id: string, key: Parameters<typeof label>[0], act: () => void) => {
    const made = element("button", { id, type: "button" }, say(key));
    made.addEventListener("click", act);
    return made;
  };
  const frame = element("iframe", {
    id: "report",
    title: say("pageHtml"),
    sandbox: "allow-scripts allow-modals",
  });
  frame.srcdoc = results.html;
  box.replaceChildren(
    element("h2", {}, say("pageDownloads")),
    element(
      "div",
      { class: "downloads" },
      button("download-json", "pageJson", () =>
        download("floorspace-report.json", results.json, "application/json"),
      ),
      button("download-html", "pageHtml", () =>
        download("floorspace-report.html", results.html, "text/html"),
      ),
      button("download-audit", "pageAuditWorkbook", () =>
        send({ type: "workbook", which: "audit" }),
      ),
      button("download-worklist", "pageWorklistWorkbook", () =>
        send({ type: "workbook", which: "worklist" }),
      ),
      button("download-template", "pageTemplate", () =>
        send({ type: "workbook", which: "template" }),
      ),
    ),
    frame,
  );
}

function download(name: string, content: string | Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const link = element("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

render();
status("", "idle");
