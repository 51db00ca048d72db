import { safeLines, safeText } from "../report/escape.js";

/**
 * The one way the CLI speaks on stderr: every line prefixed with the tool's name and made safe
 * for a terminal or a CI log (safeText), whatever of the data or the system it carries.
 */
export function say(message: string): void {
  process.stderr.write(`floorspace: ${safeText(message)}\n`);
}

/** Several lines under a first one, each indented and made safe. */
export function sayLines(first: string, lines: readonly string[]): void {
  say(first);
  for (const line of lines) process.stderr.write(`  ${safeText(line)}\n`);
}

/** Text already laid out in lines (a stack with --debug): each line made safe. */
export function sayBlock(text: string): void {
  process.stderr.write(`${safeLines(text)}\n`);
}
