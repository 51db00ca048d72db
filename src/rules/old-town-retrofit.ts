import { formatDecimal, rateTimes, shortfallToCentiUnits } from "../model/decimal.js";
import {
  areaData,
  asCenter,
  communityHouseholds,
  exampleCenter,
  householdMessages,
  isCounted,
  noHouseholdsVerdict,
  withLeftOut,
} from "./helpers.js";
import { notApplicable, pass, type Rule } from "./types.js";

export const oldTownRetrofit: Rule = {
  id: "old-town-retrofit",
  title: {
    zh: "老城区社区用房改造“以奖代补”候选",
    en: "Old-town community space: a candidate for reward-in-lieu-of-subsidy retrofit",
  },
  kinds: ["center"],
  task: 51,
  relatedTasks: [4],
  defaultSeverity: "info",
  uses: ["cityMinimumArea", "communityRate"],
  interpretation: {
    zh: "老城区(old_town 列,否则规则包的老城区名单)的城市社区:办公用房低于 400 ㎡ 或低于 0.2 ㎡/户的,列为“以奖代补”改造候选(eligible),缺口取两者较大者。原文规定“具体办法另行制定”:是否符合条件由市里的办法认定,这里的条件是本规则包的理解,不是认定。达标的不列出。户数缺失且已达 400 ㎡ 为“无法判断”;区不在任何名单上也为“无法判断”。",
    en: "Urban communities in the old town (old_town column, else the pack's list): below 400 m² or below 0.2 m² per household is a candidate for the 以奖代补 retrofit, with the larger gap as the shortfall. The policy leaves the criteria to measures to follow (具体办法另行制定): who qualifies is for the city's measures to decide, and these criteria are this pack's reading, not a decision. Compliant ones are not listed. Missing households with 400 m² met is unknown; a district on no list is unknown.",
  },
  messages: {
    eligible: {
      zh: "老城区社区办公用房 {actual} ㎡,未达 {required} ㎡,缺 {shortfall} ㎡,可列为“以奖代补”改造候选(按本规则包的理解,以市里办法为准)",
      en: "old-town community space {actual} m² misses {required} m²; short by {shortfall} m², a candidate for 以奖代补 retrofit (the pack's reading, pending the city's measures)",
    },
    ...householdMessages,
    unknownDistrict: {
      zh: "无法判断“{district}”是否属于老城区:请把该区补入规则包的老城区名单,或在登记表中填写“是否老城区”列",
      en: "cannot tell whether '{district}' is in the old town: add it to the rule pack's old-town list, or fill in the register's old_town (是否老城区) column",
    },
  },
  example: exampleCenter({ district: "姑苏区", households: 2600, office_area: 380_000_000 }),
  check(subject, context) {
    const center = asCenter(subject);
    if (center?.community_type !== "urban") return notApplicable;
    const oldTown = context.isOldTown(center);
    if (oldTown === undefined) {
      return {
        outcome: "unknown",
        messageId: "unknownDistrict",
        data: { district: center.district },
      };
    }
    if (!oldTown) return notApplicable;
    const { cityMinimumArea, communityRate } = context.parameters;
    const found = communityHouseholds(center, context);
    const counted = isCounted(found) ? found : undefined;
    const required = Math.max(
      cityMinimumArea,
      counted ? rateTimes(communityRate, counted.households) : 0,
    );
    const area = center.office_area;
    if (area < required) {
      // The retrofit worklist names the standards missed and each gap, not only the larger one.
      const perHouseholdRequired = counted ? rateTimes(communityRate, counted.households) : null;
      return {
        outcome: "eligible",
        messageId: "eligible",
        data: {
          ...areaData(area, required),
          households: counted?.households ?? "",
          minimum: formatDecimal(cityMinimumArea),
          rate: formatDecimal(communityRate),
          minimumShortfall: shortfallToCentiUnits(Math.max(cityMinimumArea - area, 0)),
          perHouseholdShortfall:
            perHouseholdRequired === null
              ? ""
              : shortfallToCentiUnits(Math.max(perHouseholdRequired - area, 0)),
        },
        actual: area,
        required,
        shortfall: required - area,
        unit: "m2",
      };
    }
    if (!isCounted(found)) {
      return noHouseholdsVerdict(found, {
        minimum: formatDecimal(cityMinimumArea),
        rate: formatDecimal(communityRate),
      });
    }
    return withLeftOut(pass, found);
  },
};
