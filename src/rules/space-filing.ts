import { exampleEstate } from "./helpers.js";
import { notApplicable, pass, type Rule } from "./types.js";

export const spaceFiling: Rule = {
  id: "space-filing",
  title: { zh: "社区用房检查备案", en: "Community space is inspected and filed" },
  kinds: ["estate", "center"],
  task: 7,
  defaultSeverity: "warning",
  uses: [],
  interpretation: {
    zh: "住宅小区与社区用房记录的 filing_no(备案编号)为空即提示。文件没有该列时只给出一条说明,不逐行报告。",
    en: "Estates and centers whose filing_no is empty. A file without that column gets one notice, not a finding per row.",
  },
  messages: {
    notFiled: {
      zh: "社区用房未备案(备案编号为空)",
      en: "the community space has no filing record (filing_no is empty)",
    },
  },
  example: exampleEstate({}),
  check(subject, context) {
    if (!context.hasColumn(subject, "filing_no")) return notApplicable;
    if (subject.record.filing_no !== undefined) return pass;
    return { outcome: "fail", messageId: "notFiled" };
  },
};
