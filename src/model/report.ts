import * as z from "zod";
import "./zod-config.js";
import { inputErrorSchema } from "./errors.js";
import { severitySchema } from "./pack.js";
import { localizedSchema } from "./text.js";

/** The JSON report: the contract with CI and every other output format. */
export const outcomes = ["pass", "fail", "unknown", "not-applicable", "eligible"] as const;
export const outcomeSchema = z.enum(outcomes);
export type Outcome = z.infer<typeof outcomeSchema>;

export const inputSummarySchema = z.object({
  file: z.string(),
  kind: z.enum(["estates", "centers"]).nullable(),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  records: z.number().int(),
  valid: z.number().int(),
  rejected: z.number().int(),
});
export type InputSummary = z.infer<typeof inputSummarySchema>;

export const basisSchema = z.object({
  task: z.number().int(),
  relatedTasks: z.array(z.number().int()),
  clause: z.string(),
  lead: z.string(),
  cooperating: z.string(),
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
  outcome: z.enum(["fail", "unknown", "eligible"]),
  kind: z.enum(["estate", "center"]),
  recordId: z.string(),
  recordName: z.string(),
  district: z.string(),
  subdistrict: z.string().nullable(),
  file: z.string(),
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
  /** compliant / records, to four decimals. */
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
  line: z.number().int(),
  outcomes: z.record(z.string(), outcomeSchema),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const baselineResultSchema = z.object({
  file: z.string(),
  /** Findings left out because the baseline already has them. */
  suppressed: z.number().int(),
  /** Baseline entries that no longer occur: the baseline can shrink by these. */
  stale: z.array(z.object({ ruleId: z.string(), file: z.string(), recordId: z.string() })),
});

export const reportSchema = z.object({
  /** 2: findings carry `task` instead of the whole `basis`, and each is written on one line. */
  schemaVersion: z.literal(2),
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
    }),
  ),
  findings: z.array(findingSchema),
  summary: z.object({
    records: z.object({ estates: z.number().int(), centers: z.number().int() }),
    rejected: z.number().int(),
    findings: z.object({
      error: z.number().int(),
      warning: z.number().int(),
      info: z.number().int(),
    }),
    eligible: z.number().int(),
    rules: z.record(z.string(), outcomeCountsSchema),
    districts: z.record(z.string(), areaSummarySchema),
    streets: z.array(streetSummarySchema),
  }),
  evaluations: z.array(evaluationSchema).optional(),
  baseline: baselineResultSchema.optional(),
});
export type Report = z.infer<typeof reportSchema>;

/** What is known of a report before any record is read. */
export type ReportHead = Pick<Report, "tool" | "ruleset" | "asOf" | "lang" | "rules">;
