import { formatDecimal, rateTimes } from "../model/decimal.js";
import {
  asCenter,
  communityHouseholds,
  compareArea,
  exampleCenter,
  householdMessages,
  isCounted,
  isServiceCenter,
  noHouseholdsVerdict,
  withLeftOut,
} from "./helpers.js";
import { notApplicable, type Rule } from "./types.js";

export const communitySpacePerHousehold: Rule = {
  id: "community-space-per-household",
  title: {
    zh: "城市社区办公用房不低于每户 0.2 平方米",
    en: "Urban community space is at least 0.2 m² per household",
  },
  kinds: ["center"],
  task: 4,
  defaultSeverity: "error",
  uses: ["communityRate", "communityRateScope", "pilotOnly"],
  interpretation: {
    zh: "城市社区:office_area ≥ 每户标准(苏州 0.2 ㎡)× households,精确小数比较。户数取社区行的 households;未填时取同时给出的住宅小区文件中 community_id 指向该社区的小区户数之和;两者皆无为“无法判断”(社区文件没有户数列且未给出小区文件时为“未检查”)。小区文件有被拒收的行时,按部分户数之和已不达标的仍判不合格(缺口至少如此),达标的为“无法判断”。农村社区不适用,除非规则包的标准也覆盖农村社区(communityRateScope: urban-and-rural,如 jiangsu-2022 的规划目标)。针对试点社区的规则包(pilotOnly,如 national-2022)不覆盖登记表标明不是试点的社区(是否试点列);没有该列时每个社区都判断。",
    en: "Urban communities: office_area ≥ rate (Suzhou 0.2 m²) × households, in exact decimals. Households come from the centers row; if not given, from the sum over the estates linked by community_id in the estates file given with it; neither is unknown (not checked when the centers file has no households column and no estates file was given). When estate rows were rejected, a sum that already fails still fails (the gap is at least that), one that passes is unknown. Rural communities are not applicable, unless the pack's standard covers them (communityRateScope: urban-and-rural, as jiangsu-2022's plan target does). A pack for pilot communities (pilotOnly, as national-2022) does not cover a community the register marks as no pilot (the pilot column, 是否试点); without that column every community is judged.",
  },
  messages: {
    below: {
      zh: "办公用房 {actual} ㎡,低于 {rate} ㎡/户 × {households} 户 = {required} ㎡,缺 {shortfall} ㎡",
      en: "office space {actual} m² is below {rate} m²/household × {households} households = {required} m²; short by {shortfall} m²",
    },
    belowLinked: {
      zh: "办公用房 {actual} ㎡,低于 {rate} ㎡/户 × {households} 户(所辖小区户数之和)= {required} ㎡,缺 {shortfall} ㎡",
      en: "office space {actual} m² is below {rate} m²/household × {households} households (summed over its estates) = {required} m²; short by {shortfall} m²",
    },
    ...householdMessages,
  },
  example: exampleCenter({ households: 2011, office_area: 402_200_000 }),
  check(subject, context) {
    const center = asCenter(subject);
    if (!center || isServiceCenter(center)) return notApplicable;
    // A pilot's figures do not cover a community the register marks as no pilot.
    if (context.parameters.pilotOnly && center.pilot === false) return notApplicable;
    const ruralToo = context.parameters.communityRateScope === "urban-and-rural";
    if (center.community_type !== "urban" && !ruralToo) return notApplicable;
    const counted = communityHouseholds(center, context);
    if (!isCounted(counted)) return noHouseholdsVerdict(counted);
    const rate = context.parameters.communityRate;
    const messageId = counted.source === "estates" ? "belowLinked" : "below";
    const verdict = compareArea(
      center.office_area,
      rateTimes(rate, counted.households),
      messageId,
      {
        rate: formatDecimal(rate),
        households: counted.households,
      },
    );
    return withLeftOut(verdict, counted);
  },
};
