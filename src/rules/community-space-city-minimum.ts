import { asCenter, compareArea, exampleCenter, isServiceCenter } from "./helpers.js";
import { notApplicable, type Rule } from "./types.js";

export const communitySpaceCityMinimum: Rule = {
  id: "community-space-city-minimum",
  title: {
    zh: "市区城市社区办公用房不低于 400 平方米",
    en: "Urban communities in the city proper have at least 400 m²",
  },
  kinds: ["center"],
  task: 4,
  defaultSeverity: "error",
  uses: ["cityMinimumArea", "cityMinimumScope"],
  interpretation: {
    zh: "苏州市区的城市社区:office_area ≥ 400 ㎡(规则包参数 cityMinimumArea)。是否市区优先取 city_proper 列,否则按规则包的区名单(含历史区名平江、沧浪、金阊);名单外的区为“无法判断”,请补入规则包或填写 city_proper。县级市与农村社区不适用。规则包的标准针对每个社区时(cityMinimumScope: all-communities,如 jiangsu-2011),城乡、市区内外的社区都判断。街道、镇、区县级服务中心(层级)不是社区,不适用。",
    en: "Urban communities in the city proper: office_area ≥ 400 m² (pack parameter cityMinimumArea). City proper comes from the city_proper column when given, else the pack's district lists (historical 平江, 沧浪, 金阊 included); a district on neither list is unknown: add it to the rule pack or give city_proper. County-level cities and rural communities are not applicable. A pack whose standard is for every community (cityMinimumScope: all-communities, as jiangsu-2011's) judges every community, urban or rural, in or out of the city proper. A street's, town's or county's service center (level) is not a community.",
  },
  messages: {
    below: {
      zh: "市区城市社区办公用房 {actual} ㎡,低于 {required} ㎡,缺 {shortfall} ㎡",
      en: "office space {actual} m² is below the city-proper minimum of {required} m²; short by {shortfall} m²",
    },
    belowEvery: {
      zh: "社区办公用房 {actual} ㎡,低于每个社区 {required} ㎡ 的标准,缺 {shortfall} ㎡",
      en: "office space {actual} m² is below the {required} m² every community should have; short by {shortfall} m²",
    },
    unknownDistrict: {
      zh: "无法判断“{district}”是否属于市区:请把该区补入规则包的市区名单,或在登记表中填写“是否市区”列",
      en: "cannot tell whether '{district}' is in the city proper: add it to the rule pack's city-proper list, or fill in the register's city_proper (是否市区) column",
    },
  },
  example: exampleCenter({ district: "平江区", office_area: 350_000_000 }),
  check(subject, context) {
    const center = asCenter(subject);
    if (!center || isServiceCenter(center)) return notApplicable;
    if (context.parameters.cityMinimumScope === "all-communities") {
      return compareArea(center.office_area, context.parameters.cityMinimumArea, "belowEvery");
    }
    if (center.community_type !== "urban") return notApplicable;
    const cityProper = context.isCityProper(center);
    if (cityProper === undefined) {
      return {
        outcome: "unknown",
        messageId: "unknownDistrict",
        data: { district: center.district },
      };
    }
    if (!cityProper) return notApplicable;
    return compareArea(center.office_area, context.parameters.cityMinimumArea, "below");
  },
};
