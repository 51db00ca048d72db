import * as z from "zod";
import "./zod-config.js";
import { isCalendarDay } from "./calendar.js";
import { decimalFromPack, MICROS_PER_UNIT } from "./decimal.js";
import { type LabelKey, label } from "./labels.js";
import { localizedSchema } from "./text.js";

/**
 * A rule pack is data: the standards' parameters with their effective dates, each rule's
 * severity, the policy's tasks (clause, lead and co-operating departments) and the district
 * lists. `packFileSchema` is what a JSON file may say (every part optional but its identity,
 * so that a pack can extend another); `resolvedPackSchema` is a complete pack after merging.
 */
export const severities = ["error", "warning", "info"] as const;
export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;
export const ruleSettingSchema = z.enum(["off", ...severities]);
export type RuleSetting = z.infer<typeof ruleSettingSchema>;

const decimal = z
  .union([z.number(), z.string()])
  .refine((value) => decimalFromPack(value) !== null, {
    error: 'expected a decimal number such as 0.4 or "0.4"',
  });
const positiveDecimal = decimal.refine((value) => (decimalFromPack(value) ?? 0) > 0, {
  error: "expected a number above zero",
});
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date as YYYY-MM-DD" })
  .refine(
    (value) =>
      isCalendarDay(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8))),
    { error: "expected a real calendar day" },
  );
/**
 * Upper bounds that keep every product exact: a rate times the most households a record may have
 * (MAX_HOUSEHOLDS) stays a safe integer of micros. No standard comes near them.
 */
const MAX_RATE_UNITS = 100;
const MAX_AREA_UNITS = 100_000_000;
const rate = positiveDecimal.refine(
  (value) => (decimalFromPack(value) ?? 0) <= MAX_RATE_UNITS * MICROS_PER_UNIT,
  { error: `expected a rate of at most ${MAX_RATE_UNITS} m² per household` },
);
const area = positiveDecimal.refine(
  (value) => (decimalFromPack(value) ?? 0) <= MAX_AREA_UNITS * MICROS_PER_UNIT,
  { error: `expected an area of at most ${MAX_AREA_UNITS} m²` },
);

const rateStepSchema = z
  .object({
    /** First day the rate applies (land transfer date, inclusive); null for "before any step". */
    from: isoDate.nullable(),
    rate,
  })
  .strict();

const parametersSchema = z
  .object({
    estateRates: z.array(rateStepSchema).min(1),
    communityRate: rate,
    cityMinimumArea: area,
    ruralOtherMinimumArea: area,
    /** The least share of the community space used for residents' activities (national-2022: 0.6). */
    activityShare: rate.optional(),
    /**
     * Which communities the per-household community standard covers: urban ones (the seed's
     * task 4), or urban and rural (jiangsu-2022's plan target).
     */
    communityRateScope: z.enum(["urban", "urban-and-rural"]).optional(),
    /** Where the community minimum applies: the city proper (the seed) or every community (2011). */
    cityMinimumScope: z.enum(["city-proper", "all-communities"]).optional(),
    /**
     * The community figures are for pilot communities only (national-2022's complete-community
     * pilot): a community the register marks as no pilot (the pilot column) is not covered.
     */
    pilotOnly: z.boolean().optional(),
    /** m² for a street's or town's service center (jiangsu-2011: 1,500). */
    streetCenterMinimumArea: area.optional(),
    /** m² for a county's or district's service center (jiangsu-2011: 3,000). */
    countyCenterMinimumArea: area.optional(),
  })
  .strict();

/** A document other than the seed's task table: what a clause of a later standard cites. */
export const documentSchema = z
  .object({
    title: z.string().min(1),
    issuer: z.string().min(1),
    date: z.string().min(1),
    /** Where the requirement was read when the document itself was not (a news report, say). */
    source: z.string().optional(),
    /**
     * What kind of source the clause rests on: the document's own words (quoted), a summary of
     * the document read whole, an official summary of it, a news report, or a secondary report
     * (another body's account). Only "document-text" is ever shown in quotation marks.
     */
    sourceKind: z
      .enum([
        "document-text",
        "document-summary",
        "official-summary",
        "news-report",
        "secondary-report",
      ])
      .optional(),
  })
  .strict();
export type CitedDocument = z.infer<typeof documentSchema>;

const sourceKindWords = {
  "document-text": "sourceDocumentText",
  "document-summary": "sourceDocumentSummary",
  "official-summary": "sourceOfficialSummary",
  "news-report": "sourceNewsReport",
  "secondary-report": "sourceSecondaryReport",
} as const satisfies Record<NonNullable<CitedDocument["sourceKind"]>, LabelKey>;

