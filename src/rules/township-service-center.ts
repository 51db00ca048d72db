import { exampleCenter } from "./helpers.js";
import { pass, type StreetRule } from "./types.js";

export const townshipServiceCenter: StreetRule = {
  id: "township-service-center",
  title: {
    zh: "各乡镇(街道)建有多功能社区服务中心",
    en: "Every town and street has a multi-function community service center",
  },
  kinds: ["estate", "center"],
  task: 1,
  defaultSeverity: "warning",
  uses: [],
  interpretation: {
    zh: "数据中出现的每个街道或镇(住宅小区或社区记录的 subdistrict),应至少有一条 level(层级)为街道或镇的社区用房记录(多功能社区服务中心)。每个街道或镇判断一次,问题列在首条写到它的记录处。社区文件有层级列但都未填时为“无法判断”;没有层级列时为“未检查”(提示,每次运行一条)。",
    en: "Every street or town that appears in the data (the subdistrict of an estate or a center) should have at least one center record whose level is street or town (its multi-function community service center). Judged once per street or town, the finding at the first record that names it. A centers file with a level column but no level given is unknown; without a level column the rule is not checked (info, once per run).",
  },
  messages: {
    noCenter: {
      zh: "{district}{subdistrict} 没有街道(镇)级多功能社区服务中心(社区用房中无层级为街道或镇的记录)",
      en: "{district} {subdistrict} has no street- or town-level multi-function service center (no center record of level street or town)",
    },
    noLevels: {
      zh: "{district}{subdistrict}:社区用房记录均未填层级,无法判断是否建有多功能社区服务中心",
      en: "{district} {subdistrict}: no center record gives its level, so whether a multi-function service center exists cannot be told",
    },
    noColumn: {
      zh: "社区用房文件没有层级(level)列,无法核对各街道(镇)的多功能社区服务中心",
      en: "no centers file has a level column: the streets' and towns' service centers cannot be checked",
    },
  },
  quietWhenMissing: ["level"],
  scope: "street",
  example: exampleCenter({ subdistrict: "平江街道", level: "community" }),
  // Its fact is a center's level: a centers file with the column can give it, and a center of
  // level street or town marks its street as having its service center.
  givesColumn(kind, columns) {
    return kind === "center" && columns.includes("level");
  },
  observe(subject) {
    if (subject.kind !== "center" || subject.record.level === undefined) return undefined;
    const level = subject.record.level;
    return { given: true, marks: level === "street" || level === "town" };
  },
  checkStreet(street) {
    if (street.marked) return pass;
    const data = { district: street.district, subdistrict: street.subdistrict };
    if (!street.columnGiven)
      return { outcome: "unknown", messageId: "noColumn", missing: ["level"] };
    if (!street.factGiven) return { outcome: "unknown", messageId: "noLevels", data };
    return { outcome: "fail", messageId: "noCenter", data };
  },
};
