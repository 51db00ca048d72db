import { asCenter, exampleCenter } from "./helpers.js";
import { ESTATES_FILE, notApplicable, pass, type Rule } from "./types.js";

export const communityHouseholdsConsistent: Rule = {
  id: "community-households-consistent",
  title: {
    zh: "社区户数与所辖小区户数一致",
    en: "A community's households cover its estates",
  },
  kinds: ["center"],
  // A consistency check between the registers, which no clause requires (not task 7).
  task: 0,
  defaultSeverity: "warning",
  uses: [],
  interpretation: {
    zh: "同时给出住宅小区文件时:community_id 指向该社区的小区户数之和大于社区自填的 households,即提示数据不一致(每户标准会因此低估)。社区未填户数的不适用(社区文件没有户数列时为“未检查”);小区文件有被拒收的行时,未超过的为“无法判断”。",
    en: "When an estates file is given: the households of the estates linked to a community add up to more than the community's own households — the data disagree, and per-household standards would be understated. A community without households is not applicable (not checked when the centers file has no households column); when estate rows were rejected, a sum not above is unknown.",
  },
  messages: {
    exceeds: {
      zh: "所辖小区共 {actual} 户,多于社区填报的 {required} 户",
      en: "its estates have {actual} households, more than the community's own {required}",
    },
    noLinkColumn: {
      zh: "住宅小区文件没有所属社区编号列,无法与所辖小区户数核对",
      en: "the estates file has no community_id column to compare the community with its estates",
    },
    noHouseholdsColumn: {
      zh: "社区文件没有户数列,无法与所辖小区户数核对",
      en: "the centers file has no households column to compare with its estates",
    },
    partialSum: {
      zh: "所辖小区共 {actual} 户,未超过社区填报的 {required} 户,但未计入被拒收的 {leftOut} 行小区,无法判断",
      en: "its estates have {actual} households, not more than the community's own {required}, but {leftOut} rejected estate rows are left out: cannot decide",
    },
  },
  quietWhenMissing: ["households", ESTATES_FILE],
  example: exampleCenter({ households: 1200 }),
  check(subject, context) {
    const center = asCenter(subject);
    if (!center || !context.estates) return notApplicable;
    if (!context.estates.linked) {
      return { outcome: "unknown", messageId: "noLinkColumn", missing: [ESTATES_FILE] };
    }
    if (center.households === undefined) {
      return context.hasColumn(subject, "households")
        ? notApplicable
        : { outcome: "unknown", messageId: "noHouseholdsColumn", missing: ["households"] };
    }
    const linked = context.estates.householdsOf(center.community_id);
    if (linked !== undefined && linked > center.households) {
      return {
        outcome: "fail",
        messageId: "exceeds",
        data: { actual: linked, required: center.households },
        actual: linked,
        required: center.households,
        unit: "households",
      };
    }
    // More estates could only add households: a sum that leaves rows out cannot pass.
    const leftOut = context.estates.leftOutOf(center.community_id);
    if (leftOut > 0) {
      return {
        outcome: "unknown",
        messageId: "partialSum",
        data: { actual: linked ?? 0, required: center.households, leftOut },
      };
    }
    return pass;
  },
};
