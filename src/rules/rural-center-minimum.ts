import { formatDecimal, rateTimes } from "../model/decimal.js";
import {
  asCenter,
  communityHouseholds,
  compareArea,
  exampleCenter,
  householdMessages,
  isCounted,
  noHouseholdsVerdict,
  withLeftOut,
} from "./helpers.js";
import { notApplicable, type Rule } from "./types.js";

const zoneNames = {
  "town-planning-area": { zh: "城镇规划区", en: "town planning area" },
  "development-zone": { zh: "经济开发区", en: "development zone" },
} as const;

export const ruralCenterMinimum: Rule = {
  id: "rural-center-minimum",
  title: {
    zh: "农村社区服务中心用房面积分类达标",
    en: "Rural community service centers meet their standard",
  },
  kinds: ["center"],
  task: 3,
  defaultSeverity: "error",
  uses: ["cityMinimumArea", "communityRate", "ruralOtherMinimumArea"],
  interpretation: {
    zh: "农村社区:zone 为城镇规划区或经济开发区的,不低于城市社区标准,即 office_area ≥ 400 ㎡ 且 ≥ 0.2 ㎡/户,缺口取两者较大者;zone 为其他的,office_area ≥ 500 ㎡;未填 zone 为“无法判断”(文件没有区位列时为“未检查”)。户数缺失时,400 ㎡ 仍可判定,若已达到则为“无法判断”。",
    en: "Rural communities: in a town-planning-area or development-zone, not below the urban standard, i.e. office_area ≥ 400 m² and ≥ 0.2 m² per household, the shortfall being the larger gap; zone other needs office_area ≥ 500 m²; no zone is unknown (not checked when the file has no zone column). Without households the 400 m² part still decides a failure; meeting it is unknown.",
  },
  messages: {
    belowOther: {
      zh: "农村社区服务中心 {actual} ㎡,低于 {required} ㎡,缺 {shortfall} ㎡",
      en: "rural service center {actual} m² is below {required} m²; short by {shortfall} m²",
    },
    belowUrban: {
      zh: "位于{zoneName}的农村社区服务中心 {actual} ㎡,低于城市社区标准 {required} ㎡({minimum} ㎡ 与 {rate} ㎡/户 × {households} 户取大),缺 {shortfall} ㎡",
      en: "rural service center in a {zoneName}: {actual} m² is below the urban standard of {required} m² (the larger of {minimum} m² and {rate} m²/household × {households} households); short by {shortfall} m²",
    },
    belowUrbanMinimum: {
      zh: "位于{zoneName}的农村社区服务中心 {actual} ㎡,低于城市社区标准 {required} ㎡,缺 {shortfall} ㎡(未填户数,未核每户标准)",
      en: "rural service center in a {zoneName}: {actual} m² is below the urban minimum of {required} m²; short by {shortfall} m² (no households, so the per-household part was not checked)",
    },
    noZone: {
      zh: "未填区位(城镇规划区/经济开发区/其他),无法确定适用标准",
      en: "zone not given (town-planning-area, development-zone or other): the standard cannot be chosen",
    },
    ...householdMessages,
  },
  example: exampleCenter({
    community_type: "rural",
    zone: "other",
    district: "常熟市",
    office_area: 460_000_000,
  }),
  check(subject, context) {
    const center = asCenter(subject);
    if (center?.community_type !== "rural") return notApplicable;
    const { zone, office_area: area } = center;
    const parameters = context.parameters;
    if (zone === undefined) return { outcome: "unknown", messageId: "noZone", missing: ["zone"] };
    if (zone === "other") return compareArea(area, parameters.ruralOtherMinimumArea, "belowOther");
    const zoneWords = {
      zoneName: zoneNames[zone],
      minimum: formatDecimal(parameters.cityMinimumArea),
    };
    const counted = communityHouseholds(center, context);
    if (!isCounted(counted)) {
      const verdict = compareArea(area, parameters.cityMinimumArea, "belowUrbanMinimum", zoneWords);
      return verdict.outcome === "pass" ? noHouseholdsVerdict(counted, zoneWords) : verdict;
    }
    const required = Math.max(
      parameters.cityMinimumArea,
      rateTimes(parameters.communityRate, counted.households),
    );
    const verdict = compareArea(area, required, "belowUrban", {
      ...zoneWords,
      rate: formatDecimal(parameters.communityRate),
      households: counted.households,
    });
    return withLeftOut(verdict, counted);
  },
};
