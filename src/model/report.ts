import * as z from "zod";
import "./zod-config.js";
import { inputErrorSchema } from "./errors.js";
import { documentSchema, severitySchema } from "./pack.js";
import { localizedSchema } from "./text.js";

/** The JSON report: the contract with CI and every other output format. */
/**
 * "not-applicable": the standard does not cover the record. "unknown": it does, but the record's
 * own data cannot decide. "not-checked": it does, but the file lacks a column (or the run lacks
 * the other file) the rule needs, so the rule was never run on it.
 */
export const outcomes = [
  "pass",
  "fail",
  "unknown",
  "not-applicable",
  "eligible",
  "not-checked",
] as const;
export const outcomeSchema = z.enum(outcomes);
export type Outcome = z.infer<typeof outcomeSchema>;

export const inputSummarySchema = z.object({
  file: z.string(),
  /** A workbook's sheet (absent for CSV). */
  sheet: z.string().optional(),
  kind: z.enum(["estates", "centers"]).nullable(),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  records: z.number().int(),
  valid: z.number().int(),
  rejected: z.number().int(),
  /** Rows that are not records (a totals row, a signature line): records = valid + rejected + skipped. */
  skipped: z.number().int(),
  /** False when the file was refused as a whole: none of its rows was judged. */
  usable: z.boolean(),
});
export type InputSummary = z.infer<typeof inputSummarySchema>;

export const basisSchema = z.object({
  task: z.number().int(),
  relatedTasks: z.array(z.number().int()),
  clause: z.string(),
  lead: z.string(),
  cooperating: z.string(),
  /** When the clause is from a document other than the seed's task table. */
  document: documentSchema.optional(),
});
export type Basis = z.infer<typeof basisSchema>;

const quantity = z.union([z.number(), z.string()]).nullable();

/**
 * One finding. It names its rule and the policy task; the clause and the departments are in the
 * report's `rules[]`, once per rule (as SARIF and ESLint do), not repeated in every finding: they
 * were half the bytes of a large report.
 */
