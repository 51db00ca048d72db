import { describe, expect, it } from "vitest";
import { communityActivityShare } from "../../src/rules/community-activity-share.js";
import { communityHouseholdsConsistent } from "../../src/rules/community-households-consistent.js";
import { communitySpaceCityMinimum } from "../../src/rules/community-space-city-minimum.js";
import { communitySpacePerHousehold } from "../../src/rules/community-space-per-household.js";
import { oldTownRetrofit } from "../../src/rules/old-town-retrofit.js";
import { ruralCenterMinimum } from "../../src/rules/rural-center-minimum.js";
import { ruralCenterPublicUse } from "../../src/rules/rural-center-public-use.js";
import { serviceCenterSize } from "../../src/rules/service-center-size.js";
import { townshipServiceCenter } from "../../src/rules/township-service-center.js";
import type { StreetFacts } from "../../src/rules/types.js";
import { center, estate, m2, testRule } from "./rule-tester.js";

testRule(communitySpacePerHousehold, {
  valid: [
    {
      name: "a community marked as no pilot, under a pack for pilots (national-2022)",
      subject: center({ households: 2000, office_area: m2("100"), pilot: false }),
      links: { parameters: { pilotOnly: true } },
      expected: { outcome: "not-applicable" },
    },
    {
      name: "a pilot community at 0.3 × 2000 = 600 m²",
      subject: center({ households: 2000, office_area: m2("600"), pilot: true }),
      links: { parameters: { pilotOnly: true, communityRate: m2("0.3") } },
      expected: { outcome: "pass" },
    },
    {
      name: "0.2 × 2011 = 402.2 exactly",
      subject: center({ households: 2011, office_area: m2("402.2") }),
      expected: { outcome: "pass" },
    },
    {
      name: "households from the linked estates",
      subject: center({ households: undefined, office_area: m2("250") }),
      links: { estateHouseholds: { C1: 1250 } },
      expected: { outcome: "pass" },
    },
    {
      name: "rural community",
      subject: center({ community_type: "rural" }),
      expected: { outcome: "not-applicable" },
    },
  ],
  invalid: [
    {
      name: "under a pack for pilots, a register without the pilot column: every community judged",
      subject: center({ households: 2000, office_area: m2("599") }),
      links: { parameters: { pilotOnly: true, communityRate: m2("0.3") } },
      expected: { outcome: "fail", messageId: "below", required: m2("600") },
    },
    {
      name: "0.01 short of 0.2 × 2011",
      subject: center({ households: 2011, office_area: m2("402.19") }),
      expected: { outcome: "fail", messageId: "below", shortfall: m2("0.01") },
    },
    {
      name: "linked estates' households make it short",
      subject: center({ households: undefined, office_area: m2("250") }),
      links: { estateHouseholds: { C1: 1300 } },
      expected: { outcome: "fail", messageId: "belowLinked", shortfall: m2("10") },
    },
    {
      name: "no households and no estates file",
      subject: center({ households: undefined }),
      expected: {
        outcome: "unknown",
        messageId: "noHouseholds",
        missing: ["households", "estates-file"],
      },
    },
    {
      name: "no households, and an estates file that links nothing to communities",
      subject: center({ households: undefined }),
      links: { estateHouseholds: {}, estatesLinked: false },
      expected: { outcome: "unknown", messageId: "unlinkedEstates" },
    },
    {
      name: "no households and no linked estates",
      subject: center({ households: undefined }),
      links: { estateHouseholds: { C2: 100 } },
      expected: { outcome: "unknown", messageId: "noLinkedEstates" },
    },
    {
      name: "no households, and the only rows that could link to it were rejected",
      subject: center({ households: undefined }),
      links: { estateHouseholds: { C2: 100 }, leftOut: { C1: 2 } },
      expected: { outcome: "unknown", messageId: "linkedRejected", data: { leftOut: 2 } },
    },
    {
      name: "linked sum passes, but a rejected row of the community is left out",
      subject: center({ households: undefined, office_area: m2("250") }),
      links: { estateHouseholds: { C1: 1250 }, leftOut: { C1: 1 } },
      expected: {
        outcome: "unknown",
        messageId: "partialSum",
        data: { households: 1250, leftOut: 1 },
      },
    },
    {
      name: "linked sum passes, but a rejected row of unknown community is left out",
      subject: center({ households: undefined, office_area: m2("250") }),
      links: { estateHouseholds: { C1: 1250 }, leftOut: { "*": 1 } },
      expected: { outcome: "unknown", messageId: "partialSum" },
    },
    {
      name: "linked sum already fails with rows left out: the failure stands, as a lower bound",
      subject: center({ households: undefined, office_area: m2("250") }),
      links: { estateHouseholds: { C1: 1300 }, leftOut: { C1: 3 } },
      expected: { outcome: "fail", messageId: "belowLinked", shortfall: m2("10"), leftOut: 3 },
    },
  ],
});

