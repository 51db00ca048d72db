import { z } from "zod";
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

export const findingSchema = z.object({
  ruleId: z.string(),
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
  basis: basisSchema,
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

export const districtSummarySchema = z.object({
  records: z.number().int(),
  failing: z.number().int(),
  shortfall: z.number(),
});
export type DistrictSummary = z.infer<typeof districtSummarySchema>;

export const reportSchema = z.object({
  schemaVersion: z.literal(1),
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
    districts: z.record(z.string(), districtSummarySchema),
  }),
});
export type Report = z.infer<typeof reportSchema>;
