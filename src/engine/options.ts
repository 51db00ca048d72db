import type { RuleSetting } from "../model/pack.js";
import type { Lang } from "../model/text.js";

/** How records are judged: the as-of date (the engine reads no clock), language, overrides. */
export interface EvaluateOptions {
  asOf: string;
  lang: Lang;
  tool: { name: string; version: string };
  /** Command-line overrides of rule severities (`--rule ID=off|info|warning|error`). */
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  /** Keep every record's outcomes in the report (JUnit lists passing records too). */
  keepEvaluations?: boolean | "centers";
}

/** A broken invariant of the tool itself, never a problem with the user's data. */
export class InternalError extends Error {}
