import { exampleEstate } from "./helpers.js";
import { notApplicable, pass, type Rule } from "./types.js";

/**
 * A record's district is one the rule pack knows: a mistyped one (虎邱区) would otherwise make a
 * district of its own in every table and escape the rules that go by district (the city proper,
 * the old town). A data check, not a task of the policy.
 */
export const districtKnown: Rule = {
  id: "district-known",
  title: { zh: "所属区为规则包中的区", en: "A record's district is one the pack knows" },
  kinds: ["estate", "center"],
  task: 0,
  defaultSeverity: "warning",
  uses: [],
  interpretation: {
    zh: "每条记录的所属区应是规则包区名单中的区(含别名与历史区名,忽略“江苏省”“苏州市”前缀);名单外的区提示,并给出相差一个字的最可能的区名。规则包未列任何区时不适用。这是数据核对,不是政策任务。",
    en: "Every record's district should be one of the pack's districts (aliases and historical names included, 江苏省/苏州市 prefixes ignored); one the pack does not list is reported, with the pack's likeliest name one character away. A pack that lists no district leaves the rule not applicable. A data check, not a task of the policy.",
  },
  messages: {
    unknownDistrict: {
      zh: "所属区“{district}”不在规则包的区名单中,请核对",
      en: "district '{district}' is not one the rule pack lists: check it",
    },
    didYouMean: {
      zh: "所属区“{district}”不在规则包的区名单中,是否应为“{suggestion}”?",
      en: "district '{district}' is not one the rule pack lists; did you mean '{suggestion}'?",
    },
  },
  example: exampleEstate({ district: "虎邱区" }),
  check(subject, context) {
    const district = subject.record.district;
    const found = context.district(district);
    if ("known" in found) return pass;
    if (!found.lists) return notApplicable;
    return found.suggestion
      ? {
          outcome: "fail",
          messageId: "didYouMean",
          data: { district, suggestion: found.suggestion },
        }
      : { outcome: "fail", messageId: "unknownDistrict", data: { district } };
  },
};
