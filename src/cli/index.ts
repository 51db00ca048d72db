import { Command, CommanderError } from "commander";
import { label, labels } from "../model/labels.js";

export { serveParts } from "../pipeline/serve-parts.js";

import { InternalError } from "../engine/evaluate.js";
import type { Lang } from "../model/text.js";
import { PackError } from "../rules/pack.js";
import { registerCheck } from "./check.js";
import { defaultLang, fileSystemAdvice, toolInfo } from "./common.js";
import { registerCompare } from "./compare.js";
import { exitCodes, UsageError } from "./exit.js";
import { registerInit } from "./init.js";
import { registerPage } from "./page.js";
import { registerRetrofit } from "./retrofit.js";
import { registerExplain, registerRules } from "./rules.js";
import { say, sayBlock, sayLines } from "./say.js";
import { registerValidate } from "./validate.js";
import { langOfArguments, speak } from "./words.js";

/** The program: commands register themselves; this file turns every outcome into an exit code. */
export function buildProgram(setExitCode: (code: number) => void, lang: Lang = "en"): Command {
  const program = new Command("floorspace")
    .description(
      "Audit community office and activity floor space (社区办公活动用房) against Suzhou's standards",
    )
    .version(toolInfo().version, "-V, --version")
    .option("--debug", "print the stack of an internal error")
    .showHelpAfterError(label("helpHint", lang))
    .exitOverride();
  for (const register of [
    registerCheck,
    registerRetrofit,
    registerCompare,
    registerValidate,
    registerInit,
    registerPage,
    registerRules,
    registerExplain,
  ]) {
    register(program, setExitCode);
  }
  for (const command of program.commands) command.exitOverride().showHelpAfterError();
  speak(program, lang);
  return program;
}

function fail(message: string, code: number): number {
  say(message);
  return code;
}

/**
 * Every way a run can fail, as one line on stderr in the run's language and an exit code; a
 * stack only with --debug.
 */
export function reportFailure(error: unknown, debug: boolean, lang: Lang = "en"): number {
  if (error instanceof CommanderError) {
    // Help and version end with 0; every other complaint from commander is a wrong command line.
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  if (error instanceof UsageError) return fail(error.text[lang], exitCodes.usage);
  if (error instanceof PackError) {
    sayLines(label("packUnusable", lang, { source: error.source }), error.lines);
    return exitCodes.usage;
  }
  // The machine, not floorspace: a full disk under the spools, a file that vanished, too many
  // open files. One line naming the path and what to do, exit 2.
  const system = error as NodeJS.ErrnoException;
  if (!(error instanceof InternalError) && typeof system?.code === "string" && system.syscall) {
    const where = system.path ? `${system.path}: ` : "";
    const advice = fileSystemAdvice(system.code)[lang];
    return fail(`${where}${advice} (${system.syscall})`, exitCodes.usage);
  }
  const internal = error instanceof InternalError;
  const message = error instanceof Error ? error.message : String(error);
  say(
    label("internalError", lang, {
      where: labels[internal ? "internalBroken" : "internalUnexpected"],
      message,
    }),
  );
  if (debug) sayBlock(error instanceof Error ? (error.stack ?? "") : "");
  else say(label("debugHint", lang));
  return exitCodes.internal;
}

/**
 * The exit code the run has earned so far: what a closed pipe ends the process with, so that
 * `floorspace check … | head` under `set -o pipefail` still fails when the audit found problems.
 */
let earned: number = exitCodes.ok;
/** The language the run speaks, known before its options are parsed. */
let spoken: Lang = "en";

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = exitCodes.ok;
  spoken = langOfArguments(argv, () => defaultLang());
  const program = buildProgram((code) => {
    exitCode = code;
    earned = code;
  }, spoken);
  try {
    // Every relative path is resolved from here: a folder deleted under a shell is caught first.
    process.cwd();
  } catch {
    return fail(label("workingFolderGone", spoken), exitCodes.usage);
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportFailure(error, argv.includes("--debug"), spoken);
  }
}

/** Runs the CLI for real: pipes that close early end quietly. */
export function run(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(earned);
      // Anything else (a full disk behind a redirect, /dev/full): a coded error, not a stack.
      if (stream === process.stdout) {
        const advice = fileSystemAdvice(error.code ?? String(error));
        say(label("cannotWriteStdout", spoken, { advice }));
      }
      process.exit(exitCodes.usage);
    });
  }
  // Ctrl-C keeps its default: the process ends at once, even in the middle of a long audit, and
  // the shell reports 130. Only a report being written catches it, to remove its temporary file.
  main(process.argv.slice(2)).then(exitOnceWritten, (error: unknown) => {
    say(label("internalErrorPlain", spoken, { message: String(error) }));
    exitOnceWritten(exitCodes.internal);
  });
}

/**
 * Ends the process as soon as standard output and error have taken everything written to them
 * (a pipe takes writes later, and process.exit before then would lose them). Leaving by
 * process.exit skips tearing V8's heap down page by page, which took 50 ms after a large check
 * on a virtual machine; nothing else is left to do by then.
 */
function exitOnceWritten(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const flushed = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", flushed);
  process.stderr.write("", flushed);
}
