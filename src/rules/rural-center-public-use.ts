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
    zh: "zone 为其他的农村社区服务中心,填写了 public_service_area 的:用于公共服务和公益性服务的面积低于 500 ㎡ 即不合格。未填该面积则不适用(面积本身由 rural-center-minimum 检查)。",
    en: "Rural centers in zone other that give public_service_area: fails when the area used for public and public-benefit services is below 500 m². Not given is not applicable (the area itself is checked by rural-center-minimum).",
  },
  messages: {
    below: {
      zh: "用于公共服务和公益性服务的面积 {actual} ㎡,低于 {required} ㎡,缺 {shortfall} ㎡",
      en: "area used for public services {actual} m² is below {required} m²; short by {shortfall} m²",
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
    if (center.public_service_area === undefined) return notApplicable;
    return compareArea(
      center.public_service_area,
      context.parameters.ruralOtherMinimumArea,
      "below",
    );
  },
};
