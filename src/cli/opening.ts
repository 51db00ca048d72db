import type { RecordKind } from "../model/columns.js";
import { labelled } from "../model/labels.js";
import type { ResolvedPack } from "../model/pack.js";
import type { Lang, Localized } from "../model/text.js";
import { loadPack, locatePack } from "../pipeline/packs.js";
import { defaultLang, type InputOptions, loadColumnMap, parseAsOf, wantedFiles } from "./common.js";
import { UsageError } from "./exit.js";
import { formatOf, readPaths, refuseBinaryToTerminal, refuseClobbering } from "./outputs.js";
import { readingSettings } from "./pipeline.js";
import { wantsProgress } from "./progress.js";

/**
 * For the commands about communities (retrofit, compare): with every file read and none of them
 * a centers file, the answer could only be empty, and an empty list reads as "nothing wrong";
 * a file that could not be read says so itself instead.
 */
export function refuseWithoutCenters(
  inputs: ReadonlyArray<{ kind: string | null; usable: boolean }>,
  command: Localized,
): void {
  if (inputs.every((input) => input.kind !== "centers" && input.usable)) {
    throw new UsageError(labelled("needsCenters", { command }));
  }
}

/** An output a command writes: its format (chosen or implied by its name) and where. */
export interface PlannedOutput<F extends string> {
  /** How the command line named it, for messages (`--output`, `--report json=`). */
  label: string;
  format: F | undefined;
  path: string | undefined;
}

export interface RunOpening<F extends string> {
  lang: Lang;
  asOf: string;
  /** The files to read, each with the kind --estates or --centers forced. */
  wanted: Array<{ file: string; kind?: RecordKind }>;
  /** Each output's format, in the order given. */
  formats: F[];
  packs: ResolvedPack[];
  /** How the pipeline reads the files under a pack (its column map over --columns). */
  reading(pack: ResolvedPack, jsonToStdout: boolean): Promise<ReturnType<typeof readingSettings>>;
}

/**
 * What every command that reads registers does first, in one order, before any work: the
 * language, the as-of date, each output's format (a name that contradicts --format, or a
 * workbook to a terminal, is refused), the files (a path that names none is refused), no output
 * on anything the run reads, then the rule packs.
 */
export async function openRun<F extends string>(
  files: readonly string[],
  options: InputOptions & { lang?: Lang; asOf?: string },
  spec: {
    outputs: ReadonlyArray<PlannedOutput<F>>;
    allowed: readonly F[];
    /** Formats whose output is bytes, never written to a terminal. */
    binary: (format: F) => boolean;
    packs: readonly string[];
    /** Outputs that are not reports (--write-baseline), and files read besides (--baseline). */
    alsoWrites?: ReadonlyArray<{ label: string; path: string }>;
    alsoReads?: Readonly<Record<string, string | undefined>>;
  },
): Promise<RunOpening<F>> {
  const lang = options.lang ?? defaultLang();
  const asOf = parseAsOf(options.asOf);
  const formats = spec.outputs.map((output, index) =>
    formatOf(output.format, output.path, spec.allowed, index === 0 ? "--output" : output.label),
  );
  spec.outputs.forEach((output, index) => {
    const format = formats[index] as F;
    refuseBinaryToTerminal(format, spec.binary(format), output.path);
  });
  const wanted = wantedFiles(files, options);
  const packPaths = Object.fromEntries(
    spec.packs.map((reference, index) => [
      spec.packs.length === 1 ? "rule pack" : `rule pack ${index + 1}`,
      locatePack(reference, process.cwd()),
    ]),
  );
  refuseClobbering(
    [
      ...spec.outputs.flatMap((output) =>
        output.path
          ? [
              {
                label: `${output.label}${output.label.endsWith("=") ? "" : " "}${output.path}`,
                path: output.path,
              },
            ]
          : [],
      ),
      ...(spec.alsoWrites ?? []),
    ],
    readPaths(wanted, { ...spec.alsoReads, ...packPaths, "--columns": options.columns }),
  );
  const packs = await Promise.all(spec.packs.map((reference) => loadPack(reference)));
  return {
    lang,
    asOf,
    wanted,
    formats,
    packs,
    reading: async (pack, jsonToStdout) =>
      readingSettings(
        wanted,
        options,
        await loadColumnMap(options.columns, pack.columns),
        wantsProgress(process.stderr, process.env, jsonToStdout),
      ),
  };
}