/**
 * A clause as a reader should see it: in quotation marks when it is a document's own words (the
 * seed's text, or a document read and quoted), otherwise plain, followed by what it rests on.
 */
export function citedClause(
  task:
    | { clause: string; document?: CitedDocument | undefined; basisKind?: string | undefined }
    | undefined,
  lang: "zh" | "en",
): string {
  if (!task) return "-";
  if (task.basisKind === "data-consistency" || task.basisKind === "not-in-policy") {
    return task.clause;
  }
  const kind = task.document?.sourceKind;
  if (!task.document || kind === "document-text" || kind === undefined) return `“${task.clause}”`;
  return label("clauseFrom", lang, {
    clause: task.clause,
    source: label(sourceKindWords[kind], lang),
  });
}

export const taskSchema = z
  .object({
    clause: z.string().min(1),
    lead: z.string().min(1),
    cooperating: z.string(),
    document: documentSchema.optional(),
    /**
     * What kind of basis the entry is: a policy task (default); the tool's data-consistency
     * check between the registers, which no clause requires (task 0); or a standard the pack's
     * policy does not set at all (task 900). Neither of the last two is ever quoted.
     */
    basisKind: z.enum(["policy", "data-consistency", "not-in-policy"]).optional(),
  })
  .strict();

/** The task numbers of a basis that is no policy task (see taskSchema.basisKind). */
export const DATA_CONSISTENCY_TASK = 0;
export const NOT_IN_POLICY_TASK = 900;

/** "task 4", or what stands in for a task number when the basis is no policy task. */
export function taskLabel(task: number, lang: "zh" | "en"): string {
  if (task === DATA_CONSISTENCY_TASK) return label("dataCheckTask", lang);
  if (task === NOT_IN_POLICY_TASK) return label("notInPolicyTask", lang);
  return label("taskNumber", lang, { task });
}
export type Task = z.infer<typeof taskSchema>;

const districtEntrySchema = z
  .object({
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).optional(),
    note: z.string().optional(),
  })
  .strict();
export type DistrictEntry = z.infer<typeof districtEntrySchema>;

const districtsSchema = z
  .object({
    /** Prefixes such as 江苏省 or 苏州市 that offices write before a district name. */
    prefixes: z.array(z.string()),
    cityProper: z.array(districtEntrySchema),
    notCityProper: z.array(districtEntrySchema),
    oldTown: z.array(districtEntrySchema),
  })
  .strict();

const ruleConfigSchema = z
  .object({
    severity: ruleSettingSchema.optional(),
    task: z.number().int().nonnegative().optional(),
    /** The rule's title under this pack's standard (its figures are the pack's parameters). */
    title: localizedSchema.optional(),
    /**
     * What the pack's document makes of the figure: a requirement (a finding is a breach), or a
     * target (a finding is "below target": never failing the run unless --fail-on target asks).
     */
    standing: z.enum(["requirement", "target"]).optional(),
  })
  .strict();

const sourceSchema = z
  .object({
    title: z.string().min(1),
    /** File name under seeds/ holding the text the clauses quote. */
    seed: z.string().min(1).optional(),
    note: z.string().optional(),
  })
  .strict();

export const packFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "expected a lower-case id such as suzhou-2010" }),
    title: localizedSchema,
    extends: z.string().optional(),
    source: sourceSchema.optional(),
    parameters: parametersSchema.partial().optional(),
    tasks: z.record(z.string().regex(/^\d+$/), taskSchema).optional(),
    rules: z.record(z.string(), ruleConfigSchema).optional(),
    districts: districtsSchema.partial().optional(),
    /** Local header names: a header as the region's forms write it, to a canonical column. */
    columns: z.record(z.string().min(1), z.string().min(1)).optional(),
  })
  .strict();
export type PackFile = z.infer<typeof packFileSchema>;

export const resolvedPackSchema = z.object({
  id: z.string(),
  title: localizedSchema,
  source: sourceSchema.optional(),
  /** Where each layer came from, base first. */
  layers: z.array(z.string()),
  parameters: parametersSchema,
  tasks: z.record(z.string(), taskSchema),
  rules: z.record(z.string(), ruleConfigSchema),
  districts: districtsSchema,
  columns: z.record(z.string(), z.string()).optional(),
});
export type ResolvedPack = z.infer<typeof resolvedPackSchema>;

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
