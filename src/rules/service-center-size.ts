import { asCenter, compareArea, exampleCenter } from "./helpers.js";
import { notApplicable, type Rule } from "./types.js";

/**
 * The size of a street's, town's or county's community service center, where a pack sets one
 * (jiangsu-2011: 1,500 m² for a street or town, 3,000 m² for a county or district). The seed
 * asks only that each street and town have one (task 1, township-service-center).
 */
export const serviceCenterSize: Rule = {
  id: "service-center-size",
  title: {
    zh: "街道(镇)、区县社区服务中心达到规定面积",
    en: "Street, town and county service centers are of the set size",
  },
  kinds: ["center"],
  task: 1,
  defaultSeverity: "off",
  uses: ["streetCenterMinimumArea", "countyCenterMinimumArea"],
  interpretation: {
    zh: "层级(level)为街道或镇的社区服务中心:office_area ≥ 规则包的街道(镇)中心面积(jiangsu-2011:1500 ㎡);层级为区县的:≥ 区县中心面积(jiangsu-2011:3000 ㎡),精确小数比较。社区、村和未填层级的记录不适用;规则包未设该面积时不适用。社区文件没有层级列时为“未检查”(提示)。",
    en: "A service center of level street or town: office_area ≥ the pack's street-or-town center size (jiangsu-2011: 1,500 m²); of level county: ≥ the county center size (jiangsu-2011: 3,000 m²), in exact decimals. Community, village and records without a level are not applicable, as is a level the pack sets no size for. A centers file without a level column leaves the rule not checked (info).",
  },
  messages: {
    belowStreet: {
      zh: "街道(镇)社区服务中心 {actual} ㎡,低于 {required} ㎡,缺 {shortfall} ㎡",
      en: "the street or town service center's {actual} m² is below {required} m²; short by {shortfall} m²",
    },
    belowCounty: {
      zh: "区县社区服务中心 {actual} ㎡,低于 {required} ㎡,缺 {shortfall} ㎡",
      en: "the county or district service center's {actual} m² is below {required} m²; short by {shortfall} m²",
    },
    noLevelColumn: {
      zh: "社区用房文件没有层级(level)列,无法区分街道(镇)、区县服务中心",
      en: "the centers file has no level column: street, town and county service centers cannot be told apart",
    },
  },
  quietWhenMissing: ["level"],
  example: exampleCenter({ level: "street", subdistrict: "平江街道", office_area: 1_400_000_000 }),
  check(subject, context) {
    const center = asCenter(subject);
    if (!center) return notApplicable;
    if (center.level === undefined) {
      return context.hasColumn(subject, "level")
        ? notApplicable
        : { outcome: "unknown", messageId: "noLevelColumn", missing: ["level"] };
    }
    const { streetCenterMinimumArea, countyCenterMinimumArea } = context.parameters;
    if ((center.level === "street" || center.level === "town") && streetCenterMinimumArea > 0) {
      return compareArea(center.office_area, streetCenterMinimumArea, "belowStreet");
    }
    if (center.level === "county" && countyCenterMinimumArea > 0) {
      return compareArea(center.office_area, countyCenterMinimumArea, "belowCounty");
    }
    return notApplicable;
  },
};
