import * as z from "zod";
import { problemPhrases } from "./errors.js";
import "./zod-config.js";
import { MICROS_PER_UNIT } from "./decimal.js";
import type { Localized } from "./text.js";

/**
 * The typed records every rule reads. Field names are the canonical column names; areas are
 * exact decimals in micros (see decimal.ts). Constraint messages are keys into `rangeReasons`
 * so that the ingest can word them in either language.
 */
export const MAX_AREA = 100_000_000 * MICROS_PER_UNIT;
export const MAX_HOUSEHOLDS = 10_000_000;

export const rangeReasons = {
  "not-positive": problemPhrases.rangeNotPositive,
  negative: problemPhrases.rangeNegative,
  "too-large": problemPhrases.rangeTooLarge,
  "phase-below-one": problemPhrases.rangePhaseBelowOne,
  "phase-after-last": problemPhrases.rangePhaseAfterLast,
  "part-exceeds-whole": problemPhrases.rangePartExceedsWhole,
  empty: problemPhrases.rangeEmpty,
} satisfies Record<string, Localized>;
export type RangeReason = keyof typeof rangeReasons;

const reason = (key: RangeReason) => ({ error: key });

const text = z.string().min(1, reason("empty"));
// A day (YYYY-MM-DD), or a month or a year when the register gives no more (YYYY-MM, YYYY).
const isoDate = z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
const area = z.number().int().min(0, reason("negative")).max(MAX_AREA, reason("too-large"));
const households = z
  .number()
  .int()
  .min(1, reason("not-positive"))
  .max(MAX_HOUSEHOLDS, reason("too-large"));
const phase = z.number().int().min(1, reason("phase-below-one")).max(1000, reason("too-large"));

export const estateSchema = z
  .object({
    estate_id: text,
    name: text,
    district: text,
    subdistrict: text.optional(),
    community_id: text.optional(),
    households,
    land_transfer_date: isoDate.optional(),
    community_space_area: area,
    phases: phase.default(1),
    community_space_phase: phase.optional(),
    estate_delivery_date: isoDate.optional(),
    community_space_delivery_date: isoDate.optional(),
    filing_no: text.optional(),
    consultation_no: text.optional(),
    consultation_date: isoDate.optional(),
  })
  .refine(
    (estate) =>
      estate.community_space_phase === undefined || estate.community_space_phase <= estate.phases,
    { path: ["community_space_phase"], ...reason("phase-after-last") },
  );
export type Estate = z.infer<typeof estateSchema>;

export const communityTypeSchema = z.enum(["urban", "rural"]);
export const zoneSchema = z.enum(["town-planning-area", "development-zone", "other"]);
export const levelSchema = z.enum(["street", "town", "community", "village", "county"]);

export const centerSchema = z
  .object({
    community_id: text,
    name: text,
    district: text,
    subdistrict: text.optional(),
    community_type: communityTypeSchema,
    zone: zoneSchema.optional(),
    households: households.optional(),
    office_area: area,
    public_service_area: area.optional(),
    level: levelSchema.optional(),
    activity_area: area.optional(),
    city_proper: z.boolean().optional(),
    old_town: z.boolean().optional(),
    pilot: z.boolean().optional(),
    filing_no: text.optional(),
  })
  .refine(
    (center) =>
      center.public_service_area === undefined || center.public_service_area <= center.office_area,
    { path: ["public_service_area"], ...reason("part-exceeds-whole") },
  )
  .refine(
    (center) => center.activity_area === undefined || center.activity_area <= center.office_area,
    { path: ["activity_area"], ...reason("part-exceeds-whole") },
  );
export type Center = z.infer<typeof centerSchema>;

/** A record and the physical line of the file it starts on. */
export interface Located<T> {
  line: number;
  record: T;
}

/**
 * The common case without zod: a record whose every field is plainly within the schema is built
 * here, in the schema's key order, with its defaults; anything else (undefined) goes to the
 * schema, which decides and words the problems. A property test holds every record made here
 * to what the schema makes of the same input, so the schemas stay the one definition.
 */
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const isText = (value: unknown): value is string => typeof value === "string" && value.length > 0;
const isWhole = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const isOptional = (value: unknown, check: (value: unknown) => boolean) =>
  value === undefined || check(value);
