import { expect } from "vitest";
import { districtKnown } from "../../src/rules/district-known.js";
import { estateCommunityExists } from "../../src/rules/estate-community-exists.js";
import { estateJointConsultation } from "../../src/rules/estate-joint-consultation.js";
import { estateSpacePerHousehold } from "../../src/rules/estate-space-per-household.js";
import { estateSpacePhaseOne } from "../../src/rules/estate-space-phase-one.js";
import { estateSpaceSynchronous } from "../../src/rules/estate-space-synchronous.js";
import { spaceFiling } from "../../src/rules/space-filing.js";
import { center, estate, m2, testRule } from "./rule-tester.js";

testRule(estateSpacePerHousehold, {
  valid: [
    {
      name: "0.4 × 1003 = 401.2 exactly, land transferred on 2010-01-01",
      subject: estate({
        households: 1003,
        community_space_area: m2("401.2"),
        land_transfer_date: "2010-01-01",
      }),
      expected: { outcome: "pass" },
    },
    {
      name: "0.2 × 1003 = 200.6 exactly, land transferred the day before",
      subject: estate({
        households: 1003,
        community_space_area: m2("200.6"),
        land_transfer_date: "2009-12-31",
      }),
      expected: { outcome: "pass" },
    },
    {
      name: "0.4 × 1999 = 799.6 on the boundary",
      subject: estate({
        households: 1999,
        community_space_area: m2("799.6"),
        land_transfer_date: "2015-01-01",
      }),
      expected: { outcome: "pass" },
    },
    {
      name: "no land date, meets 0.4",
      subject: estate({ households: 2011, community_space_area: m2("804.4") }),
      expected: { outcome: "pass" },
    },
    {
      name: "a centers record is not an estate",
      subject: center({}),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "land transferred 2010年1月: the whole month is under 0.4, and 401.2 m² meets it",
      subject: estate({
        households: 1003,
        community_space_area: m2("401.2"),
        land_transfer_date: "2010-01",
      }),
      expected: { outcome: "pass" },
    },
    {
      name: "land transferred in 2009 (the year only): the whole year is under 0.2",
      subject: estate({
        households: 1003,
        community_space_area: m2("200.6"),
        land_transfer_date: "2009",
      }),
      expected: { outcome: "pass" },
    },
  ],
  invalid: [
    {
      name: "land transferred 2010年1月, 200.6 m²: judged at 0.4 like any day of that month",
      subject: estate({
        households: 1003,
        community_space_area: m2("200.6"),
        land_transfer_date: "2010-01",
      }),
      expected: {
        outcome: "fail",
        messageId: "below",
        shortfall: m2("200.6"),
        data: { date: "2010-01", rate: "0.4" },
      },
    },
    {
      name: "a pack whose standard changes mid-month: a date known to that month straddles it",
      subject: estate({
        households: 1000,
        community_space_area: m2("300"),
        land_transfer_date: "2010-01",
      }),
      links: {
        parameters: {
          estateRates: [
            { from: null, rate: m2("0.2") },
            { from: "2010-01-15", rate: m2("0.4") },
          ],
        },
      },
      expected: { outcome: "unknown", messageId: "straddles", data: { date: "2010-01" } },
    },
    {
      name: "the same month, below even the lower standard: fails against it",
      subject: estate({
        households: 1000,
        community_space_area: m2("150"),
        land_transfer_date: "2010-01",
      }),
      links: {
        parameters: {
          estateRates: [
            { from: null, rate: m2("0.2") },
            { from: "2010-01-15", rate: m2("0.4") },
          ],
        },
      },
      expected: { outcome: "fail", messageId: "below", shortfall: m2("50") },
    },
    {
      name: "land transferred before every step of a pack that starts in 2000",
      subject: estate({ land_transfer_date: "1999-12-31" }),
      links: { parameters: { estateRates: [{ from: "2000-01-01", rate: m2("0.3") }] } },
      expected: { outcome: "unknown", messageId: "noStandard", data: { date: "1999-12-31" } },
    },
    {
      name: "0.01 m² short of 0.4 × 1999",
      subject: estate({
        households: 1999,
        community_space_area: m2("799.59"),
        land_transfer_date: "2010-01-01",
      }),
      expected: {
        outcome: "fail",
        messageId: "below",
        shortfall: m2("0.01"),
        required: m2("799.6"),
      },
    },
    {
      name: "200.6 m² on 2010-01-01 is judged at 0.4, not 0.2",
      subject: estate({
        households: 1003,
        community_space_area: m2("200.6"),
        land_transfer_date: "2010-01-01",
      }),
      expected: { outcome: "fail", messageId: "below", shortfall: m2("200.6") },
    },
    {
      name: "0.2 × 640 = 128 before 2010",
      subject: estate({
        households: 640,
        community_space_area: m2("120"),
        land_transfer_date: "2008-08-08",
      }),
      expected: { outcome: "fail", messageId: "below", shortfall: m2("8"), required: m2("128") },
    },
    {
      name: "no land date, misses even 0.2: fails against 0.2",
      subject: estate({ households: 1000, community_space_area: m2("150") }),
      expected: {
        outcome: "fail",
        messageId: "belowLowest",
        required: m2("200"),
        shortfall: m2("50"),
      },
    },
    {
      name: "no land date, between 0.2 and 0.4: unknown, naming both figures",
      subject: estate({ households: 1600, community_space_area: m2("500") }),
      expected: {
        outcome: "unknown",
        messageId: "noDate",
        data: expect.objectContaining({ lowRequired: "320", highRequired: "640" }),
      },
    },
  ],
});

