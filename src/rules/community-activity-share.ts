import { formatDecimal } from "../model/decimal.js";
import { asCenter, compareArea, exampleCenter } from "./helpers.js";
import { notApplicable, type Rule } from "./types.js";

/** ⌈share × area⌉ in millionths of a m², exactly (the product can pass 2^53). */
function shareOf(share: number, area: number): number {
  const product = BigInt(share) * BigInt(area);
  const million = 1_000_000n;
  return Number((product + million - 1n) / million);
}

export const communityActivityShare: Rule = {
  id: "community-activity-share",
  title: {
    zh: "社区综合服务设施主要用于居民活动",
    en: "Community service space is mostly for residents' activities",
  },
  kinds: ["center"],
  // Suzhou's policy sets no share: national-2022 cites the notice that does (its task 102).
  task: 900,
  defaultSeverity: "off",
  uses: ["activityShare", "pilotOnly"],
  interpretation: {
    zh: "城市社区:activity_area(用于居民活动的面积)≥ 规则包的比例(2022 年完整社区建设试点通知:60%)× office_area(社区综合服务设施面积),精确小数比较。未填活动面积为“无法判断”,文件没有该列时为“未检查”;office_area 为 0 的不适用(由按户标准判断)。农村社区不适用。针对试点社区的规则包(pilotOnly,如 national-2022)不覆盖登记表标明不是试点的社区(是否试点列);没有该列时每个社区都判断。",
    en: "Urban communities: activity_area, the area used for residents' activities, ≥ the pack's share (the 2022 complete-community notice: 60 %) × office_area, the community's service space, in exact decimals. A blank activity area is unknown, a file without that column not checked; an office_area of 0 is not applicable (the per-household standard judges it). Rural communities are not applicable. A pack for pilot communities (pilotOnly, as national-2022) does not cover a community the register marks as no pilot (the pilot column, 是否试点); without that column every community is judged.",
  },
  messages: {
    below: {
      zh: "居民活动用房 {actual} ㎡,低于服务设施面积 {area} ㎡ 的 {percent}%({required} ㎡),缺 {shortfall} ㎡",
      en: "residents' activity space {actual} m² is below {percent} % of the {area} m² of service space ({required} m²); short by {shortfall} m²",
    },
    noActivityArea: {
      zh: "未填居民活动用房面积,无法核对其占服务设施面积 {percent}% 的标准",
      en: "activity_area not given: the {percent} % share of the service space cannot be checked",
    },
  },
  example: exampleCenter({ office_area: 420_000_000, activity_area: 240_000_000 }),
  check(subject, context) {
    const center = asCenter(subject);
    if (center?.community_type !== "urban" || center.office_area === 0) return notApplicable;
    // A pilot's figures do not cover a community the register marks as no pilot.
    if (context.parameters.pilotOnly && center.pilot === false) return notApplicable;
    const share = context.parameters.activityShare;
    const percent = formatDecimal(share * 100);
    if (center.activity_area === undefined) {
      return {
        outcome: "unknown",
        messageId: "noActivityArea",
        data: { percent },
        missing: ["activity_area"],
      };
    }
    return compareArea(center.activity_area, shareOf(share, center.office_area), "below", {
      percent,
      area: formatDecimal(center.office_area),
    });
  },
};
