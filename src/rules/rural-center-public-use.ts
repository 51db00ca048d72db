import { formatDecimal } from "../model/decimal.js";
import { asCenter, compareArea, exampleCenter } from "./helpers.js";
import { notApplicable, type Rule } from "./types.js";

export const ruralCenterPublicUse: Rule = {
  id: "rural-center-public-use",
  title: {
    zh: "农村社区服务中心用于公共服务和公益性服务",
    en: "Rural service centers are used for public services",
  },
  kinds: ["center"],
  task: 3,
  defaultSeverity: "error",
  uses: ["ruralOtherMinimumArea"],
  interpretation: {
    zh: "zone 为其他的农村社区服务中心,填写了 public_service_area 的:用于公共服务和公益性服务的面积低于 500 ㎡ 即不合格。未填该面积为“无法判断”,文件没有该列时为“未检查”(总面积由 rural-center-minimum 检查)。",
    en: "Rural centers in zone other: fails when public_service_area, the area used for public and public-benefit services, is below 500 m². A blank area is unknown, a file without that column not checked (the whole area is checked by rural-center-minimum).",
  },
  messages: {
    below: {
      zh: "用于公共服务和公益性服务的面积 {actual} ㎡,低于 {required} ㎡,缺 {shortfall} ㎡",
      en: "area used for public services {actual} m² is below {required} m²; short by {shortfall} m²",
    },
    noPublicArea: {
      zh: "未填用于公共服务和公益性服务的面积,无法核对 {required} ㎡ 的标准",
      en: "public_service_area not given: the {required} m² standard cannot be checked",
    },
  },
  example: exampleCenter({
    community_type: "rural",
    zone: "other",
    district: "太仓市",
    office_area: 620_000_000,
    public_service_area: 410_000_000,
  }),
  check(subject, context) {
    const center = asCenter(subject);
    if (center?.community_type !== "rural" || center.zone !== "other") return notApplicable;
    if (center.public_service_area === undefined) {
      return {
        outcome: "unknown",
        messageId: "noPublicArea",
        data: { required: formatDecimal(context.parameters.ruralOtherMinimumArea) },
        missing: ["public_service_area"],
      };
    }
    return compareArea(
      center.public_service_area,
      context.parameters.ruralOtherMinimumArea,
      "below",
    );
  },
};