const isDate = (value: unknown) => typeof value === "string" && isoDatePattern.test(value);
const isArea = (value: unknown) => isWhole(value, 0, MAX_AREA);
const isPhase = (value: unknown) => isWhole(value, 1, 1000);

type Candidate = Record<string, unknown>;

/**
 * The candidate's fields in the schema's order (as zod's output has them), every key there and
 * undefined when absent: all records of a kind then share one shape, so the rules that read them
 * stay monomorphic, and no record is built key by key. A property test holds these to what the
 * schema makes of the same input.
 */
function estateShape(c: Candidate): Estate {
  return {
    estate_id: c.estate_id,
    name: c.name,
    district: c.district,
    subdistrict: c.subdistrict,
    community_id: c.community_id,
    households: c.households,
    land_transfer_date: c.land_transfer_date,
    community_space_area: c.community_space_area,
    phases: c.phases ?? 1,
    community_space_phase: c.community_space_phase,
    estate_delivery_date: c.estate_delivery_date,
    community_space_delivery_date: c.community_space_delivery_date,
    filing_no: c.filing_no,
    consultation_no: c.consultation_no,
    consultation_date: c.consultation_date,
  } as Estate;
}

function centerShape(c: Candidate): Center {
  return {
    community_id: c.community_id,
    name: c.name,
    district: c.district,
    subdistrict: c.subdistrict,
    community_type: c.community_type,
    zone: c.zone,
    households: c.households,
    office_area: c.office_area,
    public_service_area: c.public_service_area,
    level: c.level,
    activity_area: c.activity_area,
    city_proper: c.city_proper,
    old_town: c.old_town,
    pilot: c.pilot,
    filing_no: c.filing_no,
  } as Center;
}

export function plainEstate(candidate: Candidate): Estate | undefined {
  const c = estateShape(candidate);
  const { phases } = c;
  const ok =
    isText(c.estate_id) &&
    isText(c.name) &&
    isText(c.district) &&
    isOptional(c.subdistrict, isText) &&
    isOptional(c.community_id, isText) &&
    isWhole(c.households, 1, MAX_HOUSEHOLDS) &&
    isOptional(c.land_transfer_date, isDate) &&
    isArea(c.community_space_area) &&
    isPhase(phases) &&
    isOptional(
      c.community_space_phase,
      (value) => isPhase(value) && (value as number) <= (phases as number),
    ) &&
    isOptional(c.estate_delivery_date, isDate) &&
    isOptional(c.community_space_delivery_date, isDate) &&
    isOptional(c.filing_no, isText) &&
    isOptional(c.consultation_no, isText) &&
    isOptional(c.consultation_date, isDate);
  return ok ? c : undefined;
}

const communityTypeValues: readonly unknown[] = communityTypeSchema.options;
const zoneValues: readonly unknown[] = zoneSchema.options;
const levelValues: readonly unknown[] = levelSchema.options;

export function plainCenter(candidate: Candidate): Center | undefined {
  const c = centerShape(candidate);
  const ok =
    isText(c.community_id) &&
    isText(c.name) &&
    isText(c.district) &&
    isOptional(c.subdistrict, isText) &&
    communityTypeValues.includes(c.community_type) &&
    isOptional(c.zone, (value) => zoneValues.includes(value)) &&
    isOptional(c.households, (value) => isWhole(value, 1, MAX_HOUSEHOLDS)) &&
    isArea(c.office_area) &&
    isOptional(
      c.public_service_area,
      (value) => isArea(value) && (value as number) <= (c.office_area as number),
    ) &&
    isOptional(c.level, (value) => levelValues.includes(value)) &&
    isOptional(
      c.activity_area,
      (value) => isArea(value) && (value as number) <= (c.office_area as number),
    ) &&
    isOptional(c.city_proper, (value) => typeof value === "boolean") &&
    isOptional(c.old_town, (value) => typeof value === "boolean") &&
    isOptional(c.pilot, (value) => typeof value === "boolean") &&
    isOptional(c.filing_no, isText);
  return ok ? c : undefined;
}
