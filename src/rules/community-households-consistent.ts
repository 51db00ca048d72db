import { asCenter, exampleCenter } from "./helpers.js";
import { notApplicable, pass, type Rule } from "./types.js";

export const communityHouseholdsConsistent: Rule = {
  id: "community-households-consistent",
  title: {
    zh: "社区户数与所辖小区户数一致",
    en: "A community's households cover its estates",
  },
  kinds: ["center"],
  task: 7,
  defaultSeverity: "warning",
  uses: [],
  interpretation: {
    zh: "同时给出住宅小区文件时:community_id 指向该社区的小区户数之和大于社区自填的 households,即提示数据不一致(每户标准会因此低估)。社区未填户数或没有关联小区的不适用。",
    en: "When an estates file is given: the households of the estates linked to a community add up to more than the community's own households — the data disagree, and per-household standards would be understated. No households or no linked estates is not applicable.",
  },
  messages: {
    exceeds: {
      zh: "所辖小区共 {actual} 户,多于社区填报的 {required} 户",
      en: "its estates have {actual} households, more than the community's own {required}",
    },
  },
  example: exampleCenter({ households: 1200 }),
  check(subject, context) {
    const center = asCenter(subject);
    if (!center || !context.estates || center.households === undefined) return notApplicable;
    const linked = context.estates.householdsOf(center.community_id);
    if (linked === undefined || linked <= center.households) return pass;
    return {
      outcome: "fail",
      messageId: "exceeds",
      data: { actual: linked, required: center.households },
      actual: linked,
      required: center.households,
      unit: "households",
    };
  },
};