export const findingSchema = z.object({
  ruleId: z.string(),
  task: z.number().int(),
  severity: severitySchema,
  /** "not-checked": one finding for a file and a rule, at the header line, naming what is missing. */
  outcome: z.enum(["fail", "unknown", "eligible", "not-checked"]),
  kind: z.enum(["estate", "center"]),
  recordId: z.string(),
  recordName: z.string(),
  district: z.string(),
  subdistrict: z.string().nullable(),
  file: z.string(),
  /** A workbook's sheet (absent for CSV): `line` is then its row number. */
  sheet: z.string().optional(),
  line: z.number().int(),
  message: z.string(),
  actual: quantity,
  required: quantity,
  shortfall: z.number().nullable(),
  unit: z.enum(["m2", "households", "phase", "date"]).nullable(),
  /** The figures the message was made from (households, rates, gaps…), for formats that need them. */
  details: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type Finding = z.infer<typeof findingSchema>;

const outcomeCountsSchema = z.object({
  pass: z.number().int(),
  fail: z.number().int(),
  unknown: z.number().int(),
  notApplicable: z.number().int(),
  eligible: z.number().int(),
  notChecked: z.number().int(),
});
export type OutcomeCounts = z.infer<typeof outcomeCountsSchema>;

export const worstRecordSchema = z.object({
  kind: z.enum(["estate", "center"]),
  recordId: z.string(),
  recordName: z.string(),
  shortfall: z.number(),
});
export type WorstRecord = z.infer<typeof worstRecordSchema>;

export const areaSummarySchema = z.object({
  records: z.number().int(),
  estates: z.number().int(),
  centers: z.number().int(),
  compliant: z.number().int(),
  failing: z.number().int(),
  unknown: z.number().int(),
  /** Records nothing failed or left unknown, but that a rule the standard applies to never judged. */
  unchecked: z.number().int(),
  /** compliant / records, to four decimals: unknown and unchecked records are not compliant. */
  complianceRate: z.number(),
  shortfall: z.number(),
  worst: z.array(worstRecordSchema),
});
export type AreaSummary = z.infer<typeof areaSummarySchema>;
export type DistrictSummary = AreaSummary;
export const streetSummarySchema = areaSummarySchema.extend({
  district: z.string(),
  subdistrict: z.string(),
});
export type StreetSummary = z.infer<typeof streetSummarySchema>;

/** One evaluated record and each active rule's outcome; kept only for formats that list them. */
export const evaluationSchema = z.object({
  kind: z.enum(["estate", "center"]),
  recordId: z.string(),
  recordName: z.string(),
  district: z.string(),
  file: z.string(),
  sheet: z.string().optional(),
  line: z.number().int(),
  outcomes: z.record(z.string(), outcomeSchema),
  /** For each rule not checked on the record: the columns (or files) it lacked. */
  notChecked: z.record(z.string(), z.array(z.string())).optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const baselineResultSchema = z.object({
  file: z.string(),
  /** Findings left out because the baseline already has them. */
  suppressed: z.number().int(),
  /** Baseline entries that no longer occur: the baseline can shrink by these. */
  stale: z.array(z.object({ ruleId: z.string(), file: z.string(), recordId: z.string() })),
});

/** A column a rule needs, under both its names. */
export const neededColumnSchema = z.object({
  column: z.string(),
  header: z.string(),
});

/** A rule that a file gave no way to judge on some of its rows. */
export const notCheckedSchema = z.object({
  ruleId: z.string(),
  file: z.string(),
  sheet: z.string().optional(),
  kind: z.enum(["estate", "center"]),
  rows: z.number().int(),
  /** What the file (or the run) lacks: columns under their Chinese and canonical names. */
  needs: z.array(neededColumnSchema),
  /** Headers of the file the tool did not recognise that look like a needed column. */
  suggestions: z.array(z.object({ header: z.string(), column: z.string() })),
  /** True when the absence is usual for such a file (reported as info, not a warning). */
  quiet: z.boolean(),
  /** Of its finding: info for a usual absence or an info rule, else warning. */
  severity: z.enum(["warning", "info"]),
});
export type NotChecked = z.infer<typeof notCheckedSchema>;

/** How much of what the standard covers was judged, per rule. */
export const ruleCoverageSchema = z.object({
  /** Records the rule gave a verdict on: pass + fail + eligible. */
  judged: z.number().int(),
  pass: z.number().int(),
  fail: z.number().int(),
  eligible: z.number().int(),
  unknown: z.number().int(),
  /** Unknown verdicts by message id (why the data could not decide). */
  unknownReasons: z.record(z.string(), z.number().int()),
  notApplicable: z.number().int(),
  notChecked: z.number().int(),
});
export type RuleCoverage = z.infer<typeof ruleCoverageSchema>;

export const reportSchema = z.object({
  /**
   * 3: outcome "not-checked" (rule counts, findings, evaluations), `summary.coverage`,
   * `summary.notChecked`, `unchecked` in area summaries. 2: findings carry `task` instead of the
   * whole `basis`, and each is written on one line.
   */
  schemaVersion: z.literal(3),
  tool: z.object({ name: z.string(), version: z.string() }),
  ruleset: z.object({ id: z.string(), title: z.string(), layers: z.array(z.string()) }),
  asOf: z.string(),
  lang: z.enum(["zh", "en"]),
  inputs: z.array(inputSummarySchema),
  inputErrors: z.array(inputErrorSchema),
  notices: z.array(inputErrorSchema),
  rules: z.array(
    z.object({
      id: z.string(),
      title: localizedSchema,
      severity: z.union([severitySchema, z.literal("off")]),
      task: z.number().int(),
      kinds: z.array(z.enum(["estate", "center"])),
      basis: basisSchema,
      /** How floorspace reads the clause, in the report's language. */
      interpretation: z.string(),
      /** "target" where the pack's document sets a target, not a requirement (absent: requirement). */
      standing: z.literal("target").optional(),
    }),
  ),
  findings: z.array(findingSchema),
  summary: z.object({
    records: z.object({ estates: z.number().int(), centers: z.number().int() }),
    rejected: z.number().int(),
    /** Records on which at least one rule was not checked. */
    recordsNotChecked: z.number().int(),
    findings: z.object({
      error: z.number().int(),
      warning: z.number().int(),
      info: z.number().int(),
    }),
    eligible: z.number().int(),
    rules: z.record(z.string(), outcomeCountsSchema),
    /** Records below a target (the fails of the pack's target rules), apart from breaches. */
    belowTarget: z.number().int().optional(),
    coverage: z.record(z.string(), ruleCoverageSchema),
    notChecked: z.array(notCheckedSchema),
    districts: z.record(z.string(), areaSummarySchema),
    streets: z.array(streetSummarySchema),
  }),
  evaluations: z.array(evaluationSchema).optional(),
  baseline: baselineResultSchema.optional(),
});
export type Report = z.infer<typeof reportSchema>;

/** What is known of a report before any record is read. */
export type ReportHead = Pick<Report, "tool" | "ruleset" | "asOf" | "lang" | "rules">;