testRule(communitySpaceCityMinimum, {
  valid: [
    {
      name: "a rural community of 400 m² under a standard for every community (jiangsu-2011)",
      subject: center({ community_type: "rural", district: "昆山市", office_area: m2("400") }),
      links: { parameters: { cityMinimumScope: "all-communities" } },
      expected: { outcome: "pass" },
    },
    {
      name: "a street service center is no community",
      subject: center({ level: "street", office_area: m2("100") }),
      links: { parameters: { cityMinimumScope: "all-communities" } },
      expected: { outcome: "not-applicable" },
    },
    {
      name: "400 m² exactly in 姑苏区",
      subject: center({ office_area: m2("400") }),
      expected: { outcome: "pass" },
    },
    {
      name: "county-level city 昆山市",
      subject: center({ district: "昆山市", office_area: m2("100") }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "historical county-level city 吴江市",
      subject: center({ district: "吴江市", office_area: m2("100") }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "city_proper=false overrides the list",
      subject: center({ district: "姑苏区", city_proper: false, office_area: m2("100") }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "unknown district, city_proper=false",
      subject: center({ district: "新区", city_proper: false }),
      expected: { outcome: "not-applicable" },
    },
  ],
  invalid: [
    {
      name: "an urban community outside the city proper, under a standard for every community",
      subject: center({ district: "昆山市", office_area: m2("399") }),
      links: { parameters: { cityMinimumScope: "all-communities" } },
      expected: { outcome: "fail", messageId: "belowEvery", required: m2("400") },
    },
    {
      name: "historical district 平江区 below 400",
      subject: center({ district: "平江区", office_area: m2("350") }),
      expected: { outcome: "fail", messageId: "below", shortfall: m2("50") },
    },
    {
      name: "alias 园区 is 苏州工业园区",
      subject: center({ district: "园区", office_area: m2("399.99") }),
      expected: { outcome: "fail", messageId: "below", shortfall: m2("0.01") },
    },
    {
      name: "alias with a 苏州市 prefix",
      subject: center({ district: "苏州市高新区", office_area: m2("300") }),
      expected: { outcome: "fail", messageId: "below" },
    },
    {
      name: "unknown district",
      subject: center({ district: "新区" }),
      expected: { outcome: "unknown", messageId: "unknownDistrict" },
    },
    {
      name: "city_proper=true for an unknown district",
      subject: center({ district: "新区", city_proper: true, office_area: m2("390") }),
      expected: { outcome: "fail", messageId: "below" },
    },
  ],
});

testRule(ruralCenterMinimum, {
  valid: [
    {
      name: "zone other, 500 m² exactly",
      subject: center({ community_type: "rural", zone: "other", office_area: m2("500") }),
      expected: { outcome: "pass" },
    },
    {
      name: "development zone, 400 m² and 0.2 × 1500 = 300",
      subject: center({
        community_type: "rural",
        zone: "development-zone",
        households: 1500,
        office_area: m2("400"),
      }),
      expected: { outcome: "pass" },
    },
    { name: "urban community", subject: center({}), expected: { outcome: "not-applicable" } },
  ],
  invalid: [
    {
      name: "zone other below 500",
      subject: center({ community_type: "rural", zone: "other", office_area: m2("460") }),
      expected: { outcome: "fail", messageId: "belowOther", shortfall: m2("40") },
    },
    {
      name: "town planning area: the larger gap (0.2 × 2500 = 500) decides",
      subject: center({
        community_type: "rural",
        zone: "town-planning-area",
        households: 2500,
        office_area: m2("450"),
      }),
      expected: {
        outcome: "fail",
        messageId: "belowUrban",
        shortfall: m2("50"),
        required: m2("500"),
      },
    },
    {
      name: "town planning area: 400 decides when households are few",
      subject: center({
        community_type: "rural",
        zone: "town-planning-area",
        households: 100,
        office_area: m2("390"),
      }),
      expected: { outcome: "fail", messageId: "belowUrban", shortfall: m2("10") },
    },
    {
      name: "no households, below 400: still a failure",
      subject: center({
        community_type: "rural",
        zone: "development-zone",
        households: undefined,
        office_area: m2("390"),
      }),
      expected: { outcome: "fail", messageId: "belowUrbanMinimum" },
    },
    {
      name: "no households, 400 met: unknown",
      subject: center({
        community_type: "rural",
        zone: "development-zone",
        households: undefined,
        office_area: m2("450"),
      }),
      expected: { outcome: "unknown", messageId: "noHouseholds" },
    },
    {
      name: "no households, 400 met, and no estate of the estates file names it",
      subject: center({
        community_type: "rural",
        zone: "development-zone",
        households: undefined,
        office_area: m2("450"),
      }),
      links: { estateHouseholds: { C2: 10 } },
      expected: { outcome: "unknown", messageId: "noLinkedEstates" },
    },
    {
      name: "no households, 400 met, and an estates file that links nothing",
      subject: center({
        community_type: "rural",
        zone: "development-zone",
        households: undefined,
        office_area: m2("450"),
      }),
      links: { estateHouseholds: {}, estatesLinked: false },
      expected: { outcome: "unknown", messageId: "unlinkedEstates" },
    },
    {
      name: "no households, 400 met, and its estate rows were rejected",
      subject: center({
        community_type: "rural",
        zone: "development-zone",
        households: undefined,
        office_area: m2("450"),
      }),
      links: { estateHouseholds: {}, leftOut: { C1: 1 } },
      expected: { outcome: "unknown", messageId: "linkedRejected" },
    },
    {
      name: "passes on a household sum that leaves a rejected row out",
      subject: center({
        community_type: "rural",
        zone: "development-zone",
        households: undefined,
        office_area: m2("450"),
      }),
      links: { estateHouseholds: { C1: 1000 }, leftOut: { "*": 1 } },
      expected: { outcome: "unknown", messageId: "partialSum" },
    },
    {
      name: "no zone",
      subject: center({ community_type: "rural" }),
      expected: { outcome: "unknown", messageId: "noZone", missing: ["zone"] },
    },
  ],
});

testRule(ruralCenterPublicUse, {
  valid: [
    {
      name: "public service area 500",
      subject: center({
        community_type: "rural",
        zone: "other",
        office_area: m2("600"),
        public_service_area: m2("500"),
      }),
      expected: { outcome: "pass" },
    },

    {
      name: "town planning area",
      subject: center({
        community_type: "rural",
        zone: "town-planning-area",
        public_service_area: m2("10"),
      }),
      expected: { outcome: "not-applicable" },
    },
  ],
  invalid: [
    {
      name: "zone other, public service area not given: covered, so unknown",
      subject: center({ community_type: "rural", zone: "other", office_area: m2("600") }),
      expected: {
        outcome: "unknown",
        messageId: "noPublicArea",
        missing: ["public_service_area"],
      },
    },
    {
      name: "public service area 420",
      subject: center({
        community_type: "rural",
        zone: "other",
        office_area: m2("650"),
        public_service_area: m2("420"),
      }),
      expected: { outcome: "fail", messageId: "below", shortfall: m2("80") },
    },
  ],
});

testRule(oldTownRetrofit, {
  valid: [
    {
      name: "compliant old-town community",
      subject: center({ district: "姑苏区", households: 1800, office_area: m2("520") }),
      expected: { outcome: "pass" },
    },
    {
      name: "not in the old town",
      subject: center({ district: "吴中区", office_area: m2("100") }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "old_town=false overrides 姑苏区",
      subject: center({ district: "姑苏区", old_town: false, office_area: m2("100") }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "county-level city",
      subject: center({ district: "常熟市", office_area: m2("100") }),
      expected: { outcome: "not-applicable" },
    },
  ],
  invalid: [
    {
      name: "below 400 in historical 金阊区",
      subject: center({ district: "金阊区", households: 1000, office_area: m2("350") }),
      expected: { outcome: "eligible", messageId: "eligible", shortfall: m2("50") },
    },
    {
      name: "per-household gap larger than the 400 gap",
      subject: center({ district: "平江区", households: 2100, office_area: m2("380") }),
      expected: {
        outcome: "eligible",
        messageId: "eligible",
        shortfall: m2("40"),
        required: m2("420"),
      },
    },
    {
      name: "400 met but below 0.2 per household",
      subject: center({ district: "沧浪区", households: 2500, office_area: m2("450") }),
      expected: { outcome: "eligible", messageId: "eligible", shortfall: m2("50") },
    },
    {
      name: "400 met, households unknown",
      subject: center({ district: "姑苏区", households: undefined, office_area: m2("450") }),
      expected: { outcome: "unknown", messageId: "noHouseholds" },
    },
    {
      name: "400 met, and no estate of the estates file names it",
      subject: center({ district: "姑苏区", households: undefined, office_area: m2("450") }),
      links: { estateHouseholds: { C2: 10 } },
      expected: { outcome: "unknown", messageId: "noLinkedEstates" },
    },
    {
      name: "400 met, and an estates file that links nothing",
      subject: center({ district: "姑苏区", households: undefined, office_area: m2("450") }),
      links: { estateHouseholds: {}, estatesLinked: false },
      expected: { outcome: "unknown", messageId: "unlinkedEstates" },
    },
    {
      name: "400 met, and its estate rows were rejected",
      subject: center({ district: "姑苏区", households: undefined, office_area: m2("450") }),
      links: { estateHouseholds: {}, leftOut: { C1: 2 } },
      expected: { outcome: "unknown", messageId: "linkedRejected" },
    },
    {
      name: "met on a household sum that leaves a rejected row out",
      subject: center({ district: "姑苏区", households: undefined, office_area: m2("450") }),
      links: { estateHouseholds: { C1: 1000 }, leftOut: { C1: 1 } },
      expected: { outcome: "unknown", messageId: "partialSum" },
    },
    {
      name: "district on no list",
      subject: center({ district: "新区" }),
      expected: { outcome: "unknown", messageId: "unknownDistrict" },
    },
  ],
});

testRule(communityHouseholdsConsistent, {
  valid: [
    {
      name: "estates add up to the community's figure",
      subject: center({ households: 2006 }),
      links: { estateHouseholds: { C1: 2006 } },
      expected: { outcome: "pass" },
    },
    {
      name: "no estates file",
      subject: center({ households: 10 }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "community gives no households",
      subject: center({ households: undefined }),
      links: { estateHouseholds: { C1: 2006 } },
      expected: { outcome: "not-applicable" },
    },
  ],
  invalid: [
    {
      name: "an estates file without a community_id column cannot be compared",
      subject: center({ households: 1000 }),
      links: { estateHouseholds: {}, estatesLinked: false },
      expected: { outcome: "unknown", messageId: "noLinkColumn", missing: ["estates-file"] },
    },
    {
      name: "centers file without a households column",
      subject: center({ households: undefined }),
      links: { estateHouseholds: { C1: 2006 }, columns: ["community_id"] },
      expected: { outcome: "unknown", messageId: "noHouseholdsColumn", missing: ["households"] },
    },
    {
      name: "estates do not exceed it, but rejected estate rows are left out",
      subject: center({ households: 3000 }),
      links: { estateHouseholds: { C1: 2006 }, leftOut: { C1: 1 } },
      expected: { outcome: "unknown", messageId: "partialSum" },
    },
    {
      name: "estates exceed it even with rows left out",
      subject: center({ households: 1500 }),
      links: { estateHouseholds: { C1: 2006 }, leftOut: { C1: 1 } },
      expected: { outcome: "fail", messageId: "exceeds" },
    },
    {
      name: "estates have more households than the community",
      subject: center({ households: 1500 }),
      links: { estateHouseholds: { C1: 2006 } },
      expected: {
        outcome: "fail",
        messageId: "exceeds",
        actual: 2006,
        required: 1500,
        unit: "households",
      },
    },
  ],
});

// The national-2022 pack turns this on at 60 %; the Suzhou pack has it off.
testRule(communityActivityShare, {
  valid: [
    {
      name: "252 of 420 m² for residents' activities: exactly 60 %",
      subject: center({ office_area: m2("420"), activity_area: m2("252") }),
      links: { parameters: { activityShare: m2("0.6") } },
      expected: { outcome: "pass" },
    },
    {
      name: "a rural community is not covered",
      subject: center({ community_type: "rural", office_area: m2("420"), activity_area: m2("1") }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "no service space at all: the per-household standard judges it",
      subject: center({ office_area: 0 }),
      expected: { outcome: "not-applicable" },
    },
  ],
  invalid: [
    {
      name: "251.99 of 420 m²: a hundredth of a m² short of 60 %",
      subject: center({ office_area: m2("420"), activity_area: m2("251.99") }),
      links: { parameters: { activityShare: m2("0.6") } },
      expected: {
        outcome: "fail",
        messageId: "below",
        shortfall: m2("0.01"),
        data: expect.objectContaining({ percent: "60", area: "420", required: "252" }),
      },
    },
    {
      name: "activity area not given",
      subject: center({ office_area: m2("420") }),
      links: { parameters: { activityShare: m2("0.6") } },
      expected: {
        outcome: "unknown",
        messageId: "noActivityArea",
        missing: ["activity_area"],
        data: { percent: "60" },
      },
    },
  ],
});

// Judged once per street or town (scope "street"), from what every record of the run says.
const street = (facts: Partial<StreetFacts>): StreetFacts => ({
  district: "昆山市",
  subdistrict: "玉山镇",
  marked: false,
  factGiven: true,
  columnGiven: true,
  ...facts,
});

testRule(townshipServiceCenter, {
  valid: [
    {
      name: "a center of level town names the street",
      street: street({ marked: true }),
      expected: { outcome: "pass" },
    },
  ],
  invalid: [
    {
      name: "levels given, none of them street or town here",
      street: street({}),
      expected: {
        outcome: "fail",
        messageId: "noCenter",
        data: { district: "昆山市", subdistrict: "玉山镇" },
      },
    },
    {
      name: "a level column, but no level filled in anywhere",
      street: street({ factGiven: false }),
      expected: { outcome: "unknown", messageId: "noLevels" },
    },
    {
      name: "no centers file with a level column: not checked (once per run)",
      street: street({ factGiven: false, columnGiven: false }),
      expected: { outcome: "unknown", messageId: "noColumn", missing: ["level"] },
    },
  ],
});

describe("township-service-center gathers its own facts", () => {
  it("takes a center's level: street or town marks its street, any level is given", () => {
    const observe = (fields: Parameters<typeof center>[0]) =>
      townshipServiceCenter.observe(center(fields));
    expect(observe({ level: "town" })).toEqual({ given: true, marks: true });
    expect(observe({ level: "street" })).toEqual({ given: true, marks: true });
    expect(observe({ level: "community" })).toEqual({ given: true, marks: false });
    expect(observe({})).toBeUndefined();
    expect(townshipServiceCenter.observe(estate({}))).toBeUndefined();
  });

  it("counts a centers file with a level column as able to give it, and nothing else", () => {
    expect(townshipServiceCenter.givesColumn("center", ["community_id", "level"])).toBe(true);
    expect(townshipServiceCenter.givesColumn("center", ["community_id"])).toBe(false);
    expect(townshipServiceCenter.givesColumn("estate", ["estate_id", "level"])).toBe(false);
  });
});

// The jiangsu-2011 pack sets 1,500 m² for street and town centers and 3,000 m² for county ones.
const centerSizes = { streetCenterMinimumArea: m2("1500"), countyCenterMinimumArea: m2("3000") };

testRule(serviceCenterSize, {
  valid: [
    {
      name: "a street center of exactly 1,500 m²",
      subject: center({ level: "street", office_area: m2("1500") }),
      links: { parameters: centerSizes },
      expected: { outcome: "pass" },
    },
    {
      name: "a county center of exactly 3,000 m²",
      subject: center({ level: "county", office_area: m2("3000") }),
      links: { parameters: centerSizes },
      expected: { outcome: "pass" },
    },
    {
      name: "a community is no service center",
      subject: center({ level: "community", office_area: m2("100") }),
      links: { parameters: centerSizes },
      expected: { outcome: "not-applicable" },
    },
    {
      name: "a pack that sets no size (suzhou-2010)",
      subject: center({ level: "town", office_area: m2("100") }),
      expected: { outcome: "not-applicable" },
    },
    {
      name: "a record without a level, in a file that has the column",
      subject: center({ office_area: m2("100") }),
      links: { parameters: centerSizes },
      expected: { outcome: "not-applicable" },
    },
  ],
  invalid: [
    {
      name: "a town center of 1,499.99 m²",
      subject: center({ level: "town", office_area: m2("1499.99") }),
      links: { parameters: centerSizes },
      expected: { outcome: "fail", messageId: "belowStreet", required: m2("1500") },
    },
    {
      name: "a county center of 2,999 m², above the street size",
      subject: center({ level: "county", office_area: m2("2999") }),
      links: { parameters: centerSizes },
      expected: { outcome: "fail", messageId: "belowCounty", required: m2("3000") },
    },
    {
      name: "a centers file without a level column",
      subject: center({ office_area: m2("1000") }),
      links: { parameters: centerSizes, columns: ["community_id", "office_area"] },
      expected: { outcome: "unknown", messageId: "noLevelColumn", missing: ["level"] },
    },
  ],
});