testRule(estateSpacePhaseOne, {
  valid: [
    {
      name: "single phase",
      subject: estate({ phases: 1 }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "three phases, space in phase one",
      subject: estate({ phases: 3, community_space_phase: 1 }),
      expected: { outcome: "pass" },
    },
  ],
  invalid: [
    {
      name: "three phases, space in phase two",
      subject: estate({ phases: 3, community_space_phase: 2 }),
      expected: { outcome: "fail", messageId: "laterPhase", actual: 2, required: 1, unit: "phase" },
    },
    {
      name: "two phases, phase not given",
      subject: estate({ phases: 2 }),
      expected: { outcome: "unknown", messageId: "noPhase", missing: ["community_space_phase"] },
    },
    {
      name: "file without a phases column: a phased estate would pass unseen",
      subject: estate({}),
      links: { columns: ["estate_id", "households"] },
      expected: { outcome: "unknown", messageId: "noPhases", missing: ["phases"] },
    },
  ],
});

testRule(estateSpaceSynchronous, {
  valid: [
    {
      name: "delivered the same day",
      subject: estate({
        estate_delivery_date: "2014-05-01",
        community_space_delivery_date: "2014-05-01",
      }),
      expected: { outcome: "pass" },
    },
    {
      name: "space delivered before the homes",
      subject: estate({
        estate_delivery_date: "2014-05-01",
        community_space_delivery_date: "2014-04-01",
      }),
      expected: { outcome: "pass" },
    },
    {
      name: "homes not yet delivered, no space date",
      subject: estate({ estate_delivery_date: "2027-06-30" }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "no delivery dates at all",
      subject: estate({}),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "homes in 2014年5月, space delivered on the last of April",
      subject: estate({
        estate_delivery_date: "2014-05",
        community_space_delivery_date: "2014-04-30",
      }),
      expected: { outcome: "pass" },
    },
  ],
  invalid: [
    {
      name: "homes and space both known only to May 2014: either may have come first",
      subject: estate({
        estate_delivery_date: "2014-05",
        community_space_delivery_date: "2014-05",
      }),
      expected: { outcome: "unknown", messageId: "imprecise" },
    },
    {
      name: "homes in 2014, space on 2015-03-01: late by at least the days from 2014-12-31",
      subject: estate({
        estate_delivery_date: "2014",
        community_space_delivery_date: "2015-03-01",
      }),
      expected: {
        outcome: "fail",
        messageId: "lateAtLeast",
        data: expect.objectContaining({ days: 60 }),
      },
    },
    {
      name: "space a day late",
      subject: estate({
        estate_delivery_date: "2016-06-30",
        community_space_delivery_date: "2016-07-01",
      }),
      expected: { outcome: "fail", messageId: "late", data: expect.objectContaining({ days: 1 }) },
    },
    {
      name: "homes delivered on the as-of date, no space date",
      subject: estate({ estate_delivery_date: "2026-11-01" }),
      links: { asOf: "2026-11-01" },
      expected: {
        outcome: "unknown",
        messageId: "noSpaceDate",
        missing: ["community_space_delivery_date"],
      },
    },
    {
      name: "space delivered, homes date not given",
      subject: estate({ community_space_delivery_date: "2014-07-04" }),
      expected: { outcome: "unknown", messageId: "noEstateDate" },
    },
    {
      name: "file without the homes delivery column",
      subject: estate({}),
      links: { columns: ["estate_id", "community_space_delivery_date"] },
      expected: {
        outcome: "unknown",
        messageId: "noEstateDate",
        missing: ["estate_delivery_date"],
      },
    },
  ],
});

testRule(spaceFiling, {
  valid: [
    { name: "filed", subject: estate({ filing_no: "备-1" }), expected: { outcome: "pass" } },

    { name: "filed center", subject: center({ filing_no: "备-2" }), expected: { outcome: "pass" } },
  ],
  invalid: [
    {
      name: "estate not filed",
      subject: estate({}),
      expected: { outcome: "fail", messageId: "notFiled" },
    },
    {
      name: "file has no filing column: not checked (the engine reports it once per file)",
      subject: estate({}),
      links: { columns: ["estate_id"] },
      expected: { outcome: "unknown", messageId: "notFiled", missing: ["filing_no"] },
    },
    {
      name: "center not filed",
      subject: center({}),
      expected: { outcome: "fail", messageId: "notFiled" },
    },
  ],
});

testRule(estateCommunityExists, {
  valid: [
    {
      name: "community in the centers file",
      subject: estate({ community_id: "C1" }),
      links: { centerIds: ["C1"] },
      expected: { outcome: "pass" },
    },
    {
      name: "no centers file given",
      subject: estate({ community_id: "C9" }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "no community id",
      subject: estate({}),
      links: { centerIds: ["C1"] },
      expected: { outcome: "not-applicable" },
    },
  ],
  invalid: [
    {
      name: "community not in the centers file",
      subject: estate({ community_id: "C9" }),
      links: { centerIds: ["C1"] },
      expected: { outcome: "fail", messageId: "missing" },
    },
    {
      name: "community whose centers row was rejected: unknown, never 'not in the file'",
      subject: estate({ community_id: "C11" }),
      links: { centerIds: ["C1"], refusedCenters: { C11: { file: "centers.csv", line: 3 } } },
      expected: { outcome: "unknown", messageId: "refused" },
    },
    {
      name: "estates file without a community id column",
      subject: estate({}),
      links: { centerIds: ["C1"], columns: ["estate_id"] },
      expected: { outcome: "unknown", messageId: "noCommunityColumn", missing: ["community_id"] },
    },
  ],
});

testRule(estateJointConsultation, {
  valid: [
    {
      name: "new estate with a consultation record",
      subject: estate({ land_transfer_date: "2010-01-01", consultation_no: "会商2010-01" }),
      expected: { outcome: "pass" },
    },
    {
      name: "land transferred before the 2010 standard",
      subject: estate({ land_transfer_date: "2009-12-31" }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "land transferred in 2009 (the year only): before the standard",
      subject: estate({ land_transfer_date: "2009" }),
      expected: { outcome: "not-applicable" },
    },
  ],
  invalid: [
    {
      name: "new estate without a record",
      subject: estate({ land_transfer_date: "2012-05-01" }),
      expected: { outcome: "fail", messageId: "noConsultation", data: { date: "2012-05-01" } },
    },
    {
      name: "no land transfer date",
      subject: estate({}),
      expected: { outcome: "unknown", messageId: "noDate", missing: ["land_transfer_date"] },
    },
    {
      name: "a month that spans a pack's mid-month start",
      subject: estate({ land_transfer_date: "2015-06" }),
      links: {
        parameters: {
          estateRates: [
            { from: null, rate: m2("0.2") },
            { from: "2015-06-15", rate: m2("0.3") },
          ],
        },
      },
      expected: {
        outcome: "unknown",
        messageId: "straddles",
        data: { date: "2015-06", from: "2015-06-15" },
      },
    },
    {
      name: "a file without the column: not checked, quietly (the engine reports it once)",
      subject: estate({ land_transfer_date: "2012-05-01" }),
      links: { columns: ["estate_id", "land_transfer_date"] },
      expected: { outcome: "unknown", messageId: "noColumn", missing: ["consultation_no"] },
    },
  ],
});

testRule(districtKnown, {
  valid: [
    {
      name: "a district the pack lists",
      subject: estate({ district: "吴中区" }),
      expected: { outcome: "pass" },
    },
    {
      name: "an alias, with the province and city before it",
      subject: estate({ district: "江苏省苏州市园区" }),
      expected: { outcome: "pass" },
    },
    {
      name: "a historical district",
      subject: estate({ district: "沧浪区" }),
      expected: { outcome: "pass" },
    },
  ],
  invalid: [
    {
      name: "a character off: did you mean 虎丘区?",
      subject: estate({ district: "虎邱区" }),
      expected: {
        outcome: "fail",
        messageId: "didYouMean",
        data: { district: "虎邱区", suggestion: "虎丘区" },
      },
    },
    {
      name: "a district of another city",
      subject: estate({ district: "鼓楼区" }),
      expected: { outcome: "fail", messageId: "unknownDistrict" },
    },
  ],
});
