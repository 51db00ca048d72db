import { communityActivityShare } from "./community-activity-share.js";
import { communityHouseholdsConsistent } from "./community-households-consistent.js";
import { communitySpaceCityMinimum } from "./community-space-city-minimum.js";
import { communitySpacePerHousehold } from "./community-space-per-household.js";
import { districtKnown } from "./district-known.js";
import { estateCommunityExists } from "./estate-community-exists.js";
import { estateJointConsultation } from "./estate-joint-consultation.js";
import { estateSpacePerHousehold } from "./estate-space-per-household.js";
import { estateSpacePhaseOne } from "./estate-space-phase-one.js";
import { estateSpaceSynchronous } from "./estate-space-synchronous.js";
import { oldTownRetrofit } from "./old-town-retrofit.js";
import { ruralCenterMinimum } from "./rural-center-minimum.js";
import { ruralCenterPublicUse } from "./rural-center-public-use.js";
import { serviceCenterSize } from "./service-center-size.js";
import { spaceFiling } from "./space-filing.js";
import { townshipServiceCenter } from "./township-service-center.js";
import type { Rule } from "./types.js";

/** Every rule, in the order reports list them. Adding a rule: one module and one line here. */
export const rules: readonly Rule[] = [
  estateSpacePerHousehold,
  estateSpacePhaseOne,
  estateSpaceSynchronous,
  communitySpacePerHousehold,
  communitySpaceCityMinimum,
  ruralCenterMinimum,
  ruralCenterPublicUse,
  oldTownRetrofit,
  spaceFiling,
  estateCommunityExists,
  communityHouseholdsConsistent,
  districtKnown,
  communityActivityShare,
  estateJointConsultation,
  townshipServiceCenter,
  serviceCenterSize,
];

export const ruleIds = rules.map((rule) => rule.id);

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}
