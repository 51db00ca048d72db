import { exampleEstate } from "./helpers.js";
import { pass, type Rule } from "./types.js";

export const spaceFiling: Rule = {
  id: "space-filing",
  title: { zh: "社区用房检查备案", en: "Community space is inspected and filed" },
  kinds: ["estate", "center"],
  task: 7,
  defaultSeverity: "warning",
  uses: [],
  interpretation: {
    zh: "住宅小区与社区用房记录的 filing_no(备案编号)为空即提示。文件没有该列时为“未检查”,每个文件只报告一条提示(info),不逐行报告。",
    en: "Estates and centers whose filing_no is empty. A file without that column leaves the rule not checked on its rows, reported once per file as info, not per row.",
  },
  messages: {
    notFiled: {
      zh: "社区用房未备案(备案编号为空)",
      en: "the community space has no filing record (filing_no is empty)",
    },
  },
  quietWhenMissing: ["filing_no"],
  example: exampleEstate({}),
  check(subject, context) {
    if (subject.record.filing_no !== undefined) return pass;
    if (!context.hasColumn(subject, "filing_no")) {
      return { outcome: "unknown", messageId: "notFiled", missing: ["filing_no"] };
    }
    return { outcome: "fail", messageId: "notFiled" };
  },
};
