import { dateRange } from "../model/calendar.js";
import { asEstate, exampleEstate } from "./helpers.js";
import { notApplicable, pass, type Rule } from "./types.js";

/** The day the pack's highest per-household standard starts: estates from then on are "new". */
function newStandardFrom(steps: ReadonlyArray<{ from: string | null }>): string | undefined {
  return steps.reduce<string | undefined>(
    (latest, step) =>
      step.from !== null && (latest === undefined || step.from > latest) ? step.from : latest,
    undefined,
  );
}

export const estateJointConsultation: Rule = {
  id: "estate-joint-consultation",
  title: {
    zh: "新建社区用房经联动会商",
    en: "New community space went through the joint consultation",
  },
  kinds: ["estate"],
  task: 6,
  // Info: a process record registers seldom carry. A file without the column gets one info
  // notice, and being info the rule does not make its records "unchecked" in the area tables.
  defaultSeverity: "info",
  uses: ["estateRates"],
  interpretation: {
    zh: "土地在规则包最新一档标准生效日(苏州 2010-01-01)或之后出让的新建小区,应有联动会商记录(consultation_no,会商编号);没有的提示。任务 6 没有给出生效日期:以最新一档标准的生效日为界是本规则包的理解。之前出让的不适用;未填土地出让日期为“无法判断”。文件没有会商编号列时为“未检查”,每个文件只报告一条提示(info)。默认级别为提示:会商是过程记录,多数登记表没有此列。",
    en: "Estates whose land was transferred on or after the day the pack's latest per-household standard starts (Suzhou: 2010-01-01) should have a joint-consultation record (consultation_no); one without is reported. Task 6 gives no date: taking the latest standard's start as the line is this pack's reading. Earlier estates are not applicable; no land transfer date is unknown. A file without the column leaves the rule not checked, reported once per file as info. Info by default: the consultation is a process record most registers do not carry.",
  },
  messages: {
    noConsultation: {
      zh: "土地 {date} 出让的新建小区,没有社区用房联动会商记录(会商编号为空)",
      en: "a new estate (land transferred {date}) has no joint-consultation record for its community space (consultation_no is empty)",
    },
    noColumn: {
      zh: "文件没有会商编号(consultation_no)列,无法核对联动会商记录",
      en: "the file has no consultation_no column: the joint-consultation records cannot be checked",
    },
    straddles: {
      zh: "土地出让日期只知到 {date},跨越标准生效日 {from},无法判断是否应有联动会商记录",
      en: "land transferred {date}, a period that spans the standard's start ({from}): whether a joint consultation was due cannot be told",
    },
    noDate: {
      zh: "未填土地出让日期,无法判断是否应有联动会商记录",
      en: "no land_transfer_date: whether a joint consultation was due cannot be told",
    },
  },
  quietWhenMissing: ["consultation_no"],
  example: exampleEstate({ land_transfer_date: "2012-05-01" }),
  check(subject, context) {
    const estate = asEstate(subject);
    if (!estate) return notApplicable;
    if (estate.consultation_no !== undefined) return pass;
    if (!context.hasColumn(subject, "consultation_no")) {
      return { outcome: "unknown", messageId: "noColumn", missing: ["consultation_no"] };
    }
    const date = estate.land_transfer_date;
    if (date === undefined) {
      return { outcome: "unknown", messageId: "noDate", missing: ["land_transfer_date"] };
    }
    const from = newStandardFrom(context.parameters.estateRates);
    const { first, last } = dateRange(date);
    if (from === undefined || last < from) return notApplicable;
    if (first < from) return { outcome: "unknown", messageId: "straddles", data: { date, from } };
    return { outcome: "fail", messageId: "noConsultation", data: { date } };
  },
};
